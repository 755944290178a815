import Foundation

/// Numbers, periods and lists as the planning texts show them: German with a decimal comma and a thousands point
/// ("1,25 Mio. €", "45.000 €", "2,5 VZÄ"), English with a decimal point ("€1.25 million", "2.5 FTE").
struct PlanningText: Sendable {
    let english: Bool

    static let german = PlanningText(english: false)
    static let englishText = PlanningText(english: true)

    /// Up to `maxDecimals` decimals, trailing zeros dropped but at least `minDecimals` kept.
    func decimal(_ value: Double, minDecimals: Int = 0, maxDecimals: Int = 2) -> String {
        guard value.isFinite else { return english ? "not a number" : "keine Zahl" }
        // Integer arithmetic instead of String(format:), which is slow and explanations format thousands of numbers.
        var scale: Int64 = 1
        for _ in 0..<maxDecimals { scale *= 10 }
        let magnitude = abs(value) * Double(scale)
        guard magnitude < 9e17 else { return String(value) }
        let scaled = Int64(magnitude.rounded(.toNearestOrAwayFromZero))
        var fraction = scaled % scale == 0 && maxDecimals == 0 ? "" : String(scaled % scale)
        if maxDecimals > 0 {
            fraction = String(repeating: "0", count: maxDecimals - fraction.count) + fraction
            var decimals = maxDecimals
            while decimals > minDecimals, fraction.hasSuffix("0") { fraction.removeLast(); decimals -= 1 }
        }
        var result = Self.grouped(String(scaled / scale), separator: english ? "," : ".")
        if !fraction.isEmpty { result += (english ? "." : ",") + fraction }
        return value < 0 && scaled != 0 ? "−" + result : result
    }

    private static func grouped(_ digits: String, separator: String) -> String {
        guard digits.count > 3 else { return digits }
        var groups: [Substring] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(digits[start..<end], at: 0)
            end = start
        }
        return groups.joined(separator: separator)
    }

    /// Euros: from 100,000 on in millions ("1,1 Mio. €", "0,25 Mio. €"), below in whole euros ("45.000 €").
    func euros(_ value: Double) -> String {
        if abs(value) >= 100_000 {
            let millions = decimal(value / 1_000_000, minDecimals: 1, maxDecimals: 3)
            return english ? "€\(millions) million" : "\(millions) Mio. €"
        }
        let whole = decimal(value.rounded(), maxDecimals: 0)
        return english ? "€\(whole)" : "\(whole) €"
    }

    /// Full-time equivalents: "2,5 VZÄ" / "2.5 FTE" (one decimal at least, two at most).
    func fte(_ value: Double) -> String {
        decimal(value, minDecimals: 1, maxDecimals: 2) + (english ? " FTE" : " VZÄ")
    }

    /// An amount of a resource in its unit.
    func amount(_ value: Double, kind: RoadmapProblem.ResourceKind) -> String {
        kind == .budget ? euros(value) : fte(value)
    }

    /// "90 %" / "90%".
    func percent(_ share: Double) -> String {
        let whole = decimal((share * 100).rounded(), maxDecimals: 0)
        return english ? "\(whole)%" : "\(whole) %"
    }

    /// A resource as the subject of a sentence: "Budget „Haushalt investiv“" or just "FD-IT".
    func resource(_ resource: RoadmapProblem.Resource) -> String {
        guard resource.kind == .budget else { return resource.label }
        if resource.label.lowercased() == "budget" { return "Budget" }
        return english ? "budget “\(resource.label)”" : "Budget „\(resource.label)“"
    }

    /// "1 Zeitraum", "3 Zeiträume" / "1 period", "3 periods".
    func periods(_ count: Int) -> String {
        english ? "\(count) period\(count == 1 ? "" : "s")" : "\(count) \(count == 1 ? "Zeitraum" : "Zeiträume")"
    }

    /// "A, B und C" / "A, B and C".
    func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + (english ? " and " : " und ") + items.last!
    }
}

extension RoadmapProblem {
    /// The label of period `index`, or "Zeitraum 13" / "period 13" (1-based) outside the horizon.
    func periodLabel(_ index: Int, english: Bool = false) -> String {
        if periods.indices.contains(index) { return periods[index] }
        return english ? "period \(index + 1)" : "Zeitraum \(index + 1)"
    }

    /// Use of `resourceID` in the k-th running period of `project` (0 where not given).
    func use(of project: Project, _ resourceID: String, at k: Int) -> Double {
        guard let values = project.usage[resourceID], k >= 0, k < values.count else { return 0 }
        return values[k]
    }

    /// Whether `used` exceeds `limit`, with a tolerance for the rounding of sums of decimals.
    static func exceeds(_ used: Double, _ limit: Double) -> Bool {
        used > limit + 1e-9 * max(1, abs(limit))
    }
}
