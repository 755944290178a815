import Foundation

/// One step of a maturity model: its number (what is stored and compared) and its labels.
public struct MaturityLevel: Sendable, Equatable, Hashable, Codable {
    public var number: Int
    public var germanLabel: String
    public var englishLabel: String

    public init(number: Int, germanLabel: String, englishLabel: String) {
        self.number = number; self.germanLabel = germanLabel; self.englishLabel = englishLabel
    }

    public func label(english: Bool) -> String { english ? englishLabel : germanLabel }
}

/// A criterion a service is assessed on (e.g. the application, the proof documents, the notice); every criterion
/// is rated on the model's levels.
public struct MaturityCriterion: Sendable, Equatable, Hashable, Codable {
    public var key: String
    public var germanName: String
    public var englishName: String

    public init(key: String, germanName: String, englishName: String) {
        self.key = key; self.germanName = germanName; self.englishName = englishName
    }

    public func name(english: Bool) -> String { english ? englishName : germanName }
}

/// A maturity model as data, so that the OZG model (0–4) and its 0–7 successor are configurations, not code.
/// The overall level of a service is the lowest of its criteria's levels: a service is only as online as its
/// weakest step (an online form whose notice comes by post is not an online transaction).
public struct MaturityModel: Sendable, Equatable, Codable {
    public var key: String
    public var levels: [MaturityLevel]
    public var criteria: [MaturityCriterion]
    /// The lowest level that counts as "online" for the share of cases handled online (OZG: 3, online service).
    public var onlineFrom: Int

    public static let levelNumbers = 0...99
    public static let maxLabelLength = 120

    public init(key: String, levels: [MaturityLevel], criteria: [MaturityCriterion], onlineFrom: Int) {
        self.key = key; self.levels = levels; self.criteria = criteria; self.onlineFrom = onlineFrom
    }

    /// The OZG maturity model (Reifegradmodell) with levels 0–4. The criteria are the steps of a typical
    /// application as Fahrplan suggests them; a municipality may rename or replace them.
    public static let ozg = MaturityModel(
        key: "ozg-2017",
        levels: [
            MaturityLevel(number: 0, germanLabel: "Offline", englishLabel: "Offline"),
            MaturityLevel(number: 1, germanLabel: "Information", englishLabel: "Information"),
            MaturityLevel(number: 2, germanLabel: "Formular-Assistent", englishLabel: "Form assistant"),
            MaturityLevel(number: 3, germanLabel: "Online-Leistung", englishLabel: "Online service"),
            MaturityLevel(number: 4, germanLabel: "Online-Transaktion", englishLabel: "Online transaction"),
        ],
        criteria: [
            MaturityCriterion(key: "antrag", germanName: "Antragstellung", englishName: "Application"),
            MaturityCriterion(key: "nachweise", germanName: "Nachweise", englishName: "Proof documents"),
            MaturityCriterion(key: "bescheid", germanName: "Bescheid und Rückkanal", englishName: "Notice and reply"),
        ],
        onlineFrom: 3)

    public func level(_ number: Int) -> MaturityLevel? { levels.first { $0.number == number } }

    public func criterion(_ key: String) -> MaturityCriterion? { criteria.first { $0.key == key } }

    /// The level a form or spreadsheet cell names: its number (`3`), its German or English label, or both
    /// (`3 – Online-Leistung`), compared like spreadsheet headers.
    public func level(named text: String) -> MaturityLevel? {
        let trimmed = SheetText.trimmed(Substring(text))
        if let number = Int(trimmed) { return level(number) }
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, let number = Int(digits), let found = level(number) {
            let rest = GermanFolding.matchKey(String(trimmed.dropFirst(digits.count)))
            if rest.isEmpty || rest == GermanFolding.matchKey(found.germanLabel) || rest == GermanFolding.matchKey(found.englishLabel) {
                return found
            }
            return nil
        }
        let key = GermanFolding.matchKey(trimmed)
        guard !key.isEmpty else { return nil }
        return levels.first { GermanFolding.matchKey($0.germanLabel) == key || GermanFolding.matchKey($0.englishLabel) == key }
    }

    /// Every problem of the model: fewer than two levels, numbers not strictly increasing (the problem names the
    /// smallest number allowed there), blank labels, no criteria, criterion keys that are no keys or repeat,
    /// an online threshold that is no level.
    public func problems() -> [FieldProblem] {
        var check = Validator()
        if !CriterionKey.isValid(key) { check.add("key", .invalidKey) }
        if levels.count < 2 { check.add("levels", .scaleTooShort) }
        var previous: Int?
        for (index, level) in levels.enumerated() {
            let field = "levels[\(index)]"
            if !Self.levelNumbers.contains(level.number) {
                check.add(field + ".number", .outOfRange(min: Self.levelNumbers.lowerBound, max: Self.levelNumbers.upperBound))
            } else if let previous, level.number <= previous {
                check.add(field + ".number", .outOfRange(min: previous + 1, max: Self.levelNumbers.upperBound))
            }
            previous = max(previous ?? level.number, level.number)
            _ = check.text(field + ".germanLabel", level.germanLabel, required: true, max: Self.maxLabelLength)
            _ = check.text(field + ".englishLabel", level.englishLabel, required: true, max: Self.maxLabelLength)
        }
        if criteria.isEmpty { check.add("criteria", .noCriteria) }
        var seen: Set<String> = []
        for (index, criterion) in criteria.enumerated() {
            let field = "criteria[\(index)]"
            if !CriterionKey.isValid(criterion.key) { check.add(field + ".key", .invalidKey) }
            else if !seen.insert(criterion.key).inserted { check.add(field + ".key", .duplicate) }
            _ = check.text(field + ".germanName", criterion.germanName, required: true, max: Self.maxLabelLength)
            _ = check.text(field + ".englishName", criterion.englishName, required: true, max: Self.maxLabelLength)
        }
        if !levels.isEmpty && level(onlineFrom) == nil { check.add("onlineFrom", .invalidChoice) }
        return check.problems
    }

    /// The model, or every problem at once.
    public func validated() throws -> MaturityModel {
        try ValidationFailure.throwing(problems())
        return self
    }
}
