import Foundation

/// A fresh directory under the system's temporary folder, removed when the work is done.
public func withTemporaryDirectory<T>(_ work: (URL) async throws -> T) async throws -> T {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("hamkari-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try await work(url)
}

/// The bytes of a file, to show that an operation left it exactly as it was.
public func contentsOfFile(at url: URL) throws -> Data {
    try Data(contentsOf: url)
}
