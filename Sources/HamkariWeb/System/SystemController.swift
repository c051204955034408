import Foundation
import HamkariStore
import Hummingbird

/// Operational endpoints: liveness with a database check, Prometheus metrics, the stylesheet.
struct SystemController: Sendable {
    let store: Store

    struct Health: Encodable, Sendable {
        let status: String
        let database: String
    }

    func addRoutes(to guarded: GuardedRouter) {
        guarded.open(.get, "/healthz") { _, _ in
            do {
                try await store.backend.read { try await $0.raw("SELECT 1 AS one").run() }
            } catch {
                throw AppError.unavailable
            }
            return JSONBody(value: Health(status: "ok", database: store.backend.dialect.rawValue))
        }
        guarded.open(.get, "/metrics") { _, _ -> Response in
            var text: [UInt8] = []
            prometheusRegistry.emit(into: &text)
            return Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
                body: .init(byteBuffer: ByteBuffer(bytes: text))
            )
        }
        let stylesheet = (try? BundledResources.data("static/hamkari.css")) ?? Data()
        guarded.open(.get, "/static/hamkari.css") { _, _ -> Response in
            Response(
                status: .ok,
                headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=86400"],
                body: .init(byteBuffer: ByteBuffer(bytes: stylesheet))
            )
        }
    }
}
