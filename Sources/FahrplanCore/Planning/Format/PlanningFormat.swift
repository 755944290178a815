import Foundation

/// The exchange formats of the roadmap optimizer: `fahrplan-planning/1` (a problem) and `fahrplan-plan/1` (a
/// solution), as described in `../shared/bench/planning/FORMAT.md`. A plan exported from the app can be solved
/// or checked with any other tool, and its solution read back.
///
/// Mapping to `RoadmapProblem`: the file's `budget` becomes a resource with id "budget" of kind `.budget`, each
/// department a `.staff` resource with the department's id; a project's `cost` is its use of "budget", its
/// `effort` its use of the departments. Exporting does the reverse: the first `.budget` resource becomes
/// `budget`, every other resource a `departments` entry (with the resource's id).
///
/// Bad input throws a `ValidationFailure` whose problems name the JSON path ("projects[3].duration").
public enum PlanningFormat {
    public static let problemFormat = "fahrplan-planning/1"
    public static let solutionFormat = "fahrplan-plan/1"
    /// Resource id of the file's `budget` row.
    public static let budgetResourceID = "budget"

    public static func decodeProblem(_ data: Data) throws -> RoadmapProblem {
        guard let root = PlanningJSON.parse(data), case .object = root else {
            throw ValidationFailure([FieldProblem("$", .invalidChoice)])
        }
        var reader = ProblemReader()
        let problem = reader.read(root)
        try reader.validator.finish()
        return problem
    }

    public static func encodeProblem(_ problem: RoadmapProblem) -> Data {
        typealias W = PlanningJSONWriter
        let budget = problem.resources.first { $0.kind == .budget }
        let departments = problem.resources.filter { $0.id != budget?.id }
        var members: [(String, String)] = [
            ("format", W.string(problemFormat)),
            ("name", W.string(problem.name)),
            ("periods", "[" + problem.periods.map(W.string).joined(separator: ",") + "]"),
            ("discount", W.number(problem.discount)),
            ("budget", W.numbers(budget?.capacity ?? Array(repeating: 0, count: problem.periods.count))),
        ]
        members.append(("departments", "[" + departments.map {
            W.object([("id", W.string($0.id)), ("capacity", W.numbers($0.capacity))])
        }.joined(separator: ",") + "]"))
        let projects = problem.projects.map { project -> String in
            let padded = { (values: [Double]?) -> [Double] in
                (0..<project.duration).map { k in values.flatMap { k < $0.count ? $0[k] : nil } ?? 0 }
            }
            var fields: [(String, String)] = [
                ("id", W.string(project.id)), ("title", W.string(project.title)), ("value", W.number(project.value)),
                ("duration", String(project.duration)),
                ("cost", W.numbers(padded(budget.flatMap { project.usage[$0.id] }))),
                ("effort", W.object(departments.compactMap { department in
                    guard let use = project.usage[department.id], use.contains(where: { $0 != 0 }) else { return nil }
                    return (department.id, W.numbers(padded(use)))
                })),
            ]
            if project.earliestStart != 0 { fields.append(("earliestStart", String(project.earliestStart))) }
            if let latestFinish = project.latestFinish { fields.append(("latestFinish", String(latestFinish))) }
            fields.append(("mandatory", project.mandatory ? "true" : "false"))
            if !project.after.isEmpty {
                fields.append(("after", "[" + project.after.map(W.string).joined(separator: ",") + "]"))
            }
            return W.object(fields)
        }
        members.append(("projects", "[\n" + projects.joined(separator: ",\n") + "\n]"))
        return Data((W.object(members) + "\n").utf8)
    }

