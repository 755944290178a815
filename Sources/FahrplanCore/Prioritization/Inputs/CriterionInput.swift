import Foundation

/// What a person submits for a catalog criterion. Levels come as parallel lists (value, label, description);
/// blank rows are ignored, so a form can offer spare rows.
public struct CriterionInput: Sendable, Equatable {
    public var key: String?
    public var name: String?
    public var description: String?
    public var direction: String?
    public var source: String?
    public var levelValues: [String]
    public var levelLabels: [String]
    public var levelDescriptions: [String]
    public var defaultWeight: String?

    public static let maxLevels = 11

    public init(key: String? = nil, name: String? = nil, description: String? = nil, direction: String? = nil,
                source: String? = nil, levelValues: [String] = [], levelLabels: [String] = [],
                levelDescriptions: [String] = [], defaultWeight: String? = nil) {
        self.key = key; self.name = name; self.description = description; self.direction = direction
        self.source = source; self.levelValues = levelValues; self.levelLabels = levelLabels
        self.levelDescriptions = levelDescriptions; self.defaultWeight = defaultWeight
    }
}

extension CriterionInput {
    /// The checked criterion and its default weight (points, as typed: German or ISO decimals); throws
    /// `ValidationFailure` naming every problem. Whether the key is free in the catalog is the server's check.
    public func validated() throws -> (Criterion, Double) {
        var check = Validator()
        let key = check.text("key", key, required: true, max: 40)
        if let key, !CriterionKey.isValid(key) { check.add("key", .invalidKey) }
        let name = check.text("name", name, required: true, max: 120)
        let description = check.text("description", description, required: false, max: ProjectLimits.longText, multiline: true)
        let direction = CriterionDirection(rawValue: direction ?? CriterionDirection.higherIsBetter.rawValue)
        if direction == nil { check.add("direction", .invalidChoice) }
        let source = CriterionSource(rawValue: source ?? CriterionSource.rating.rawValue)
        if source == nil { check.add("source", .invalidChoice) }
        var levels: [ScaleLevel] = []
        let rows = max(levelValues.count, levelLabels.count, levelDescriptions.count)
        for row in 0..<rows {
            let rawValue = row < levelValues.count ? levelValues[row] : ""
            let rawLabel = row < levelLabels.count ? levelLabels[row] : ""
            let rawDescription = row < levelDescriptions.count ? levelDescriptions[row] : ""
            if [rawValue, rawLabel, rawDescription].allSatisfy({ $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }) { continue }
            let value = check.integer("levels[\(row)].value", rawValue, required: true, range: -100...100)
            let label = check.text("levels[\(row)].label", rawLabel, required: true, max: 80)
            let text = check.text("levels[\(row)].description", rawDescription, required: false, max: 600, multiline: true)
            if let value, let label { levels.append(ScaleLevel(value: value, label: label, description: text ?? "")) }
        }
        if levels.count > Self.maxLevels { check.add("levels", .tooMany(max: Self.maxLevels)) }
        let weight = check.nonNegativeDecimal("defaultWeight", defaultWeight) ?? 0
        try check.finish()
        let criterion = Criterion(key: key ?? "", name: name ?? "", description: description ?? "", levels: levels,
                                  direction: direction ?? .higherIsBetter, source: source ?? .rating)
        try ValidationFailure.throwing(criterion.problems())
        return (criterion, weight)
    }
}
