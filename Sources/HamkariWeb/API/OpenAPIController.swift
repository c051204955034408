import Foundation
import Hummingbird

/// Serves the OpenAPI 3.1 document that describes every `/api/v1` endpoint.
struct OpenAPIController: Sendable {
    static let path = "/api/v1/openapi.json"

    func addRoutes(to guarded: GuardedRouter) throws {
        let document = try BundledResources.data("openapi.json")
        guarded.open(.get, Self.path) { _, _ -> Response in
            Response(
                status: .ok,
                headers: [.contentType: "application/json; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: document))
            )
        }
    }
}