    /// The solution as `fahrplan-plan/1`; besides objective, bound and schedule (in the problem's project order)
    /// it carries "status" and "nodes", which other readers ignore.
    public static func encodeSolution(_ solution: RoadmapSolution, problem: RoadmapProblem) -> Data {
        typealias W = PlanningJSONWriter
        let schedule = problem.projects.compactMap { project -> String? in
            guard let start = solution.schedule.starts[project.id] else { return nil }
            return W.object([("id", W.string(project.id)), ("start", String(start))])
        }
        let members: [(String, String)] = [
            ("format", W.string(solutionFormat)),
            ("name", W.string(problem.name)),
            ("objective", W.number(solution.objective)),
            ("bound", W.number(solution.bound)),
            ("gap", W.number(solution.gap)),
            ("status", W.string(solution.status.rawValue)),
            ("nodes", String(solution.nodes)),
            ("schedule", "[\n" + schedule.joined(separator: ",\n") + "\n]"),
        ]
        return Data((W.object(members) + "\n").utf8)
    }

    /// Reads the schedule of a `fahrplan-plan/1` file (objective and bound are not trusted; recompute them).
    /// Only the form is checked here (known ids, each once, whole-number starts), not feasibility.
    public static func decodeSchedule(_ data: Data, for problem: RoadmapProblem) throws -> RoadmapSchedule {
        guard let root = PlanningJSON.parse(data), case .object = root else {
            throw ValidationFailure([FieldProblem("$", .invalidChoice)])
        }
        var validator = Validator()
        if root["format"]?.string != solutionFormat { validator.add("format", .invalidChoice) }
        let known = Set(problem.projects.map(\.id))
        var starts: [String: Int] = [:]
        if let entries = root["schedule"]?.array {
            for (index, entry) in entries.enumerated() {
                let path = "schedule[\(index)]"
                guard let id = entry["id"]?.string else { validator.add("\(path).id", .required); continue }
                guard known.contains(id) else { validator.add("\(path).id", .unknownReference); continue }
                guard starts[id] == nil else { validator.add("\(path).id", .duplicate); continue }
                guard let start = entry["start"]?.number, start == start.rounded(), abs(start) < 1e9 else {
                    validator.add("\(path).start", .notANumber); continue
                }
                starts[id] = Int(start)
            }
        } else {
            validator.add("schedule", .required)
        }
        try validator.finish()
        return RoadmapSchedule(starts: starts)
    }
}

/// Reads a `fahrplan-planning/1` object field by field, collecting every problem with its JSON path.
private struct ProblemReader {
    var validator = Validator()

    mutating func read(_ root: PlanningJSON) -> RoadmapProblem {
        if root["format"]?.string != PlanningFormat.problemFormat { validator.add("format", .invalidChoice) }
        let name = root["name"]?.string ?? ""
        var periods: [String] = []
        if let entries = root["periods"]?.array, !entries.isEmpty {
            for (index, entry) in entries.enumerated() {
                if let label = entry.string { periods.append(label) } else { validator.add("periods[\(index)]", .invalidChoice) }
            }
        } else {
            validator.add("periods", .required)
        }
        let horizon = periods.count
        var discount = 1.0
        if let value = root["discount"] {
            if let number = value.number, number > 0, number <= 1 { discount = number } else { validator.add("discount", .outOfRange(min: 0, max: 1)) }
        }
        var resources = [RoadmapProblem.Resource(
            id: PlanningFormat.budgetResourceID, kind: .budget, label: "Budget",
            capacity: vector(root["budget"], path: "budget", length: horizon))]
        var departmentIDs = Set<String>()
        for (index, entry) in (root["departments"]?.array ?? []).enumerated() {
            let path = "departments[\(index)]"
            guard let id = entry["id"]?.string, !id.isEmpty else { validator.add("\(path).id", .required); continue }
            guard id != PlanningFormat.budgetResourceID, departmentIDs.insert(id).inserted else {
                validator.add("\(path).id", .duplicate); continue
            }
            resources.append(.init(id: id, kind: .staff, capacity: vector(entry["capacity"], path: "\(path).capacity", length: horizon)))
        }
        var projects: [RoadmapProblem.Project] = []
        var projectIDs = Set<String>()
        let entries = root["projects"]?.array ?? []
        if root["projects"]?.array == nil { validator.add("projects", .required) }
        for (index, entry) in entries.enumerated() {
            if let project = readProject(entry, path: "projects[\(index)]", horizon: horizon, departments: departmentIDs) {
                if projectIDs.insert(project.id).inserted { projects.append(project) } else { validator.add("projects[\(index)].id", .duplicate) }
            }
        }
        for (index, project) in projects.enumerated() {
            for (position, predecessor) in project.after.enumerated() where !projectIDs.contains(predecessor) {
                let original = entries.firstIndex { $0["id"]?.string == project.id } ?? index
                validator.add("projects[\(original)].after[\(position)]", .unknownReference)
            }
        }
        return RoadmapProblem(name: name, periods: periods, discount: discount, resources: resources, projects: projects)
    }

