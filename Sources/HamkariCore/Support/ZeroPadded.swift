extension BinaryInteger {
    /// At least `width` characters, zero-padded after any sign, as `%0Nd` prints it ("0042", "-042"):
    /// without `String(format:)`, which parses its format and consults a locale at every call (days are
    /// written this way in every save, list and export).
    public func zeroPadded(_ width: Int) -> String {
        let digits = String(self.magnitude)
        let sign = self < 0 ? "-" : ""
        let padding = max(0, width - sign.count - digits.count)
        return sign + String(repeating: "0", count: padding) + digits
    }
}
