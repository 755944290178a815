import FahrplanCore

/// What the roadmap chart draws: the scheduled projects grouped by field of action, on the plan's periods.
struct GanttInput: Sendable, Equatable {
    /// How a bar is marked besides its position; each mark has a pattern or outline and a letter.
    struct Marks: OptionSet, Sendable, Equatable, Hashable {
        let rawValue: Int
        /// Always in the plan (legal obligation, decision taken).
        static let mandatory = Marks(rawValue: 1)
        /// Its start is fixed (already running, or fixed by the planners).
        static let fixed = Marks(rawValue: 2)
        /// Moved or added by hand after the optimizer's run.
        static let manual = Marks(rawValue: 4)
    }

    struct Row: Sendable, Equatable {
        var code: String
        var title: String
        /// Index of the first period it runs in.
        var start: Int
        /// Periods it runs, >= 1; a bar reaching past the horizon is cut at its end.
        var duration: Int
        var marks: Marks = []
        /// Link to the project (used by the table; the image itself has no links).
        var url: String? = nil
    }

    struct Group: Sendable, Equatable {
        /// Field of action (Handlungsfeld), or the words for "none".
        var title: String
        var rows: [Row]
    }

    struct LeftOut: Sendable, Equatable {
        var code: String
        var title: String
    }

    /// Unique on the page: names the title, the description and the patterns.
    var id: String = "roadmap"
    /// Period labels in order, e.g. "2027-H1".
    var periods: [String]
    var groups: [Group]
    /// Projects the plan does not contain (named in the description's count and in the table).
    var leftOut: [LeftOut] = []
    /// The period that contains today, marked in the chart; nil when today lies outside the horizon.
    var currentPeriod: Int? = nil

    var rowCount: Int { groups.reduce(0) { $0 + $1.rows.count } }
}

extension GanttInput {
    /// The chart of a schedule: a row per scheduled project under its field of action (in `fieldOrder`, projects
    /// without one last), sorted by start and code; the problem's projects not in the schedule are left out.
    ///
    /// - Parameters:
    ///   - fieldOf: project id → title of its field of action (one; a project in several picks its main one).
    ///   - codeOf: project id → the code people know (P-17); the id itself when missing.
    static func make(problem: RoadmapProblem, schedule: RoadmapSchedule, fieldOf: [String: String], fieldOrder: [String],
                     codeOf: [String: String] = [:], fixed: Set<String> = [], manual: Set<String> = [],
                     urlOf: [String: String] = [:], currentPeriod: Int? = nil, noField: String,
                     id: String = "roadmap") -> GanttInput {
        var rowsByField: [String: [Row]] = [:]
        var leftOut: [LeftOut] = []
        for project in problem.projects {
            let code = codeOf[project.id] ?? project.id
            guard let start = schedule.starts[project.id] else {
                leftOut.append(LeftOut(code: code, title: project.title))
                continue
            }
            var marks: Marks = []
            if project.mandatory { marks.insert(.mandatory) }
            if fixed.contains(project.id) { marks.insert(.fixed) }
            if manual.contains(project.id) { marks.insert(.manual) }
            let row = Row(code: code, title: project.title, start: start, duration: max(1, project.duration), marks: marks,
                          url: urlOf[project.id])
            rowsByField[fieldOf[project.id] ?? noField, default: []].append(row)
        }
        var order = fieldOrder.filter { rowsByField[$0] != nil }
        order += rowsByField.keys.filter { !fieldOrder.contains($0) && $0 != noField }.sorted()
        if rowsByField[noField] != nil && !order.contains(noField) { order.append(noField) }
        let groups = order.map { field in
            Group(title: field, rows: rowsByField[field, default: []].sorted {
                ($0.start, $0.code.count, $0.code) < ($1.start, $1.code.count, $1.code)
            })
        }
        return GanttInput(id: id, periods: problem.periods, groups: groups,
                          leftOut: leftOut.sorted { ($0.code.count, $0.code) < ($1.code.count, $1.code) },
                          currentPeriod: currentPeriod)
    }
}
