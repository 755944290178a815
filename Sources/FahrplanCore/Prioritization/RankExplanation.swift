import Foundation

/// Why a project stands directly above the next one in the ranking.
public enum RankExplanation: Sendable, Equatable {
    /// Its tier is better (the reason says why); `over` is the next project's tier.
    case higherTier(TierReason, over: RankingTier)
    /// Same tier, more points. `drivers`: criteria where it gains most (largest first); `offsets`: criteria
    /// where the next project gains (points negative, largest loss first). At most three each; differences that
    /// would show as 0.0 are left out.
    case higherScore(margin: Double, drivers: [CriterionDelta], offsets: [CriterionDelta])
    /// Equal total; the code decides the order.
    case tie
    /// Same tier, not more points: it stands here because the project `of` (an id) needs it — a prerequisite
    /// stands right before the best project that depends on it.
    case prerequisite(of: String)

    /// One German or English sentence, e.g. "Liegt vor P-012: +6,3 Punkte, vor allem durch Bürgernutzen (+4,0)
    /// und Dringlichkeit (+3,1); P-012 ist besser bei Risiko (−1,2)." `names`: criterion key → name;
    /// `codes`: project id → code, to name the project behind an inherited tier or a prerequisite.
    public func text(english: Bool, names: [String: String], nextCode: String, codes: [String: String] = [:]) -> String {
        func name(_ key: String) -> String { names[key] ?? key }
        func list(_ deltas: [CriterionDelta]) -> String {
            RankingNumberFormat.list(deltas.map { "\(name($0.key)) (\(RankingNumberFormat.points($0.points, english: english, signed: true)))" },
                                     english: english)
        }
        switch self {
        case .higherScore(let margin, let drivers, let offsets):
            let amount = RankingNumberFormat.points(margin, english: english, signed: true)
            var sentence = english ? "Ahead of \(nextCode): \(amount) points" : "Liegt vor \(nextCode): \(amount) Punkte"
            if !drivers.isEmpty {
                sentence += english ? ", mainly through \(list(drivers))" : ", vor allem durch \(list(drivers))"
            }
            if !offsets.isEmpty {
                sentence += english ? "; \(nextCode) is better on \(list(offsets))" : "; \(nextCode) ist besser bei \(list(offsets))"
            }
            return sentence + "."
        case .tie:
            return english
                ? "Level with \(nextCode) (same total); the code decides the order."
                : "Gleichauf mit \(nextCode) (gleiche Punktzahl); die Kennung entscheidet die Reihenfolge."
        case .prerequisite(let of):
            let dependent = codes[of] ?? (english ? "another project" : "ein anderes Projekt")
            return english
                ? "Stands before \(nextCode) because \(dependent) depends on it: prerequisites come before the projects that need them."
                : "Steht vor \(nextCode), weil \(dependent) darauf aufbaut: Voraussetzungen stehen vor den Projekten, die sie brauchen."
        case .higherTier(let reason, let over):
            let overTier = over.label(english: english)
            switch reason {
            case .legalDeadline:
                return english
                    ? "Ahead of \(nextCode) because it is a legal obligation with a deadline; \(nextCode) is in the tier “\(overTier)”."
                    : "Liegt vor \(nextCode), weil es eine gesetzliche Pflicht mit Frist ist; \(nextCode) steht in der Stufe „\(overTier)“."
            case .markedUrgent:
                return english
                    ? "Ahead of \(nextCode) because it is marked urgent; \(nextCode) is in the tier “\(overTier)”."
                    : "Liegt vor \(nextCode), weil es als dringlich markiert ist; \(nextCode) steht in der Stufe „\(overTier)“."
            case .inherited(let from, let tier):
                let source = codes[from] ?? (english ? "a project" : "ein Projekt")
                let tierName = tier.label(english: english)
                return english
                    ? "Ahead of \(nextCode) because \(source) depends on it, so it inherits the tier “\(tierName)”; \(nextCode) is in the tier “\(overTier)”."
                    : "Liegt vor \(nextCode), weil \(source) darauf aufbaut und es deshalb die Stufe „\(tierName)“ erbt; \(nextCode) steht in der Stufe „\(overTier)“."
            }
        }
    }
}

/// Points as people read them: one decimal (two when one would show a non-zero difference as 0), German with a
/// decimal comma, a real minus sign.
enum RankingNumberFormat {
    static func points(_ value: Double, english: Bool, signed: Bool = false) -> String {
        let magnitude = abs(value)
        let decimals = magnitude > 0 && magnitude < 0.05 ? 2 : 1
        // Round half away from zero as people do (6.25 → 6.3), not to even as printf does with exact halves.
        let factor = decimals == 2 ? 100.0 : 10.0
        let rounded = (magnitude * factor).rounded(.toNearestOrAwayFromZero) / factor
        var text = String(format: "%.\(decimals)f", rounded)
        if !english { text = text.replacingOccurrences(of: ".", with: ",") }
        let isZero = rounded == 0
        if value < 0 && !isZero { return "−" + text }
        return signed && !isZero ? "+" + text : text
    }

    /// "A, B und C" / "A, B and C".
    static func list(_ items: [String], english: Bool) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + (english ? " and " : " und ") + items.last!
    }
}
