import Foundation

/// Maps drawn on the server as SVG: a choropleth (areas shaded by their figure, in five classes of
/// a colour-blind-safe sequential palette) or proportional symbols (circles whose area is the
/// figure) at each area's centre — which is all that is drawn where no boundaries were imported.
/// Held-back figures are hatched, never shaded. No tiles, nothing from another host.
public struct SVGMap: Sendable {
    public enum Style: String, Sendable, CaseIterable {
        case choropleth, symbols
    }

    public struct Area: Sendable {
        public var pcode: String
        public var name: String
        /// nil where the figure is held back.
        public var value: Int?
        public var shape: GeoShape?
        public var centre: GeoPoint?

        public init(pcode: String, name: String, value: Int?, shape: GeoShape?, centre: GeoPoint?) {
            self.pcode = pcode
            self.name = name
            self.value = value
            self.shape = shape
            self.centre = centre
        }
    }

    /// Viridis, light to dark: ordered in lightness, readable with every common colour-vision deficiency.
    public static let classColours = ["#fde725", "#5ec962", "#21918c", "#3b528b", "#440154"]
    static let zeroColour = "#f2f2f2"
    static let symbolColour = "#0072B2"

    public var style: Style
    public var title: String
    public var description: String
    public var areas: [Area]
    public var rightToLeft: Bool
    public var heldBackLabel: String
    public var number: @Sendable (Int) -> String
    public var width = 600.0
    static let margin = 8.0
    static let legendHeight = 50.0
    static let largestSymbol = 22.0

    public init(style: Style, title: String, description: String, areas: [Area], rightToLeft: Bool, heldBackLabel: String,
                number: @escaping @Sendable (Int) -> String = { String($0) }) {
        self.style = style
        self.title = title
        self.description = description
        self.areas = areas
        self.rightToLeft = rightToLeft
        self.heldBackLabel = heldBackLabel
        self.number = number
    }

    /// Whether there is anything to shade: a choropleth needs outlines.
    public var hasOutlines: Bool { areas.contains { $0.shape != nil } }

    var largest: Int { max(1, areas.compactMap(\.value).max() ?? 1) }

    /// Upper bounds of the five classes over 1…largest (fewer when the figures are small).
    var classBounds: [Int] {
        var bounds: [Int] = []
        for step in 1...Self.classColours.count {
            let bound = Int((Double(largest) * Double(step) / Double(Self.classColours.count)).rounded(.up))
            if bound != bounds.last { bounds.append(bound) }
        }
        return bounds
    }

    func colour(_ value: Int) -> String {
        guard value > 0 else { return Self.zeroColour }
        let bounds = classBounds
        let index = bounds.firstIndex { value <= $0 } ?? bounds.count - 1
        // Fewer classes than colours: spread them over the palette so that the darkest still means the most.
        let spread = bounds.count == 1 ? Self.classColours.count - 1 : index * (Self.classColours.count - 1) / (bounds.count - 1)
        return Self.classColours[spread]
    }

    /// Longitude and latitude to the drawing: equirectangular, widths shrunk by the cosine of the middle latitude.
    struct Projection {
        let west: Double, north: Double, scale: Double, aspect: Double, height: Double
        func point(_ point: GeoPoint) -> (x: Double, y: Double) {
            (SVGMap.margin + (point.longitude - west) * aspect * scale, SVGMap.margin + (north - point.latitude) * scale)
        }
    }

    var projection: Projection {
        var box: (west: Double, south: Double, east: Double, north: Double)?
        for area in areas {
            let bounds = area.shape?.bounds ?? area.centre.map { ($0.longitude, $0.latitude, $0.longitude, $0.latitude) }
            guard let bounds else { continue }
            box = box.map { (min($0.west, bounds.0), min($0.south, bounds.1), max($0.east, bounds.2), max($0.north, bounds.3)) } ?? bounds
        }
        let found = box ?? (0, 0, 1, 1)
        // Symbols alone need room around the outermost centres.
        let pad = hasOutlines ? 0 : 0.3
        let (west, south, east, north) = (found.west - pad, found.south - pad, found.east + pad, found.north + pad)
        let aspect = cos((south + north) / 2 * .pi / 180)
        let scale = (width - 2 * Self.margin) / max((east - west) * aspect, 0.01)
        return Projection(west: west, north: north, scale: scale, aspect: aspect,
                          height: (north - south) * scale + 2 * Self.margin)
    }

