import Foundation
import HamkariCore
import TestSupport
import Testing

@Suite("Working copies without metadata; the HURIDOCS micro-thesauri")
struct EvidenceFormatTests {
    static func jpeg(secret: String) -> Data {
        let exif = Array("Exif\0\0GPS \(secret)".utf8)
        let app1: [UInt8] = [0xFF, 0xE1, UInt8((exif.count + 2) >> 8), UInt8((exif.count + 2) & 0xFF)] + exif
        let comment = Array("camera serial \(secret)".utf8)
        let com: [UInt8] = [0xFF, 0xFE, 0, UInt8(comment.count + 2)] + comment
        let quantisation: [UInt8] = [0xFF, 0xDB, 0, 4, 1, 2]
        let scan: [UInt8] = [0xFF, 0xDA, 0, 2] + Array(repeating: 0x55, count: 64) + [0xFF, 0xD9]
        return Data([0xFF, 0xD8] + app1 + com + quantisation + scan)
    }

    @Test("A JPEG loses its EXIF and comments; its image data is untouched")
    func strippedJPEG() throws {
        let original = Self.jpeg(secret: "36.7361N")
        let copy = try #require(MetadataStripper.stripped(original))
        #expect(!String(decoding: copy, as: UTF8.self).contains("36.7361N"))
        #expect(copy.suffix(70) == original.suffix(70))
        #expect(copy.starts(with: [0xFF, 0xD8, 0xFF, 0xDB]))
    }

    @Test("A PNG loses its text and EXIF chunks; unknown formats and broken files get no copy")
    func strippedPNG() throws {
        func chunk(_ type: String, _ body: [UInt8]) -> [UInt8] {
            [0, 0, UInt8(body.count >> 8), UInt8(body.count & 0xFF)] + Array(type.utf8) + body + [0, 0, 0, 0]
        }
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        let png = Data(signature + chunk("IHDR", Array(repeating: 1, count: 13)) + chunk("tEXt", Array("Author\0Zarmina".utf8))
                       + chunk("IDAT", [9, 9, 9]) + chunk("IEND", []))
        let copy = try #require(MetadataStripper.stripped(png))
        #expect(!String(decoding: copy, as: UTF8.self).contains("Zarmina"))
        #expect(copy.count == png.count - 12 - 14)
        #expect(MetadataStripper.stripped(Data("%PDF-1.7".utf8)) == nil)
        #expect(MetadataStripper.stripped(Data([0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xFF])) == nil)
    }

    @Test("The HURIDOCS micro-thesauri load as 4,524 terms with their codes and hierarchy")
    func huridocs() throws {
        let text = try String(contentsOf: SharedData.url("huridocs/huridocs_micro_thesauri_openevsys.csv"), encoding: .utf8)
        let terms = try HuridocsThesaurus.terms(in: text)
        #expect(terms.count == 4524)
        let acts = terms.filter { $0.list == "huridocs:types_of_acts" }
        #expect(acts.count == 532)
        let executive = try #require(terms.first { $0.list == "huridocs:types_of_perpetrators" && $0.labels.english == "Executive" })
        #expect(executive.code == "010100000000")
        #expect(executive.parentCode == "010000000000")
        #expect(executive.level == 1)
        #expect(throws: CSVError.self) { try HuridocsThesaurus.terms(in: "a,b\n1,2\n") }
    }
}
