import Foundation

/// Charts drawn on the server as SVG: bars, stacked bars and lines, with a title and a
/// description for screen readers (the data table stands beside the chart in the page), a
/// palette that colour-blind readers can tell apart (Okabe and Ito), numbers in the reader's
/// digits, and on right-to-left pages the categories running from the right.
public struct SVGChart: Sendable {
    public enum Kind: String, Sendable {
        case bar, stackedBar = "stacked-bar", line
    }

    public struct Series: Sendable {
        public var name: String
        /// One per label; nil where the figure is held back.
        public var values: [Int?]

        public init(name: String, values: [Int?]) {
            self.name = name
            self.values = values
        }
    }

    /// Okabe–Ito: distinguishable with every common colour-vision deficiency.
    public static let palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]

    public var kind: Kind
    public var title: String
    public var description: String
    public var labels: [String]
    public var series: [Series]
    public var rightToLeft: Bool
    /// Writes a number in the reader's digits.
    public var number: @Sendable (Int) -> String
    /// What a held-back figure is marked with.
    public var suppressedMark: String
    public var width = 640
    public var height = 260

    public init(kind: Kind, title: String, description: String, labels: [String], series: [Series], rightToLeft: Bool,
                suppressedMark: String = "*", number: @escaping @Sendable (Int) -> String = { String($0) }) {
        self.kind = kind
        self.title = title
        self.description = description
        self.labels = labels
        self.series = series
        self.rightToLeft = rightToLeft
        self.suppressedMark = suppressedMark
        self.number = number
    }

    private var plot: (left: Double, right: Double, top: Double, bottom: Double) {
        (rightToLeft ? 16 : 48, Double(width) - (rightToLeft ? 48 : 16), 12, Double(height) - 56)
    }

    /// The largest height a category reaches: one value, or the sum of a stack.
    private var maximum: Int {
        let tops = labels.indices.map { index in
            kind == .stackedBar ? series.reduce(0) { $0 + (Self.value($1, index) ?? 0) } : series.map { Self.value($0, index) ?? 0 }.max() ?? 0
        }
        return max(1, tops.max() ?? 1)
    }

    /// A round number at or above `maximum`, and the step between gridlines.
    private var scale: (top: Int, step: Int) {
        let raw = Double(maximum) / 4
        let magnitude = pow(10, floor(log10(max(raw, 1))))
        let step = Int([1, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude)
        return (step * Int(ceil(Double(maximum) / Double(step))), step)
    }

    /// The category's slot, counted from the left, or from the right on right-to-left pages.
    private func slot(_ index: Int) -> (start: Double, width: Double) {
        let width = (plot.right - plot.left) / Double(max(labels.count, 1))
        let position = rightToLeft ? labels.count - 1 - index : index
        return (plot.left + Double(position) * width, width)
    }

    private func y(_ value: Int) -> Double {
        plot.bottom - (plot.bottom - plot.top) * Double(value) / Double(scale.top)
    }

    public func render() -> String {
        // Ids from the text itself (FNV-1a), so the same chart is the same bytes on every render.
        let id = "c" + String((title + description).utf8.reduce(UInt32(2_166_136_261)) { ($0 ^ UInt32($1)) &* 16_777_619 }, radix: 36)
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(width) \(height)" role="img" aria-labelledby="\(id)t \(id)d" class="chart">\
            <title id="\(id)t">\(HTMLEscaping.escape(title))</title><desc id="\(id)d">\(HTMLEscaping.escape(description))</desc>
            """
        svg += axes()
        switch kind {
        case .bar: svg += bars(stacked: false)
        case .stackedBar: svg += bars(stacked: true)
        case .line: svg += lines()
        }
        svg += legend()
        return svg + "</svg>"
    }

    private func axes() -> String {
        // What the lines or the labels share is said once, on their group.
        let labelX = rightToLeft ? plot.right + 6 : plot.left - 6
        // The gridlines as one path: a line element each would be most of an axis's bytes.
        var gridlines = "", values = "<g text-anchor=\"\(rightToLeft ? "start" : "end")\">"
        for value in stride(from: 0, through: scale.top, by: scale.step) {
            gridlines += "M\(Self.round(plot.left)) \(Self.round(y(value)))H\(Self.round(plot.right))"
            values += "<text x=\"\(Self.round(labelX))\" y=\"\(Self.round(y(value) + 4))\">\(number(value))</text>"
        }
        // Label every category when they fit; otherwise every few, so that they never overlap.
        let every = max(1, Int(ceil(Double(labels.count) * 48 / (plot.right - plot.left))))
        var categories = "<g text-anchor=\"middle\">"
        for (index, label) in labels.enumerated() where index % every == 0 {
            let place = slot(index)
            categories += "<text x=\"\(Self.round(place.start + place.width / 2))\" y=\"\(Self.round(plot.bottom + 16))\">\(HTMLEscaping.escape(label))</text>"
        }
        return "<g font-size=\"11\" fill=\"#333\"><path d=\"\(gridlines)\" stroke=\"#ddd\" fill=\"none\"/>" + values + "</g>" + categories + "</g></g>"
    }

    private func bars(stacked: Bool) -> String {
        // One series: its colour once, on the group, rather than on every bar; and no title on each
        // bar, whose label and figure the table under the chart gives (they were a tenth of the page).
        // Bars of several series are each titled with their series, which only the legend tells.
        let single = series.count == 1
        var out = single ? "<g fill=\"\(Self.palette[0])\">" : "<g>"
        for index in labels.indices {
            let place = slot(index)
            let groups = stacked ? 1 : max(series.count, 1)
            let barWidth = place.width * 0.8 / Double(groups)
            var base = 0
            for (number, one) in series.enumerated() {
                let offset = stacked ? 0 : (rightToLeft ? groups - 1 - number : number)
                let x = place.start + place.width * 0.1 + Double(offset) * barWidth
                guard let value = Self.value(one, index) else {
                    out += "<text x=\"\(Self.round(x + barWidth / 2))\" y=\"\(Self.round(y(base) - 3))\" text-anchor=\"middle\" font-size=\"11\" fill=\"#333\">\(suppressedMark)</text>"
                    continue
                }
                let top = y(base + value), bottom = y(base)
                let bar = "<rect x=\"\(Self.round(x))\" y=\"\(Self.round(top))\" width=\"\(Self.round(max(barWidth - 1, 1)))\" height=\"\(Self.round(bottom - top))\""
                out += single ? bar + "/>" : bar + " fill=\"\(Self.palette[number % Self.palette.count])\"><title>\(HTMLEscaping.escape("\(labels[index]) · \(one.name): \(self.number(value))"))</title></rect>"
                if stacked { base += value }
            }
        }
        return out + "</g>"
    }

    /// Points a line chart marks with a dot, each (more would crowd the line and the page).
    static let dotsUpTo = 24

    private func lines() -> String {
        var out = "<g fill=\"none\" stroke-width=\"2\">"
        for (number, one) in series.enumerated() {
            let colour = Self.palette[number % Self.palette.count]
            // A held-back month breaks the line rather than drawing it through a guess.
            var path = "", dots = "", pen = false
            for index in labels.indices {
                guard let value = Self.value(one, index) else {
                    pen = false
                    continue
                }
                let place = slot(index)
                let (x, y) = (Self.round(place.start + place.width / 2), Self.round(y(value)))
                path += "\(pen ? "L" : "M")\(x) \(y)"
                // A dot on each point while they are few; among many, only where no line reaches the
                // point (a single month, or one between held-back ones), so that it is still seen.
                let isolated = !pen && Self.value(one, index + 1) == nil
                if labels.count <= Self.dotsUpTo || isolated {
                    dots += "<circle cx=\"\(x)\" cy=\"\(y)\" r=\"3\" fill=\"\(colour)\"/>"
                }
                pen = true
            }
            out += "<path d=\"\(path)\" stroke=\"\(colour)\"/>" + dots
        }
        return out + "</g>"
    }

    private func legend() -> String {
        guard series.count > 1 else { return "" }
        var out = "<g font-size=\"11\" fill=\"#333\">"
        var x = rightToLeft ? plot.right : plot.left
        for (number, one) in series.enumerated() {
            let width = Double(one.name.count * 7 + 24)
            let box = rightToLeft ? x - 10 : x
            out += "<rect x=\"\(Self.round(box))\" y=\"\(height - 18)\" width=\"10\" height=\"10\" fill=\"\(Self.palette[number % Self.palette.count])\"/>"
            out += "<text x=\"\(Self.round(rightToLeft ? box - 4 : box + 14))\" y=\"\(height - 9)\" text-anchor=\"\(rightToLeft ? "end" : "start")\">\(HTMLEscaping.escape(one.name))</text>"
            x += rightToLeft ? -width : width
        }
        return out + "</g>"
    }

    private static func value(_ series: Series, _ index: Int) -> Int? {
        index < series.values.count ? series.values[index] : nil
    }

    static func round(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
