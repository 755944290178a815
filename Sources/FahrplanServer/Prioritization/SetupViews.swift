import FahrplanCore
import Foundation
import Vapor

/// Labels, numbers and CSS classes of the prioritization set-up pages, decided here so the templates stay simple.
enum SetupDisplay {
    static func status(_ status: RoundStatus, _ language: Language) -> String { Strings.text("prio.status.\(status.rawValue)", language) }

    static func statusClass(_ status: RoundStatus) -> String {
        switch status {
        case .draft: return "status status-submitted"
        case .rating: return "status status-inProgress"
        case .closed: return "status status-completed"
        }
    }

    static func direction(_ direction: CriterionDirection, _ language: Language) -> String {
        Strings.text("prio.direction.\(direction.rawValue)", language)
    }

    static func source(_ source: CriterionSource, _ language: Language) -> String { Strings.text("prio.source.\(source.rawValue)", language) }
    static func sourceHint(_ source: CriterionSource, _ language: Language) -> String { Strings.text("prio.sourceHint.\(source.rawValue)", language) }

    /// "0–4 (5 Stufen)"; "–" for a criterion without scale.
    static func scale(_ criterion: Criterion, _ language: Language) -> String {
        guard !criterion.levels.isEmpty else { return "–" }
        let count = criterion.levels.count
        return "\(criterion.minimum)–\(criterion.maximum) (\(count) \(Strings.text(count == 1 ? "prio.level" : "prio.levels", language)))"
    }

    /// A number with the reader's decimal separator and at most `decimals` places ("12,5", "12.5", "10").
    static func number(_ value: Double, decimals: Int = 1, _ language: Language) -> String {
        let factor = pow(10, Double(decimals))
        let rounded = (value * factor).rounded() / factor
        var text = String(format: "%.\(decimals)f", rounded)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return language == .de ? text.replacingOccurrences(of: ".", with: ",") : text
    }

    /// A share of 1 as percent: "23,5 %" / "23.5%".
    static func percent(_ share: Double, _ language: Language) -> String {
        let text = number(share * 100, decimals: 1, language)
        return language == .de ? "\(text) %" : "\(text)%"
    }

    /// Points as typed back into a form: German decimals, no trailing zeros.
    static func points(_ value: Double) -> String { number(value, decimals: 2, .de) }

    /// A Saaty value as the form posts it: "5", "1", "1/5".
    static func saaty(_ value: Double) -> String {
        if value >= 1 { return "\(Int(value.rounded()))" }
        return "1/\(Int((1 / value).rounded()))"
    }

    /// What a Saaty value says about A and B, in words both ways: "Bürgernutzen deutlich wichtiger (5)".
    static func saatyPhrase(_ value: Double, a: String, b: String, _ language: Language) -> String {
        let strength = Int((value >= 1 ? value : 1 / value).rounded())
        if strength == 1 { return Strings.text("prio.saaty.equal", language) + " (1)" }
        let word = Strings.text("prio.saaty.\(strength)", language)
        return "\(value > 1 ? a : b) \(word) (\(saaty(value)))"
    }

    /// Saaty's values from "A extremely more important" down to "B extremely more important".
    static let saatyScale: [Double] = (2...9).reversed().map(Double.init) + [1] + (2...9).map { 1 / Double($0) }

    /// The day a stored moment fell on in the municipality, or "" for none.
    static func day(_ date: Date?, _ language: Language, in calendar: MunicipalCalendar) -> String {
        guard let date else { return "" }
        return day(calendar.day(of: date), language)
    }

    static func day(_ day: CalendarDay, _ language: Language) -> String { language == .de ? day.german : day.description }
}

/// One level of a criterion's scale as the pages show it.
struct LevelView: Encodable {
    var value: Int
    var label: String
    var description: String?

    init(_ level: ScaleLevel) {
        value = level.value
        label = level.label
        description = level.description.isEmpty ? nil : level.description
    }
}

/// A labelled choice with an explanation (criterion sources, missing-ratings policies).
struct ExplainedOption: Encodable {
    var value: String
    var label: String
    var hint: String
    var selected: Bool
}

