extension String {
    /// Without white space (Unicode's White_Space: spaces, tabs, line breaks) at either end. The
    /// same as trimming `.whitespacesAndNewlines`, without Foundation's character sets, which cost
    /// a large import much of its time.
    public var trimmingWhiteSpace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        if first == scalars.startIndex, scalars.index(after: last) == scalars.endIndex { return self }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}
