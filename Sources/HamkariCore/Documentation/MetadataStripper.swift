import Foundation

/// Makes a working copy of a photo without the metadata that can betray the person who took it
/// or where: EXIF (with GPS position, camera serial, time), XMP, IPTC and comments. The pixels are
/// untouched. JPEG and PNG are understood; for any other format it returns nil (no copy is made).
public enum MetadataStripper {
    public static func stripped(_ data: Data) -> Data? {
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xFF, 0xD8]) { return strippedJPEG(bytes).map { Data($0) } }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return strippedPNG(bytes).map { Data($0) } }
        return nil
    }

    /// Drops APP1 (EXIF, XMP), APP12, APP13 (IPTC/Photoshop) and COM segments before the image data.
    static func strippedJPEG(_ bytes: [UInt8]) -> [UInt8]? {
        var output: [UInt8] = [0xFF, 0xD8]
        var index = 2
        while index + 4 <= bytes.count {
            guard bytes[index] == 0xFF else { return nil }
            let marker = bytes[index + 1]
            if marker == 0xFF { index += 1; continue }
            if marker == 0xDA || marker == 0xD9 {
                // Start of scan: the rest is image data, copied as it is.
                output.append(contentsOf: bytes[index...])
                return output
            }
            if (0xD0...0xD7).contains(marker) || marker == 0x01 {
                output.append(contentsOf: bytes[index..<index + 2])
                index += 2
                continue
            }
            let length = Int(bytes[index + 2]) << 8 | Int(bytes[index + 3])
            guard length >= 2, index + 2 + length <= bytes.count else { return nil }
            let dropped: Set<UInt8> = [0xE1, 0xEC, 0xED, 0xFE]
            if !dropped.contains(marker) { output.append(contentsOf: bytes[index..<index + 2 + length]) }
            index += 2 + length
        }
        return nil
    }

    /// Drops text (tEXt, zTXt, iTXt), EXIF (eXIf) and time (tIME) chunks.
    static func strippedPNG(_ bytes: [UInt8]) -> [UInt8]? {
        var output = Array(bytes[0..<8])
        var index = 8
        let dropped: Set<String> = ["tEXt", "zTXt", "iTXt", "eXIf", "tIME"]
        while index + 12 <= bytes.count {
            let length = Int(bytes[index]) << 24 | Int(bytes[index + 1]) << 16 | Int(bytes[index + 2]) << 8 | Int(bytes[index + 3])
            guard length >= 0, index + 12 + length <= bytes.count else { return nil }
            let type = String(decoding: bytes[index + 4..<index + 8], as: UTF8.self)
            if !dropped.contains(type) { output.append(contentsOf: bytes[index..<index + 12 + length]) }
            index += 12 + length
            if type == "IEND" { return output }
        }
        return nil
    }
}
