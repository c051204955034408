import Foundation

/// Files shipped inside the module (templates, string catalogs, the stylesheet, the OpenAPI document).
enum BundledResources {
    struct Missing: Error, CustomStringConvertible {
        let path: String
        var description: String { "The installation is incomplete: the resource \(path) is missing." }
    }

    static var directory: URL {
        get throws {
            guard let url = Bundle.module.url(forResource: "Resources", withExtension: nil) else {
                throw Missing(path: "Resources")
            }
            return url
        }
    }

    static func data(_ relativePath: String) throws -> Data {
        let url = try directory.appendingPathComponent(relativePath)
        guard let data = FileManager.default.contents(atPath: url.path) else { throw Missing(path: relativePath) }
        return data
    }
}
