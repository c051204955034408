import Foundation

/// What the system's `sha256sum` prints for some bytes: an independent check of the digests Hamkari shows.
public enum SHA256Sum {
    public static func of(_ data: Data) throws -> String {
        try withTemporaryDirectorySync { directory in
            let path = directory.appendingPathComponent("file")
            try data.write(to: path)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
            process.arguments = [path.path]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let output = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
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
