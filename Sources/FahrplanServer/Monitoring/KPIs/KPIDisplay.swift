import FahrplanCore
import Foundation

/// Numbers, days and notes of the KPI pages, German or English.
enum KPIDisplay {
    /// Up to two decimals, no trailing zeros, German decimal comma: `12,5`, `1234`, `-3,25`.
    static func number(_ value: Double, english: Bool) -> String {
        guard value.isFinite else { return "–" }
        var text = String(format: "%.2f", value)
        while text.contains("."), text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        if text == "-0" { text = "0" }
        return english ? text : text.replacingOccurrences(of: ".", with: ",")
    }

    static func day(_ day: CalendarDay, english: Bool) -> String { english ? day.iso : day.german }

    /// What a form shows for a stored value (German input style in German).
    static func inputNumber(_ value: Double, english: Bool) -> String { number(value, english: english) }

    static func staleNote(_ staleness: KPIStaleness, english: Bool) -> String {
        guard let days = staleness.daysSinceLast else { return english ? "no measurement yet" : "noch kein Messwert" }
        return english ? "no measurement for \(days) days (expected every \(staleness.windowDays) days at most)"
                       : "seit \(days) Tagen kein Messwert (erwartet spätestens alle \(staleness.windowDays) Tage)"
    }

    static func progress(_ progress: KPIProgress?, english: Bool) -> String {
        guard let progress else { return english ? "–" : "–" }
        let capped = KPIRollup.percent(progress.clamped, english: english)
        guard progress.raw != progress.clamped else { return capped }
        return "\(capped) (\(english ? "uncapped" : "ungekappt") \(KPIRollup.percent(progress.raw, english: english)))"
    }
}
