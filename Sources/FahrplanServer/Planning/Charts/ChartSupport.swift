import FahrplanCore
import Foundation

/// One growing buffer for a chart's markup. The roadmap of a 500-project plan is several hundred kilobytes, so
/// the charts write into one preallocated string instead of joining pieces, and escape text while appending.
struct ChartBuffer {
    private(set) var text: String

    init(capacity: Int) {
        text = ""
        text.reserveCapacity(capacity)
    }

    /// Markup written by the chart itself (never user input).
    mutating func raw(_ markup: String) { text += markup }

    mutating func number(_ value: Int) { text += String(value) }

    /// Text from users (project titles, department names) and numbers formatted for people: escaped like HTML,
    /// control characters dropped (they are not allowed in XML and say nothing).
    mutating func escaped(_ value: String) { MarkupEscaping.append(value, to: &text, lineBreaks: .space) }

    /// `<title id="…-title">…</title><desc id="…-desc">…</desc>` — what a screen reader says for the image.
    mutating func titleAndDescription(id: String, title: String, description: String) {
        raw("<title id=\""); escaped(id); raw("-title\">"); escaped(title); raw("</title>")
        raw("<desc id=\""); escaped(id); raw("-desc\">"); escaped(description); raw("</desc>")
    }

    /// The opening tag every chart shares: an image named by its title and description.
    mutating func open(id: String, cssClass: String, width: Int, height: Int) {
        raw("<svg class=\"planning-chart "); raw(cssClass); raw("\" id=\""); escaped(id)
        raw("\" viewBox=\"0 0 "); number(width); raw(" "); number(height)
        raw("\" width=\""); number(width); raw("\" height=\""); number(height)
        raw("\" role=\"img\" aria-labelledby=\""); escaped(id); raw("-title "); escaped(id)
        raw("-desc\" xmlns=\"http://www.w3.org/2000/svg\">")
    }

    /// Diagonal hatching and cross-hatching as fills, so that marked bars differ in greyscale too, not by colour
    /// alone. Pattern ids carry the chart id, so two charts on one page do not share them.
    mutating func patterns(id: String) {
        raw("<defs>")
        raw("<pattern id=\""); escaped(id); raw("-hatch\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" patternTransform=\"rotate(45)\">")
        raw("<rect class=\"chart-hatch-ground\" width=\"6\" height=\"6\"/><rect class=\"chart-hatch-line\" width=\"2.5\" height=\"6\"/></pattern>")
        raw("<pattern id=\""); escaped(id); raw("-cross\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\">")
        raw("<rect class=\"chart-cross-ground\" width=\"6\" height=\"6\"/><rect class=\"chart-hatch-line\" width=\"6\" height=\"2\"/>")
        raw("<rect class=\"chart-hatch-line\" width=\"2\" height=\"6\"/></pattern>")
        raw("<pattern id=\""); escaped(id); raw("-over\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" patternTransform=\"rotate(-45)\">")
        raw("<rect class=\"chart-over-ground\" width=\"6\" height=\"6\"/><rect class=\"chart-over-line\" width=\"3\" height=\"6\"/></pattern>")
        raw("</defs>")
    }
}

/// German or English words and numbers for the charts' texts.
struct ChartWording {
    var language: Language

    func callAsFunction(_ german: String, _ english: String) -> String { language == .de ? german : english }

    /// `1.234,5` (German) or `1,234.5` (English), with at most `digits` decimals and no trailing zeros.
    func decimal(_ value: Double, digits: Int = 1) -> String {
        guard value.isFinite else { return "–" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let whole = Int64(scaled / scale)
        let fraction = Int64(scaled) - whole * Int64(scale)
        var text = PortfolioDisplay.whole(whole, language)
        if fraction > 0 {
            var digitsText = String(fraction)
            digitsText = String(repeating: "0", count: max(0, digits - digitsText.count)) + digitsText
            while digitsText.hasSuffix("0") { digitsText.removeLast() }
            text += (language == .de ? "," : ".") + digitsText
        }
        return (value < 0 && scaled > 0 ? "-" : "") + text
    }

    /// A resource amount with its unit: `2,5 VZÄ` / `2.5 FTE`, or euros `450.000 €` / `€450,000`.
    func amount(_ value: Double, kind: RoadmapProblem.ResourceKind) -> String {
        switch kind {
        case .staff: return decimal(value, digits: 2) + (language == .de ? " VZÄ" : " FTE")
        case .budget: return PortfolioDisplay.euros(Int64((value * 100).rounded()), language)
        }
    }

    /// A short amount for labels inside a chart: `1,2 Mio. €`, `450 T€`, `2,5` (FTE without unit).
    func shortAmount(_ value: Double, kind: RoadmapProblem.ResourceKind) -> String {
        switch kind {
        case .staff: return decimal(value, digits: 1)
        case .budget:
            if abs(value) >= 1_000_000 { return language == .de ? decimal(value / 1_000_000) + " Mio. €" : "€" + decimal(value / 1_000_000) + "m" }
            if abs(value) >= 1_000 { return language == .de ? decimal(value / 1_000, digits: 0) + " T€" : "€" + decimal(value / 1_000, digits: 0) + "k" }
            return language == .de ? decimal(value, digits: 0) + " €" : "€" + decimal(value, digits: 0)
        }
    }

    func percent(_ share: Double) -> String { decimal(share * 100, digits: 0) + (language == .de ? " %" : "%") }

    /// "A, B und C" / "A, B and C".
    func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + (language == .de ? " und " : " and ") + items[items.count - 1]
    }

    /// Keeps long titles from running into the bars: the first `limit` characters and an ellipsis.
    static func shortened(_ text: String, limit: Int) -> String {
        guard text.count > limit else { return text }
        return String(text.prefix(limit - 1)).trimmingCharacters(in: .whitespaces) + "…"
    }
}
