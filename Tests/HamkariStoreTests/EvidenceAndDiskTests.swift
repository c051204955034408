import Foundation
import HamkariCore
import HamkariSecurity
import HamkariStore
import SQLKit
import TestSupport
import Testing

@Suite("Evidence files and what reaches the disk")
struct EvidenceAndDiskTests {
    static let photoSecret = "GPS 36.73612N 69.53451E Taloqan"

    /// A JPEG of about 2.5 MiB (three chunks) whose EXIF holds a position, and whose pixels are a recognisable pattern.
    static func photo() -> Data {
        let exif = Array("Exif\0\0\(photoSecret)".utf8)
        let app1: [UInt8] = [0xFF, 0xE1, UInt8((exif.count + 2) >> 8), UInt8((exif.count + 2) & 0xFF)] + exif
        var pixels = [UInt8]()
        pixels.reserveCapacity(2_600_000)
        for index in 0..<2_600_000 { pixels.append(UInt8(truncatingIfNeeded: index &* 31 &+ 7)) }
        return Data([0xFF, 0xD8] + app1 + [0xFF, 0xDA, 0, 2] + pixels + [0xFF, 0xD9])
    }

    static func upload(_ data: Data, to event: Event, in store: Store, workingCopy: Bool = true) async throws -> EvidenceFile {
        var upload = try await store.evidence.begin(eventID: event.id, filename: "taloqan-detention.jpg", mediaType: "image/jpeg", actor: "tester")
        var offset = 0
        while offset < data.count {
            let piece = data[offset..<min(offset + 65_536, data.count)]
            try await store.evidence.append(Data(piece), to: &upload, limit: 10 << 20)
            offset += 65_536
        }
        return try await store.evidence.finish(upload, workingCopy: workingCopy)
    }

    @Test("The SHA-256 shown is what sha256sum prints; the original comes back intact, the working copy without EXIF", arguments: TestDatabase.all)
    func evidence(database: TestDatabase) async throws {
        try await database.withStore { store async throws in
            let fixture = try await DocumentationFixture.make(store)
            let event = try await store.events.create(fixture.sample(), actor: fixture.author.id)
            let photo = Self.photo()
            let file = try await Self.upload(photo, to: event, in: store)
            #expect(try SHA256Sum.of(photo) == file.sha256)
            #expect(file.size == photo.count)
            #expect(try await store.evidence.read(file.id, variant: .original) == photo)
            let working = try await store.evidence.read(file.id, variant: .working)
            #expect(working.range(of: Data(Self.photoSecret.utf8)) == nil)
            #expect(working.count == file.workingSize)
            #expect(try await store.evidence.files(of: event.id).map(\.id) == [file.id])
            try await store.evidence.recordCustody(file.id, .downloaded, actor: "reviewer", detail: "original")
            #expect(try await store.evidence.custody(of: file.id).map(\.action) == [.uploaded, .workingCopyMade, .downloaded])
        }
    }

    @Test("A chunk moved, altered or cut off fails to open", arguments: TestDatabase.all)
    func tampering(database: TestDatabase) async throws {
        try await database.withStore { store async throws in
            let fixture = try await DocumentationFixture.make(store)
            let event = try await store.events.create(fixture.sample(), actor: fixture.author.id)
            let file = try await Self.upload(Self.photo(), to: event, in: store, workingCopy: false)
            try await store.backend.transaction { database in
                try await database.raw("DELETE FROM evidence_chunks WHERE evidence_id = \(bind: file.id.uuidString.lowercased()) AND sequence = 2").run()
            }
            await #expect(throws: FieldSealer.Failure.authenticationFailed) { try await store.evidence.read(file.id, variant: .original) }
        }
    }

    @Test("An upload over the limit is refused and leaves nothing behind", arguments: TestDatabase.all)
    func overLimit(database: TestDatabase) async throws {
        try await database.withStore { store async throws in
            let fixture = try await DocumentationFixture.make(store)
            let event = try await store.events.create(fixture.sample(), actor: fixture.author.id)
            var upload = try await store.evidence.begin(eventID: event.id, filename: "big.bin", mediaType: "application/octet-stream", actor: "t")
            await #expect(throws: StoreError.self) { try await store.evidence.append(Data(count: 2048), to: &upload, limit: 1024) }
            await store.evidence.abort(upload)
            let left = try await store.backend.read { database in
                try await database.raw("SELECT COUNT(*) AS n FROM evidence_files").first()?.decode(column: "n", as: Int.self)
            }
            #expect(left == 0)
        }
    }

    @Test("After documenting named victims and sources and uploading a photo, no name and no photo bytes are on disk")
    func nothingInPlaintextOnDisk() async throws {
        try await withTemporaryDirectory { directory async throws in
            let store = try await Store.open(.sqlite(dataDirectory: directory), keys: .generate(), create: true, logger: TestDatabase.logger)
            let fixture = try await DocumentationFixture.make(store)
            let event = try await store.events.create(fixture.sample(), actor: fixture.author.id)
            let photo = Self.photo()
            _ = try await Self.upload(photo, to: event, in: store)
            let secrets = [SampleEvents.victimName, SampleEvents.sourceName, "Guzar-e Naw", "+93 700 000 001", "district police",
                           "بازداشت خودسرانه", "lawyer assigned", "taloqan-detention.jpg", Self.photoSecret, "36.73612"]
            let pixels = photo.subdata(in: 100_000..<100_064)
            func scan() throws {
                for file in try FileManager.default.contentsOfDirectory(atPath: directory.path) where file.hasPrefix("hamkari.sqlite") {
                    let bytes = try Data(contentsOf: directory.appendingPathComponent(file))
                    for secret in secrets { #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(secret) in \(file)") }
                    #expect(bytes.range(of: pixels) == nil, "photo bytes in \(file)")
                }
            }
            try scan()
            await store.shutdown()
            try scan()
        }
    }

    @Test("On PostgreSQL no row holds a name, a narrative or the photo in the clear", arguments: TestDatabase.all.filter { $0 == .postgres })
    func nothingInPlaintextInPostgres(database: TestDatabase) async throws {
        try await database.withStore { store async throws in
            let fixture = try await DocumentationFixture.make(store)
            let event = try await store.events.create(fixture.sample(), actor: fixture.author.id)
            _ = try await Self.upload(Self.photo(), to: event, in: store)
            for table in ["events", "event_people", "event_acts", "event_involvements", "event_sources", "event_interventions",
                          "event_history", "evidence_files", "evidence_chunks", "event_search"] {
                let text = try await store.backend.read { database in
                    try await database.raw("SELECT string_agg(t::text, ' ') AS all_rows FROM \(ident: table) t").first()?
                        .decode(column: "all_rows", as: String?.self) ?? ""
                }
                for secret in [SampleEvents.victimName, "بازداشت", "district police", "Guzar-e Naw"] {
                    #expect(!text.contains(secret), "\(secret) in \(table)")
                }
                #expect(!text.contains(Self.photoSecret), "photo metadata in \(table)")
            }
        }
    }
}
