import Foundation

/// A scenario as a person submits it: new weights (blank = unchanged), projects marked urgent, and optionally a
/// criterion added for the event (projects named in `addedProjectIDs` meet it fully, the others not at all).
public struct ScenarioInput: Sendable, Equatable {
    public var name: String?
    public var description: String?
    public var weights: [String: String]
    public var urgentProjectIDs: [String]
    public var addedKey: String?
    public var addedName: String?
    public var addedWeight: String?
    public var addedProjectIDs: [String]
    /// The API may send the whole changes object instead.
    public var changes: ScenarioChanges?

    public init(name: String? = nil, description: String? = nil, weights: [String: String] = [:],
                urgentProjectIDs: [String] = [], addedKey: String? = nil, addedName: String? = nil,
                addedWeight: String? = nil, addedProjectIDs: [String] = [], changes: ScenarioChanges? = nil) {
        self.name = name; self.description = description; self.weights = weights
        self.urgentProjectIDs = urgentProjectIDs; self.addedKey = addedKey; self.addedName = addedName
        self.addedWeight = addedWeight; self.addedProjectIDs = addedProjectIDs; self.changes = changes
    }
}

/// A checked scenario: what will be stored.
public struct ScenarioValues: Sendable, Equatable {
    public var name: String
    public var description: String
    public var changes: ScenarioChanges
}

public enum ScenarioLimits {
    public static let name = 200
    public static let addedName = 120
    /// The key of the added criterion when none is typed.
    public static let defaultAddedKey = "event"
}

extension ScenarioInput {
    /// Checks the scenario against the round it belongs to (its weighted criteria and its projects, as the
    /// ranking sees them); throws `ValidationFailure` naming every problem. The changes must apply to the round:
    /// weights of its criteria only, a new key for the added criterion, urgent projects of the round.
    public func validated(criteria: [WeightedCriterion], projects: [RankingProject]) throws -> ScenarioValues {
        var check = Validator()
        let name = check.text("name", name, required: true, max: ScenarioLimits.name)
        let description = check.text("description", description, required: false, max: ProjectLimits.longText, multiline: true)
        let scope = Set(projects.map(\.id))
        var changes = self.changes ?? ScenarioChanges()
        if self.changes == nil {
            // Blank keeps the round's weight.
            for (key, raw) in weights {
                if let weight = check.nonNegativeDecimal("weights.\(key)", raw) { changes.weights[key] = weight }
            }
            changes.urgentProjectIDs = urgentProjectIDs.filter { !$0.isEmpty }
            let addedName = check.text("addedName", addedName, required: false, max: ScenarioLimits.addedName)
            if let addedName {
                let key = check.text("addedKey", addedKey, required: false, max: 40) ?? ScenarioLimits.defaultAddedKey
                if !CriterionKey.isValid(key) { check.add("addedKey", .invalidKey) }
                if criteria.contains(where: { $0.criterion.key == key }) { check.add("addedKey", .alreadyTaken) }
                let weight = check.nonNegativeDecimal("addedWeight", addedWeight, required: true) ?? 0
                let chosen = Set(addedProjectIDs)
                let criterion = Criterion(key: key, name: addedName, description: "",
                                          levels: [ScaleLevel(value: 0, label: "trifft nicht zu"), ScaleLevel(value: 4, label: "trifft zu")])
                changes.addedCriteria = [AddedCriterion(criterion: criterion, weight: weight,
                                                        values: Dictionary(uniqueKeysWithValues: scope.map { ($0, chosen.contains($0) ? 4.0 : 0.0) }))]
            } else {
                changes.addedCriteria = []
            }
        }
        if !Set(changes.urgentProjectIDs).isSubset(of: scope) { check.add("urgentProjectIDs", .unknownReference) }
        try check.finish()
        // Refuses unknown criterion keys and weights that sum to 0.
        _ = try ScenarioApplication.apply(changes, to: criteria, projects)
        return ScenarioValues(name: name ?? "", description: description ?? "", changes: changes)
    }
}
