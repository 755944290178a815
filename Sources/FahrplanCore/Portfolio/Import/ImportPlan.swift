import Foundation

/// An existing project of the municipality as an import sees it: enough to match rows by Kennung, to refuse
/// archived projects, and to tell a status change.
public struct ExistingProjectSnapshot: Sendable, Equatable {
    public var id: UUID
    /// The code in its stored spelling (a row may write it in other case).
    public var code: String
    public var title: String
    public var status: ProjectStatus
    /// Archived or merged into another project: an import does not change it.
    public var isArchived: Bool

    public init(id: UUID, code: String, title: String, status: ProjectStatus, isArchived: Bool) {
        self.id = id
        self.code = code
        self.title = title
        self.status = status
        self.isArchived = isArchived
    }
}

/// Where a row of an import goes.
public enum ImportTarget: Sendable, Equatable {
    /// The row updates this project.
    case update(ExistingProjectSnapshot)
    /// The row becomes a new project with this id and code (the Kennung of the file, or the next free `P-` code).
    case create(id: UUID, code: String)

    public var projectID: UUID {
        switch self {
        case .update(let project): return project.id
        case .create(let id, _): return id
        }
    }

    public var code: String {
        switch self {
        case .update(let project): return project.code
        case .create(_, let code): return code
        }
    }

    public var isNew: Bool {
        if case .create = self { return true }
        return false
    }
}

/// A project other rows may refer to by code or title, in the order the server's references learn them.
public struct ImportKnownProject: Sendable, Equatable {
    public var id: UUID
    public var code: String
    public var title: String
}

/// Step 1 of an import (`ImportPlan.match`): which row goes where, decided before any row is checked, so that
/// rows can depend on later rows of the file by code or title.
public struct ImportMatch: Sendable {
    /// The rows as read; a refused row carries its problem, a new row without Kennung the code it gets.
    public var rows: [ImportRow]
    /// Per row its target; nil for a row refused by its Kennung (the same one earlier in the file, or an archived project's).
    public var targets: [ImportTarget?]
    /// The new projects (given codes first, then the assigned ones), then the updated ones under their titles
    /// in the file: the references the rows are checked against must know them in this order.
    public var knownProjects: [ImportKnownProject]
    /// Labels (`code title`) of every project, for cycle messages, as they stand before the rows are checked.
    var labels: [UUID: String]

    /// The row to check: for an update, columns the file does not have keep the project's current values
    /// (`current`, references as the caller resolves them) and the Kennung takes the stored spelling. Nil for a refused row.
    public func rowToCheck(_ index: Int, current: ProjectSheetRecord?) -> ImportRow? {
        guard let target = targets[index] else { return nil }
        guard case .update(let project) = target, let current else { return rows[index] }
        var row = rows[index].keeping(current)
        row.setCode(project.code)
        return row
    }
}

/// A row after the server checked it against the municipality (references, validation, permissions).
/// Keeps only what the plan needs of the row, so that 10,000 checked rows do not hold their cells twice.
public struct CheckedImportRow: Sendable {
    /// Every problem found in the row.
    public var problems: [ImportProblem]
    /// The status the row asks for.
    public var status: ProjectStatus?
    /// What the row would store; nil when the row has problems.
    public var project: CheckedProject?

    public init(row: ImportRow, project: CheckedProject?) {
        problems = row.problems
        status = row.status
        self.project = project
    }
}

/// The project a row that passed its check would store.
public struct CheckedProject: Sendable {
    /// Code and title as they will be stored, for cycle messages.
    public var code: String
    public var title: String
    /// The projects it depends on, resolved, for the cycle check of the whole file.
    public var dependencies: [UUID]
    /// For an update: the profile as it would be stored, in the form of the current record passed to
    /// `ImportPlan.make` (references as ids) and with the project's current status. Not needed for a new project.
    public var record: ProjectSheetRecord?

