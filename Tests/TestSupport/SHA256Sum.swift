import Foundation
import HamkariWeb

/// What the system's `sha256sum` prints for some bytes: an independent check of the digests Hamkari shows.
public enum SHA256Sum {
    public static func of(_ data: Data) throws -> String {
        try withTemporaryDirectorySync { directory in
            let path = directory.appendingPathComponent("file")
            try data.write(to: path)
            let printed = directory.appendingPathComponent("sum")
            _ = try ChildProcess("/usr/bin/sha256sum", arguments: [path.path], output: .file(printed.path)).exitBlocking()
            let output = try Data(contentsOf: printed)
            return String(decoding: output, as: UTF8.self).split(separator: " ").first.map(String.init) ?? ""
        }
    }

    static func withTemporaryDirectorySync<T>(_ work: (URL) throws -> T) throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hamkari-sum-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        return try work(directory)
    }
}