    private mutating func readProject(_ entry: PlanningJSON, path: String, horizon: Int, departments: Set<String>) -> RoadmapProblem.Project? {
        guard case .object = entry else { validator.add(path, .invalidChoice); return nil }
        guard let id = entry["id"]?.string, !id.isEmpty else { validator.add("\(path).id", .required); return nil }
        let value = nonNegative(entry["value"], path: "\(path).value") ?? 0
        var duration = 1
        if let number = entry["duration"]?.number, number == number.rounded(), number >= 1, number <= Double(max(horizon, 1)) {
            duration = Int(number)
        } else {
            validator.add("\(path).duration", .outOfRange(min: 1, max: max(horizon, 1)))
        }
        var usage: [String: [Double]] = [:]
        if let cost = entry["cost"] {
            usage[PlanningFormat.budgetResourceID] = vector(cost, path: "\(path).cost", length: duration)
        }
        if let effort = entry["effort"] {
            if case .object(let members) = effort {
                for key in members.keys.sorted() {
                    guard departments.contains(key) else { validator.add("\(path).effort.\(key)", .unknownReference); continue }
                    usage[key] = vector(members[key], path: "\(path).effort.\(key)", length: duration)
                }
            } else {
                validator.add("\(path).effort", .invalidChoice)
            }
        }
        let earliestStart = wholeNumber(entry["earliestStart"], path: "\(path).earliestStart") ?? 0
        let latestFinish = wholeNumber(entry["latestFinish"], path: "\(path).latestFinish")
        var mandatory = false
        if let flag = entry["mandatory"] {
            switch flag {
            case .bool(let value): mandatory = value
            case .null: break
            default: validator.add("\(path).mandatory", .invalidBoolean)
            }
        }
        var after: [String] = []
        if let list = entry["after"], list != .null {
            if let items = list.array {
                for (position, item) in items.enumerated() {
                    if let predecessor = item.string { after.append(predecessor) } else { validator.add("\(path).after[\(position)]", .invalidChoice) }
                }
            } else {
                validator.add("\(path).after", .invalidChoice)
            }
        }
        return RoadmapProblem.Project(id: id, title: entry["title"]?.string ?? "", value: value, duration: duration, usage: usage,
                                      earliestStart: earliestStart, latestFinish: latestFinish, mandatory: mandatory, after: after)
    }

    private mutating func vector(_ json: PlanningJSON?, path: String, length: Int) -> [Double] {
        guard let entries = json?.array else {
            validator.add(path, .required)
            return Array(repeating: 0, count: length)
        }
        if entries.count < length { validator.add(path, .tooShort(min: length)) }
        if entries.count > length { validator.add(path, .tooMany(max: length)) }
        return (0..<length).map { index in
            index < entries.count ? (nonNegative(entries[index], path: "\(path)[\(index)]") ?? 0) : 0
        }
    }

    private mutating func nonNegative(_ json: PlanningJSON?, path: String) -> Double? {
        guard let json else { validator.add(path, .required); return nil }
        guard let number = json.number, number.isFinite else { validator.add(path, .notANumber); return nil }
        guard number >= 0 else { validator.add(path, .negative); return nil }
        return number
    }

    private mutating func wholeNumber(_ json: PlanningJSON?, path: String) -> Int? {
        guard let json, json != .null else { return nil }
        guard let number = json.number, number == number.rounded(), abs(number) < 1e9 else {
            validator.add(path, .notANumber); return nil
        }
        guard number >= 0 else { validator.add(path, .negative); return nil }
        return Int(number)
    }
}