    public init(code: String, title: String, dependencies: [UUID], record: ProjectSheetRecord? = nil) {
        self.code = code
        self.title = title
        self.dependencies = dependencies
        self.record = record
    }
}

/// What an import does with a project list: per row create, update, leave unchanged or refuse, the status
/// changes, and every problem by row and column. Only a file without errors is written.
public struct ImportPlan: Sendable {
    public struct StatusChange: Sendable, Equatable {
        public var from: ProjectStatus
        public var to: ProjectStatus
    }

    public enum Outcome: Sendable, Equatable {
        /// The row has problems (its own, or its Kennung's).
        case refused
        /// A new project with this status (the file's, or `idea`).
        case create(status: ProjectStatus)
        /// The project changes; with a status change when the file asks for another status.
        case update(statusChange: StatusChange?)
        /// The row says what the project already is.
        case unchanged
    }

    public struct Entry: Sendable, Equatable {
        /// The spreadsheet row.
        public var row: Int
        public var target: ImportTarget?
        public var outcome: Outcome
    }

    /// One entry per data row, in file order.
    public var entries: [Entry]
    /// The problems of the file and of every row: by row (file problems first), within a row by column in
    /// the file's order.
    public var problems: [ImportProblem]

    public var created: Int { entries.filter { if case .create = $0.outcome { return true } else { return false } }.count }
    public var updated: Int { entries.filter { if case .update = $0.outcome { return true } else { return false } }.count }
    public var unchanged: Int { entries.filter { $0.outcome == .unchanged }.count }
    public var hasErrors: Bool { problems.contains { $0.severity == .error } }

    /// The entries a confirmation writes: the new and changed projects, none when the file has any error.
    public var toWrite: [Entry] {
        guard !hasErrors else { return [] }
        return entries.filter { if case .create = $0.outcome { return true } else if case .update = $0.outcome { return true } else { return false } }
    }

    // MARK: - Step 1: match

    /// Which row goes where. A Kennung seen in an earlier row is refused (`duplicateCode`), as is the Kennung
    /// of an archived project (`archivedProject`); any other Kennung of an existing project (without case)
    /// updates it; every other row becomes a new project — with its own Kennung, or else the next free
    /// `P-` code, assigned after all given codes are known. `existing` are all projects of the municipality,
    /// archived ones included; `newID` gives the new projects' ids.
    public static func match(rows input: [ImportRow], existing: [ExistingProjectSnapshot], newID: () -> UUID) -> ImportMatch {
        var rows = input
        var byCode: [String: ExistingProjectSnapshot] = [:]
        var labels: [UUID: String] = [:]
        for project in existing {
            byCode[project.code.uppercased()] = project
            labels[project.id] = "\(project.code) \(project.title)"
        }
        var targets = [ImportTarget?](repeating: nil, count: rows.count)
        var firstRowOfCode: [String: Int] = [:]
        var refused = Set<Int>()
        for index in rows.indices {
            guard let code = rows[index].code, !code.isEmpty else { continue }
            let key = code.uppercased()
            if let first = firstRowOfCode[key] {
                rows[index].add([rows[index].problem(forField: "code", .duplicateCode(firstRow: first), value: code)])
                refused.insert(index)
                continue
            }
            firstRowOfCode[key] = rows[index].row
            guard let project = byCode[key] else { continue }
            if project.isArchived {
                rows[index].add([rows[index].problem(forField: "code", .archivedProject, value: project.code)])
                refused.insert(index)
                continue
            }
            targets[index] = .update(project)
        }

        var known: [ImportKnownProject] = []
        var codes = ProjectCodeSequence(taken: byCode.keys)
        func create(_ index: Int, code: String) {
            let id = newID()
            targets[index] = .create(id: id, code: code)
            codes.take(code)
            known.append(ImportKnownProject(id: id, code: code, title: rows[index].input.title ?? ""))
        }
        for index in rows.indices where targets[index] == nil && !refused.contains(index) {
            guard let code = rows[index].code, !code.isEmpty else { continue }
            create(index, code: code)
        }
        for index in rows.indices where targets[index] == nil && !refused.contains(index) {
            create(index, code: codes.next())
            rows[index].setCode(targets[index]?.code)
        }
        for index in rows.indices {
            if case .update(let project) = targets[index], let title = rows[index].input.title {
                known.append(ImportKnownProject(id: project.id, code: project.code, title: title))
            }
        }
        for project in known { labels[project.id] = "\(project.code) \(project.title)" }
        return ImportMatch(rows: rows, targets: targets, knownProjects: known, labels: labels)
    }

