import FahrplanCore
import Foundation

/// Small charts drawn on the server as inline SVG, so the pages need no JavaScript and no image requests.
/// Colours come from CSS classes (`crit-0` … `crit-11` in fahrplan.css), never from inline styles, which the
/// Content-Security-Policy forbids. Every chart is an image with a title and a description that say its
/// figures in words; the pages show the same figures in a table as well.
enum RankingChart {
    /// Distinct colours in the stylesheet; more criteria reuse them (the legend and the table still tell them apart).
    static let paletteSize = 12

    static func colourClass(_ index: Int) -> String { "crit-\(index % paletteSize)" }

    struct Segment {
        var name: String
        var points: Double
        var colourIndex: Int
    }

    /// A horizontal bar on the 0–100 points scale, one stretch per criterion in the given order.
    /// `id` must be unique on the page (it names the title and description).
    static func stackedBar(id: String, segments: [Segment], title: String, description: String) -> String {
        var svg = "<svg class=\"ranking-bar\" viewBox=\"0 0 100 6\" preserveAspectRatio=\"none\" role=\"img\" "
            + "aria-labelledby=\"\(id)-title \(id)-desc\" xmlns=\"http://www.w3.org/2000/svg\">"
            + "<title id=\"\(id)-title\">\(escape(title))</title><desc id=\"\(id)-desc\">\(escape(description))</desc>"
            + "<rect class=\"bar-track\" x=\"0\" y=\"0\" width=\"100\" height=\"6\"/>"
        var x = 0.0
        for segment in segments where segment.points > 0 {
            let width = min(segment.points, 100 - x)
            guard width > 0 else { break }
            svg += "<rect class=\"\(colourClass(segment.colourIndex))\" x=\"\(coordinate(x))\" y=\"0\" width=\"\(coordinate(width))\" height=\"6\"/>"
            x += width
        }
        return svg + "</svg>"
    }

    /// A weight's stable range on the 0–100 % scale: the range as a band, the current weight as a mark.
    static func rangeBar(id: String, current: Double, lower: Double, upper: Double, title: String, description: String) -> String {
        func scaled(_ share: Double) -> Double { min(100, max(0, share * 100)) }
        let (from, to, mark) = (scaled(lower), scaled(upper), scaled(current))
        return "<svg class=\"range-bar\" viewBox=\"0 0 100 6\" preserveAspectRatio=\"none\" role=\"img\" "
            + "aria-labelledby=\"\(id)-title \(id)-desc\" xmlns=\"http://www.w3.org/2000/svg\">"
            + "<title id=\"\(id)-title\">\(escape(title))</title><desc id=\"\(id)-desc\">\(escape(description))</desc>"
            + "<rect class=\"bar-track\" x=\"0\" y=\"0\" width=\"100\" height=\"6\"/>"
            + "<rect class=\"range-band\" x=\"\(coordinate(from))\" y=\"1\" width=\"\(coordinate(max(0.4, to - from)))\" height=\"4\"/>"
            + "<rect class=\"range-mark\" x=\"\(coordinate(max(0, mark - 0.4)))\" y=\"0\" width=\"0.8\" height=\"6\"/>"
            + "</svg>"
    }

    /// A rank range (5–95 %) among `count` projects, best on the left, with the median as a mark.
    static func rankBar(id: String, best: Int, worst: Int, median: Int, count: Int, title: String, description: String) -> String {
        let span = Double(max(1, count - 1))
        func scaled(_ rank: Int) -> Double { min(100, max(0, Double(rank - 1) / span * 100)) }
        let (from, to, mark) = (scaled(best), scaled(worst), scaled(median))
        return "<svg class=\"range-bar\" viewBox=\"0 0 100 6\" preserveAspectRatio=\"none\" role=\"img\" "
            + "aria-labelledby=\"\(id)-title \(id)-desc\" xmlns=\"http://www.w3.org/2000/svg\">"
            + "<title id=\"\(id)-title\">\(escape(title))</title><desc id=\"\(id)-desc\">\(escape(description))</desc>"
            + "<rect class=\"bar-track\" x=\"0\" y=\"0\" width=\"100\" height=\"6\"/>"
            + "<rect class=\"range-band\" x=\"\(coordinate(from))\" y=\"1\" width=\"\(coordinate(max(0.8, to - from)))\" height=\"4\"/>"
            + "<rect class=\"range-mark\" x=\"\(coordinate(max(0, mark - 0.4)))\" y=\"0\" width=\"0.8\" height=\"6\"/>"
            + "</svg>"
    }

    /// SVG coordinates always with a decimal point, whatever the page's language.
    static func coordinate(_ value: Double) -> String {
        var text = String(format: "%.3f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// Text inside the SVG (project titles, criterion names come from users): escaped like HTML.
    static func escape(_ text: String) -> String { MarkupEscaping.escaped(text) }
}