/// Problem lines where some fields are named by what they are about ("P-0012 – Bürgernutzen") rather than by
/// their form name; the rest keep the usual field labels.
extension Request {
    func problemLines(_ problems: [FieldProblem], labels: [String: String]) -> ([ProblemLine]?, [String: String]) {
        let (lines, byField) = problemLines(problems)
        guard let lines else { return (nil, byField) }
        return (zip(problems, lines).map { problem, line in
            labels[problem.field].map { ProblemLine(field: $0, message: line.message) } ?? line
        }, byField)
    }
}

// MARK: - forms as posted

struct CriterionForm: Content, VersionedForm {
    var key: String?
    var name: String?
    var description: String?
    var direction: String?
    var source: String?
    var defaultWeight: String?
    var levelValue: [String]?
    var levelLabel: [String]?
    var levelDescription: [String]?
    /// The edit version the form was loaded with (optimistic concurrency).
    var version: Int?

    init() {}

    init(_ row: CatalogCriterion) {
        let criterion = row.criterion
        key = criterion.key; name = criterion.name; description = criterion.description
        direction = criterion.direction.rawValue; source = criterion.source.rawValue
        defaultWeight = SetupDisplay.points(row.defaultWeight)
        levelValue = criterion.levels.map { String($0.value) }
        levelLabel = criterion.levels.map(\.label)
        levelDescription = criterion.levels.map(\.description)
        version = row.version
    }

    var input: CriterionInput {
        CriterionInput(key: key, name: name, description: description, direction: direction, source: source,
                       levelValues: levelValue ?? [], levelLabels: levelLabel ?? [], levelDescriptions: levelDescription ?? [],
                       defaultWeight: defaultWeight)
    }
}

struct RoundForm: Content {
    var title: String?
    var description: String?
    var aggregation: String?
    var topN: String?
    var legalDeadlineFirst: String?
    var inheritUrgency: String?
    var criterionIDs: [String]?
    var projectIDs: [String]?
    var raterIDs: [String]?
    /// The settings' edit version the form was loaded with (optimistic concurrency).
    var version: Int?

    init() {}

    init(_ round: PrioritizationRound) {
        title = round.title; description = round.description; aggregation = round.aggregation; topN = String(round.topN)
        legalDeadlineFirst = round.legalDeadlineFirst ? "true" : nil
        inheritUrgency = round.inheritUrgency ? "true" : nil
        version = round.version
    }

    var input: RoundInput {
        RoundInput(title: title, description: description, aggregation: aggregation, topN: topN,
                   legalDeadlineFirst: legalDeadlineFirst == "true", inheritUrgency: inheritUrgency == "true",
                   criterionIDs: (criterionIDs ?? []).filter { !$0.isEmpty }, projectIDs: (projectIDs ?? []).filter { !$0.isEmpty },
                   raterIDs: (raterIDs ?? []).filter { !$0.isEmpty })
    }
}

struct ScopeForm: Content {
    var projectIDs: [String]?
    var raterIDs: [String]?
}

struct WeightsForm: Content {
    var weights: [String: String]?
}

struct CloseForm: Content {
    var missingPolicy: String?
    var decidedBy: String?
    var decidedOn: String?
    var rationale: String?

    var decision: DecisionInput { DecisionInput(decidedBy: decidedBy, decidedOn: decidedOn, rationale: rationale) }
}

/// The rater's form: one entry per project and criterion, as parallel lists (a select always posts, so the
/// lists stay aligned).
struct RatingForm: Content {
    var projectID: [String]?
    var criterionKey: [String]?
    var score: [String]?
    var justification: [String]?
    var intent: String?
    var page: String?
    var filter: String?

    var inputs: [RatingInput] {
        let ids = projectID ?? [], keys = criterionKey ?? [], scores = score ?? [], texts = justification ?? []
        return (0..<min(ids.count, keys.count)).map { index in
            RatingInput(projectID: ids[index], criterionKey: keys[index],
                        score: index < scores.count ? scores[index] : nil,
                        justification: index < texts.count ? texts[index] : nil)
        }
    }
}

/// Pairwise judgments as parallel lists: criterion A, criterion B, the Saaty value of A over B.
struct PairwiseForm: Content {
    var a: [String]?
    var b: [String]?
    var value: [String]?

    var inputs: [PairwiseInput] {
        let first = a ?? [], second = b ?? [], values = value ?? []
        return (0..<min(first.count, second.count)).map { index in
            PairwiseInput(a: first[index], b: second[index], value: index < values.count ? values[index] : "")
        }
    }
}
