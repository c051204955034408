extension String {
    /// Without white space (Unicode's White_Space: spaces, tabs, line breaks) at either end. The
    /// same as trimming `.whitespacesAndNewlines`, without Foundation's character sets, which cost
    /// a large import much of its time.
    public var trimmingWhiteSpace: String {
        // Most values begin and end with a visible ASCII character: nothing to trim, no property lookups.
        if let first = utf8.first, let last = utf8.last, Self.isVisibleASCII(first), Self.isVisibleASCII(last) { return self }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        if first == scalars.startIndex, scalars.index(after: last) == scalars.endIndex { return self }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }

    private static func isVisibleASCII(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte < 0x80
    }
}