    public func render() -> String {
        let id = "m" + String((title + description).utf8.reduce(UInt32(2_166_136_261)) { ($0 ^ UInt32($1)) &* 16_777_619 }, radix: 36)
        let projection = projection
        let height = projection.height + Self.legendHeight
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(SVGChart.round(width)) \(SVGChart.round(height))" role="img" \
            aria-labelledby="\(id)t \(id)d" class="map"><title id="\(id)t">\(HTMLEscaping.escape(title))</title>\
            <desc id="\(id)d">\(HTMLEscaping.escape(description))</desc>\
            <defs><pattern id="\(id)h" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">\
            <rect width="6" height="6" fill="#fff"/><line x1="0" y1="0" x2="0" y2="6" stroke="#888" stroke-width="2"/></pattern></defs>
            """
        // Less than a pixel of detail is not drawn: the same outline makes a small page at any extent.
        let tolerance = 0.6 / projection.scale
        svg += "<g stroke=\"#fff\" stroke-width=\"0.8\" stroke-linejoin=\"round\">"
        for area in areas {
            guard let shape = area.shape else { continue }
            let fill: String = switch style {
            case .choropleth: area.value.map(colour) ?? "url(#\(id)h)"
            case .symbols: "#e4e4e4"
            }
            svg += "<path d=\"\(Self.path(shape.simplified(tolerance: tolerance), projection))\" fill=\"\(fill)\"><title>\(HTMLEscaping.escape(caption(area)))</title></path>"
        }
        svg += "</g>"
        if style == .symbols || !hasOutlines { svg += symbols(projection, hatch: "url(#\(id)h)") }
        return svg + legend(top: projection.height, hatch: "url(#\(id)h)") + "</svg>"
    }

    func caption(_ area: Area) -> String { "\(area.name): \(area.value.map(number) ?? heldBackLabel)" }

    /// A circle's area is its figure. The largest is smaller when there are many areas to share the map.
    func radius(_ value: Int) -> Double {
        let share = (width * width * 0.6 / Double(max(areas.count, 1))).squareRoot() * 0.3
        return min(Self.largestSymbol, max(share, 6)) * (Double(value) / Double(largest)).squareRoot()
    }

    private func symbols(_ projection: Projection, hatch: String) -> String {
        var out = "<g stroke=\"#fff\" stroke-width=\"1\">"
        // The largest first, so that small circles stay on top and can be pointed at.
        let placed = areas.compactMap { area in (area.centre ?? area.shape?.centre).map { (area, $0) } }
            .sorted { ($0.0.value ?? 0) > ($1.0.value ?? 0) }
        for (area, centre) in placed {
            let at = projection.point(centre)
            let (x, y) = (SVGChart.round(at.x), SVGChart.round(at.y))
            let caption = HTMLEscaping.escape(caption(area))
            if let value = area.value {
                guard value > 0 else { continue }
                out += "<circle cx=\"\(x)\" cy=\"\(y)\" r=\"\(SVGChart.round(max(radius(value), 1.5)))\" fill=\"\(Self.symbolColour)\" fill-opacity=\"0.7\"><title>\(caption)</title></circle>"
            } else {
                out += "<circle cx=\"\(x)\" cy=\"\(y)\" r=\"5\" fill=\"\(hatch)\" stroke=\"#555\"><title>\(caption)</title></circle>"
            }
        }
        return out + "</g>"
    }

    private func legend(top: Double, hatch: String) -> String {
        var keys: [(swatch: String, label: String, width: Double)] = []
        if style == .choropleth && hasOutlines {
            var lower = 1
            for bound in classBounds {
                keys.append(("<rect width=\"12\" height=\"12\" fill=\"\(colour(bound))\"/>",
                             lower == bound ? number(bound) : "\(number(lower))–\(number(bound))", 12))
                lower = bound + 1
            }
            keys.insert(("<rect width=\"12\" height=\"12\" fill=\"\(Self.zeroColour)\" stroke=\"#ccc\"/>", number(0), 12), at: 0)
        } else {
            for value in Set([largest, max(1, largest / 4)]).sorted() {
                let r = max(radius(value), 1.5)
                let at = SVGChart.round(rightToLeft ? 12 - r : r)
                keys.append(("<circle cx=\"\(at)\" cy=\"6\" r=\"\(SVGChart.round(r))\" fill=\"\(Self.symbolColour)\" fill-opacity=\"0.7\"/>", number(value), 2 * r))
            }
        }
        if areas.contains(where: { $0.value == nil }) {
            keys.append(("<rect width=\"12\" height=\"12\" fill=\"\(hatch)\" stroke=\"#555\"/>", heldBackLabel, 12))
        }
        var out = "<g font-size=\"11\" fill=\"#333\">"
        var x = rightToLeft ? width - Self.margin - 12 : Self.margin
        let y = top + 22
        for key in keys {
            let advance = Double(key.label.count) * 6.5 + key.width + 22
            let textAt = rightToLeft ? 12 - key.width - 6 : key.width + 6
            out += "<g transform=\"translate(\(SVGChart.round(x)) \(SVGChart.round(y)))\">\(key.swatch)"
            out += "<text x=\"\(SVGChart.round(textAt))\" y=\"10\" text-anchor=\"\(rightToLeft ? "end" : "start")\">\(HTMLEscaping.escape(key.label))</text></g>"
            x += rightToLeft ? -advance : advance
        }
        return out + "</g>"
    }

    /// An outline as path data: each ring's first point absolute, the rest relative to the one before.
    static func path(_ shape: GeoShape, _ projection: Projection) -> String {
        var out = ""
        for polygon in shape.polygons {
            for ring in polygon where ring.count >= 3 {
                var previous: (x: Double, y: Double)?
                for point in ring {
                    let at = projection.point(point)
                    let rounded = ((at.x * 10).rounded() / 10, (at.y * 10).rounded() / 10)
                    if let last = previous {
                        let (dx, dy) = (rounded.0 - last.x, rounded.1 - last.y)
                        if dx == 0 && dy == 0 { continue }
                        out += "l\(SVGChart.round(dx)) \(SVGChart.round(dy))"
                    } else {
                        out += "M\(SVGChart.round(rounded.0)) \(SVGChart.round(rounded.1))"
                    }
                    previous = (rounded.0, rounded.1)
                }
                out += "z"
            }
        }
        return out
    }
}