    // MARK: - Step 2: plan

    /// The plan for checked rows. `checked` has one element per row of `match` (nil for a refused row);
    /// `current` are the updated projects as they are now, in the form of the checked records; `edges` the
    /// stored dependencies (project → projects it needs first). A row that passed creates its project with
    /// the status of the file (or `idea`); an update changes the status when the file names another one, and
    /// is unchanged when neither the status nor the profile differ. Dependency cycles are found for the whole
    /// file at once and reported at the row that closes them; such a row keeps its outcome in the counts, but
    /// the file then has an error and nothing is written.
    public static func make(header: [String], fileProblems: [ImportProblem], match: ImportMatch, checked: [CheckedImportRow?],
                            current: [UUID: ProjectSheetRecord], edges storedEdges: [UUID: Set<UUID>]) -> ImportPlan {
        let columnOrder = Dictionary(header.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        func inFileOrder(_ problems: [ImportProblem]) -> [ImportProblem] {
            problems.enumerated().sorted { a, b in
                let left = a.element.column.flatMap { columnOrder[$0] } ?? Int.max, right = b.element.column.flatMap { columnOrder[$0] } ?? Int.max
                return (left, a.offset) < (right, b.offset)
            }.map(\.element)
        }

        var problems = fileProblems
        var entries: [Entry] = []
        entries.reserveCapacity(match.rows.count)
        var edges = storedEdges
        var labels = match.labels
        var rowOfProject: [UUID: Int] = [:]
        for index in match.rows.indices {
            let target = match.targets[index]
            guard let target, index < checked.count, let check = checked[index] else {
                problems += inFileOrder(match.rows[index].problems)
                entries.append(Entry(row: match.rows[index].row, target: target, outcome: .refused))
                continue
            }
            problems += inFileOrder(check.problems)
            let row = match.rows[index].row
            guard let project = check.project, check.problems.isEmpty else {
                entries.append(Entry(row: row, target: target, outcome: .refused))
                continue
            }
            let id = target.projectID
            edges[id] = Set(project.dependencies)
            labels[id] = "\(project.code) \(project.title)"
            rowOfProject[id] = index
            entries.append(Entry(row: row, target: target, outcome: outcome(target, status: check.status, project, current: current[id])))
        }

        let order = rowOfProject.sorted { $0.value < $1.value }.map(\.key)
        for (node, cycle) in DependencyGraph.cyclesClosed(by: order, in: edges) {
            guard let index = rowOfProject[node] else { continue }
            var row = match.rows[index]
            let known = row.problems.count
            row.add([FieldProblem("dependencyIDs", .dependencyCycle(cycle.map { labels[$0] ?? $0.uuidString }))])
            problems += row.problems[known...]
        }
        problems = problems.enumerated().sorted { ($0.element.row ?? 0, $0.offset) < ($1.element.row ?? 0, $1.offset) }.map(\.element)
        return ImportPlan(entries: entries, problems: problems)
    }

    private static func outcome(_ target: ImportTarget, status requested: ProjectStatus?, _ checked: CheckedProject,
                                current: ProjectSheetRecord?) -> Outcome {
        guard case .update(let project) = target else { return .create(status: requested ?? .idea) }
        if let requested, requested != project.status {
            return .update(statusChange: StatusChange(from: project.status, to: requested))
        }
        if let record = checked.record, record == current { return .unchanged }
        return .update(statusChange: nil)
    }
}
