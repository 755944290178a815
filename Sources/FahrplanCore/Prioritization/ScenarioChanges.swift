import Foundation

/// An event ("Pandemie", "Zuzug Geflüchteter") that changes the weights, adds a criterion or marks projects
/// urgent. Applied to a round's criteria and projects it gives the scenario's ranking input.
public struct ScenarioChanges: Sendable, Equatable, Codable {
    /// Criterion key → new weight (raw, like the round's); absent = unchanged.
    public var weights: [String: Double]
    public var addedCriteria: [AddedCriterion]
    public var urgentProjectIDs: [String]

    public init(weights: [String: Double] = [:], addedCriteria: [AddedCriterion] = [], urgentProjectIDs: [String] = []) {
        self.weights = weights
        self.addedCriteria = addedCriteria
        self.urgentProjectIDs = urgentProjectIDs
    }
}

/// A criterion the event brings in (e.g. "Krisenrelevanz"), with its weight and the values of the projects it
/// was assessed for; projects without a value count it as missing (their total uses the other criteria).
public struct AddedCriterion: Sendable, Equatable, Codable {
    public var criterion: Criterion
    public var weight: Double
    /// Project id → value on the criterion's scale.
    public var values: [String: Double]

    public init(criterion: Criterion, weight: Double, values: [String: Double] = [:]) {
        self.criterion = criterion
        self.weight = weight
        self.values = values
    }
}

public enum ScenarioApplication {
    /// The criteria and projects with the changes applied. Refuses (ValidationFailure) weights for unknown
    /// criteria or that are negative or not numbers, an added criterion whose key is invalid or already used or
    /// whose scale is unusable, values off its scale or for unknown projects, and unknown urgent project ids.
    public static func apply(_ changes: ScenarioChanges, to criteria: [WeightedCriterion],
                             _ projects: [RankingProject]) throws -> ([WeightedCriterion], [RankingProject]) {
        var problems: [FieldProblem] = []
        func add(_ field: String, _ kind: FieldProblem.Kind) {
            let problem = FieldProblem(field, kind)
            if !problems.contains(problem) { problems.append(problem) }
        }
        var keys = Set(criteria.map(\.criterion.key))
        let projectIDs = Set(projects.map(\.id))

        // Sorted, so that the problems come out in the same order every time.
        for (key, weight) in changes.weights.sorted(by: { $0.key < $1.key }) {
            if !keys.contains(key) { add("weights", .unknownReference) }
            if !weight.isFinite { add("weights", .notANumber) } else if weight < 0 { add("weights", .negative) }
        }
        for added in changes.addedCriteria {
            let criterion = added.criterion
            for problem in criterion.problems() { add("addedCriteria.\(problem.field)", problem.kind) }
            if !keys.insert(criterion.key).inserted { add("addedCriteria.key", .duplicate) }
            if !added.weight.isFinite { add("addedCriteria.weight", .notANumber) }
            else if added.weight < 0 { add("addedCriteria.weight", .negative) }
            for (id, value) in added.values.sorted(by: { $0.key < $1.key }) {
                if !projectIDs.contains(id) { add("addedCriteria.values", .unknownReference) }
                if !value.isFinite || value < Double(criterion.minimum) || value > Double(criterion.maximum) {
                    add("addedCriteria.values", .outOfRange(min: criterion.minimum, max: criterion.maximum))
                }
            }
        }
        if changes.urgentProjectIDs.contains(where: { !projectIDs.contains($0) }) { add("urgentProjectIDs", .unknownReference) }
        guard problems.isEmpty else { throw ValidationFailure(problems) }

        var changedCriteria = criteria.map { entry in
            var entry = entry
            if let weight = changes.weights[entry.criterion.key] { entry.weight = weight }
            return entry
        }
        changedCriteria += changes.addedCriteria.map { WeightedCriterion(criterion: $0.criterion, weight: $0.weight) }
        let urgent = Set(changes.urgentProjectIDs)
        let changedProjects = projects.map { project in
            var project = project
            for added in changes.addedCriteria {
                if let value = added.values[project.id] { project.values[added.criterion.key] = value }
            }
            if urgent.contains(project.id) { project.urgent = true }
            return project
        }
        return (changedCriteria, changedProjects)
    }
}
