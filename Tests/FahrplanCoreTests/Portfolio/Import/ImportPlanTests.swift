@testable import FahrplanCore
import Foundation
import Testing

/// The decisions of an import, without a database: which row goes where (`ImportPlan.match`) and what is
/// created, updated, left unchanged or refused (`ImportPlan.make`).
@Suite("Import plan")
struct ImportPlanTests {
    static func id(_ number: Int) -> UUID { UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", number))! }

    static func sheet(_ lines: [String]) -> ProjectSheet {
        ProjectSpreadsheet.read(text: lines.joined(separator: "\n"), currentYear: 2026)
    }

    static func existing(_ number: Int, _ code: String, _ title: String = "Bestand", status: ProjectStatus = .idea,
                         archived: Bool = false) -> ExistingProjectSnapshot {
        ExistingProjectSnapshot(id: id(number), code: code, title: title, status: status, isArchived: archived)
    }

    /// Ids 101, 102, … in the order the import asks for them.
    static func match(_ sheet: ProjectSheet, _ existing: [ExistingProjectSnapshot]) -> ImportMatch {
        var next = 100
        return ImportPlan.match(rows: sheet.rows, existing: existing, newID: { next += 1; return id(next) })
    }

    /// A stored profile as the server would record it.
    static func record(_ code: String, _ title: String, status: ProjectStatus = .idea, summary: String? = nil) -> ProjectSheetRecord {
        ProjectSheetRecord(values: .stored(code: code, title: title, summary: summary, departmentID: "33"), status: status)
    }

    /// What the server's check gives for a row that passed: here the record is the row's code and title.
    static func passed(_ match: ImportMatch, _ index: Int, dependencies: [UUID] = [], record: ProjectSheetRecord? = nil) -> CheckedImportRow {
        let target = match.targets[index]!
        let row = match.rowToCheck(index, current: nil)!
        let title = row.input.title ?? ""
        return CheckedImportRow(row: row, project: CheckedProject(code: target.code, title: title, dependencies: dependencies,
                                                                  record: record ?? Self.record(target.code, title)))
    }

    /// Every row with a target passes, without dependencies.
    static func allPassed(_ match: ImportMatch) -> [CheckedImportRow?] {
        match.rows.indices.map { match.targets[$0] == nil ? nil : passed(match, $0) }
    }

    static func plan(_ sheet: ProjectSheet, _ match: ImportMatch, _ checked: [CheckedImportRow?],
                     current: [UUID: ProjectSheetRecord] = [:], edges: [UUID: Set<UUID>] = [:]) -> ImportPlan {
        ImportPlan.make(header: sheet.header, fileProblems: sheet.problems, match: match, checked: checked, current: current, edges: edges)
    }

    // MARK: - Match

    @Test("a Kennung seen in an earlier row (in any case) refuses the later row, naming the first one")
    func duplicateCode() {
        let sheet = Self.sheet(["Kennung;Titel;Fachdienst", "X-1;Huhn;33", "X-2;Ei;33", "x-1;Nochmal;33"])
        let match = Self.match(sheet, [])
        #expect(match.targets[0] == .create(id: Self.id(101), code: "X-1"))
        #expect(match.targets[2] == nil)
        #expect(match.rows[2].problems == [ImportProblem(row: 4, column: "Kennung", value: "x-1", kind: .duplicateCode(firstRow: 2))])
        #expect(match.rows[0].problems.isEmpty && match.rows[1].problems.isEmpty)
    }

    @Test("the Kennung of an archived project refuses the row, naming the stored code; an active one is updated")
    func archivedAndExisting() {
        let archived = Self.existing(1, "P-0010", archived: true), active = Self.existing(2, "P-0011", "Alt")
        let sheet = Self.sheet(["Kennung;Titel;Fachdienst", "p-0010;Archiviert;33", "p-0011;Neu;33"])
        let match = Self.match(sheet, [archived, active])
        #expect(match.targets[0] == nil)
        #expect(match.rows[0].problems == [ImportProblem(row: 2, column: "Kennung", value: "P-0010", kind: .archivedProject)])
        #expect(match.targets[1] == .update(active))
        #expect(match.rows[1].problems.isEmpty)
        // The updated project is known under its title in the file; nothing new is created.
        #expect(match.knownProjects == [ImportKnownProject(id: Self.id(2), code: "P-0011", title: "Neu")])
    }

    @Test("new rows: given codes first, then the next free P-codes in row order, skipping every code in use")
    func newCodes() {
        let sheet = Self.sheet(["Kennung;Titel;Fachdienst", ";Ohne A;33", "P-0002;Mit Kennung;33", ";Ohne B;33", "P-0001;Bestand;33"])
        let match = Self.match(sheet, [Self.existing(1, "P-0001"), Self.existing(3, "P-0003")])
        #expect(match.targets[1] == .create(id: Self.id(101), code: "P-0002"))
        #expect(match.targets[0] == .create(id: Self.id(102), code: "P-0004"))
        #expect(match.targets[2] == .create(id: Self.id(103), code: "P-0005"))
        #expect(match.targets[3] == .update(Self.existing(1, "P-0001")))
        #expect(match.rows[0].code == "P-0004" && match.rows[2].code == "P-0005")
        #expect(match.knownProjects.map(\.code) == ["P-0002", "P-0004", "P-0005", "P-0001"])
        #expect(match.knownProjects.map(\.title) == ["Mit Kennung", "Ohne A", "Ohne B", "Bestand"])
    }

    @Test("the code sequence resumes after the last code it gave and counts codes without case")
    func codeSequence() {
        var codes = ProjectCodeSequence(taken: ["p-0002", "P-0002", "X"])
        #expect(codes.next() == "P-0003")
        codes.take("p-0004")
        #expect(codes.next() == "P-0005")
        #expect(codes.next() == "P-0006")
    }

    @Test("an update is checked with the columns the file lacks kept, and its Kennung in the stored spelling")
    func rowToCheck() {
        let sheet = Self.sheet(["Kennung;Titel;Fachdienst", "p-0011;Neu;33"])
        let match = Self.match(sheet, [Self.existing(2, "P-0011")])
        let row = match.rowToCheck(0, current: Self.record("P-0011", "Alt", summary: "Bleibt"))
        #expect(row?.input.code == "P-0011" && row?.input.title == "Neu" && row?.input.summary == "Bleibt")
        #expect(match.rowToCheck(0, current: nil)?.input.code == "p-0011")
    }

    // MARK: - Plan

    @Test("a new row is created with the file's status, or as an idea")
    func create() {
        let sheet = Self.sheet(["Kennung;Titel;Fachdienst;Status", "X-1;Mit Status;33;In Umsetzung", "X-2;Ohne;33;"])
        let match = Self.match(sheet, [])
        let plan = Self.plan(sheet, match, Self.allPassed(match))
        #expect(plan.entries.map(\.outcome) == [.create(status: .inProgress), .create(status: .idea)])
        #expect(plan.created == 2 && plan.updated == 0 && plan.unchanged == 0)
        #expect(plan.toWrite.count == 2 && !plan.hasErrors && plan.problems.isEmpty)
    }

    @Test("an update: unchanged when profile and status are the same, updated when the profile differs, a status change when the file names another status")
    func updateAndUnchanged() {
        let same = Self.existing(1, "P-0001", "Gleich"), changed = Self.existing(2, "P-0002", "Alt"), moved = Self.existing(3, "P-0003", "Weiter")
        let sheet = Self.sheet(["Kennung;Titel;Fachdienst;Status", "P-0001;Gleich;33;Idee", "P-0002;Neu;33;", "P-0003;Weiter;33;In Umsetzung"])
        let match = Self.match(sheet, [same, changed, moved])
        let current = [same.id: Self.record("P-0001", "Gleich"), changed.id: Self.record("P-0002", "Alt"), moved.id: Self.record("P-0003", "Weiter")]
        let plan = Self.plan(sheet, match, Self.allPassed(match), current: current)
        #expect(plan.entries.map(\.outcome) == [
            .unchanged, .update(statusChange: nil),
            .update(statusChange: ImportPlan.StatusChange(from: .idea, to: .inProgress)),
        ])
        #expect(plan.created == 0 && plan.updated == 2 && plan.unchanged == 1)
        #expect(plan.toWrite.map(\.row) == [3, 4])
    }

    @Test("an update without a current record, or without a checked record, counts as changed")
    func updateWithoutRecords() {
        let project = Self.existing(1, "P-0001", "Gleich")
        let sheet = Self.sheet(["Kennung;Titel;Fachdienst", "P-0001;Gleich;33"])
        let match = Self.match(sheet, [project])
        #expect(Self.plan(sheet, match, Self.allPassed(match)).entries[0].outcome == .update(statusChange: nil))
        let withoutRecord = CheckedImportRow(row: match.rows[0], project: CheckedProject(code: "P-0001", title: "Gleich", dependencies: []))
        let plan = Self.plan(sheet, match, [withoutRecord], current: [project.id: Self.record("P-0001", "Gleich")])
        #expect(plan.entries[0].outcome == .update(statusChange: nil))
    }

    @Test("a mixed file: refused rows are listed by row, in the file's column order; counts stay, nothing is written")
    func mixedFile() {
        let sheet = Self.sheet(["Kennung;Titel;Fachdienst;Unbekannt", "X-1;Neu;33;", "P-0010;Archiviert;33;", "X-1;Doppelt;33;",
                                "X-2;Falsch;33;", "P-0001;Gleich;33;"])
        let existing = [Self.existing(1, "P-0001", "Gleich"), Self.existing(10, "P-0010", archived: true)]
        let match = Self.match(sheet, existing)
        var checked = Self.allPassed(match)
        // The server found two problems in row 5, the later column first.
        var bad = match.rows[3]
        bad.add([FieldProblem("departmentID", .unknownReference), FieldProblem("title", .tooLong(max: 3))])
        checked[3] = CheckedImportRow(row: bad, project: nil)
        let plan = Self.plan(sheet, match, checked, current: [Self.id(1): Self.record("P-0001", "Gleich")])

        #expect(plan.entries.map(\.outcome) == [.create(status: .idea), .refused, .refused, .refused, .unchanged])
        #expect(plan.entries.map(\.row) == [2, 3, 4, 5, 6])
        #expect(plan.problems.map(\.row) == [1, 3, 4, 5, 5])
        #expect(plan.problems.map(\.code) == ["import.unknown_column", "import.archived_project", "import.duplicate_code",
                                              "field.too_long", "field.unknown_reference"])
        #expect(plan.problems[3].column == "Titel" && plan.problems[4].column == "Fachdienst")
        #expect(plan.created == 1 && plan.updated == 0 && plan.unchanged == 1)
        #expect(plan.hasErrors && plan.toWrite.isEmpty)
    }

    @Test("warnings alone do not stop the write")
    func warningsOnly() {
        let sheet = Self.sheet(["Kennung;Titel;Fachdienst;Unbekannt", "X-1;Neu;33;egal"])
        let match = Self.match(sheet, [])
        let plan = Self.plan(sheet, match, Self.allPassed(match))
        #expect(plan.problems.map(\.severity) == [.warning])
        #expect(!plan.hasErrors && plan.toWrite.count == 1)
    }

    @Test("a dependency cycle inside the file is reported once, at the row that closes it, with the projects' labels")
    func cycleInFile() throws {
        let sheet = Self.sheet(["Kennung;Titel;Fachdienst", "X-1;Huhn;33", "X-2;Ei;33", "X-3;Selbst;33"])
        let match = Self.match(sheet, [])
        let ids = match.targets.map { $0!.projectID }
        let checked = [Self.passed(match, 0, dependencies: [ids[1]]), Self.passed(match, 1, dependencies: [ids[0]]),
                       Self.passed(match, 2, dependencies: [ids[2]])]
        let plan = Self.plan(sheet, match, checked)
        #expect(plan.problems.map(\.row) == [3, 4])
        #expect(plan.problems.allSatisfy { $0.column == "Abhängigkeiten" })
        #expect(plan.problems[0].kind == .field(.dependencyCycle(["X-2 Ei", "X-1 Huhn", "X-2 Ei"])))
        #expect(plan.problems[1].kind == .field(.dependencyCycle(["X-3 Selbst", "X-3 Selbst"])))
        // The rows keep their outcome in the counts, but the file has errors.
        #expect(plan.created == 3 && plan.toWrite.isEmpty)
    }

    @Test("a cycle through a stored dependency is found, labelled with the stored project's title")
    func cycleThroughStoredEdge() {
        let stored = Self.existing(1, "P-0001", "Gespeichert"), updated = Self.existing(2, "P-0002", "Alt")
        let sheet = Self.sheet(["Kennung;Titel;Fachdienst", "P-0002;Neu;33"])
        let match = Self.match(sheet, [stored, updated])
        let plan = Self.plan(sheet, match, [Self.passed(match, 0, dependencies: [stored.id])], edges: [stored.id: [updated.id]])
        #expect(plan.problems.count == 1)
        #expect(plan.problems.first?.kind == .field(.dependencyCycle(["P-0002 Neu", "P-0001 Gespeichert", "P-0002 Neu"])))
        // Without the stored edge the same row is a plain update.
        let clean = Self.plan(sheet, match, [Self.passed(match, 0, dependencies: [stored.id])])
        #expect(clean.problems.isEmpty && clean.updated == 1)
    }
}
