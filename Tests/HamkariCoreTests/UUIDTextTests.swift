import Foundation
import HamkariCore
import Testing

@Suite("Ids as text")
struct UUIDTextTests {
    @Test("An id's text is its lower-case hyphenated form, as stored in every table")
    func lowerCaseForm() throws {
        let known = try #require(UUID(uuidString: "0190ABCD-EF01-7234-89AB-CDEF01234567"))
        #expect(known.text == "0190abcd-ef01-7234-89ab-cdef01234567")
        for id in (0..<2_000).map({ _ in UUID() }) + [UUIDv7.make()] {
            #expect(id.text == id.uuidString.lowercased())
            #expect(UUID(uuidString: id.text) == id)
        }
    }
}
