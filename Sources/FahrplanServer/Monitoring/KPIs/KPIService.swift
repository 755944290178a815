import FahrplanCore
import Fluent
import Foundation

/// KPIs and their measurements, shared by the web pages and the API: who may define a KPI (whoever may edit its
/// goal), who may enter measurements (also the KPI's owner), validation in the core, references resolved inside
/// the municipality, every write in one transaction with its audit event (entity type `kpi`), and period locks
/// (`MonitoringLocks`) checked inside the transaction.
struct KPIService {
    var db: any Database
    var context: MunicipalityContext

    /// The definition as a form or the API sends it, with its references as id text.
    struct Form: Sendable {
        var input: KPIInput
        var goalID: String?
        var projectID: String?
        var ownerID: String?
        /// The edit version the form was loaded with (optimistic concurrency); nil on create.
        var version: Int?
    }

    static let auditedFields = ["name", "unit", "direction", "baseline", "baselineOn", "target", "targetOn", "cadence",
                                "goal", "project", "owner"]

    // MARK: reads

    func kpis(goalID: UUID? = nil) async throws -> [KPIRecord] {
        var query = KPIRecord.query(on: db).filter(\.$municipality.$id == context.municipalityID).filter(\.$archivedAt == nil)
        if let goalID { query = query.filter(\.$goal.$id == goalID) }
        return try await query.sort(\.$name).all()
    }

    func kpi(_ id: String?) async throws -> KPIRecord {
        try await context.find(KPIRecord.self, id, on: db, municipalityKey: \.$municipality.$id)
    }

    /// By day, oldest first.
    func measurements(of kpi: KPIRecord) async throws -> [KPIMeasurementRecord] {
        try await KPIMeasurementRecord.query(on: db).filter(\.$kpi.$id == kpi.requireID())
            .filter(\.$municipality.$id == context.municipalityID).sort(\.$measuredOn).all()
    }

    /// The municipality's goals, by title (to attach a KPI to).
    func goals() async throws -> [StrategyElement] {
        try await StrategyElement.query(on: db).filter(\.$municipality.$id == context.municipalityID)
            .filter(\.$kind == StrategyElementKind.goal.rawValue).filter(\.$archivedAt == nil).sort(\.$position).all()
    }

    func members() async throws -> [(id: UUID, name: String)] {
        try await MonitoringMembers.list(context.municipalityID, on: db)
    }

    func projects() async throws -> [Project] {
        try await Project.query(on: db).filter(\.$municipality.$id == context.municipalityID).filter(\.$archivedAt == nil)
            .sort(\.$code).all()
    }

    func canManage(goal: StrategyElement) -> Bool {
        context.permissions.canManageKPIs(ofGoalWithResponsibleDepartmentID: goal.$responsibleDepartment.id?.uuidString)
    }

    func canRecord(_ kpi: KPIRecord, goal: StrategyElement) -> Bool {
        context.permissions.canRecordMeasurements(ofGoalWithResponsibleDepartmentID: goal.$responsibleDepartment.id?.uuidString,
                                                  isOwner: kpi.$owner.id == context.user.id)
    }

    func goal(of kpi: KPIRecord) async throws -> StrategyElement {
        try await context.find(StrategyElement.self, kpi.$goal.id.uuidString, on: db, municipalityKey: \.$municipality.$id)
    }

    // MARK: definition writes

    func create(_ form: Form) async throws -> KPIRecord {
        // Only the strategy team and department leads can edit any goal; others are refused before validation.
        try context.require(context.permissions.canEditFrame || context.role == .departmentLead)
        let (definition, refs) = try await checked(form)
        try context.require(canManage(goal: refs.goal))
        let kpi = KPIRecord()
        kpi.id = UUID()
        kpi.$municipality.id = context.municipalityID
        kpi.version = 1
        apply(definition, refs, to: kpi)
        try await db.writeTransaction { db in
            try await kpi.create(on: db)
            try await AuditTrail.record(on: db, municipalityID: context.municipalityID, actor: context.user, action: .create,
                                        entityType: "kpi", entityID: kpi.id, label: kpi.name,
                                        changes: FieldChange.between([:], Self.snapshot(kpi), fields: Self.auditedFields), version: 1)
        }
        return kpi
    }

    func update(_ kpi: KPIRecord, _ form: Form) async throws {
        try context.require(canManage(goal: try await goal(of: kpi)))
        let (definition, refs) = try await checked(form)
        try context.require(canManage(goal: refs.goal))
        let before = Self.snapshot(kpi)
        apply(definition, refs, to: kpi)
        let changes = FieldChange.between(before, Self.snapshot(kpi), fields: Self.auditedFields)
        let id = try kpi.requireID()
        try await db.writeTransaction { db in
            let version = try await RowVersion.claim(KPIRecord.schema, id: id, expected: form.version, on: db)
            kpi.version = version
            try await kpi.save(on: db)
            try await AuditTrail.record(on: db, municipalityID: context.municipalityID, actor: context.user, action: .update,
                                        entityType: "kpi", entityID: id, label: kpi.name, changes: changes, version: version)
        }
    }

    struct References {
        var goal: StrategyElement
        var projectID: UUID?
        var ownerID: UUID?
    }

    /// Validates the definition and resolves goal, project and owner inside the municipality; all problems at once.
    private func checked(_ form: Form) async throws -> (KPIDefinition, References) {
        var problems: [FieldProblem] = []
        var definition: KPIDefinition?
        do { definition = try form.input.validated() } catch let failure as ValidationFailure { problems += failure.problems }
        var goal: StrategyElement?
        if let text = CleanText.normalize(form.goalID, multiline: false) {
            goal = try await UUID(uuidString: text).asyncMap { id in
                try await StrategyElement.query(on: db).filter(\.$id == id).filter(\.$municipality.$id == context.municipalityID)
                    .filter(\.$kind == StrategyElementKind.goal.rawValue).filter(\.$archivedAt == nil).first()
            } ?? nil
            if goal == nil { problems.append(FieldProblem("goalID", .unknownReference)) }
        } else {
            problems.append(FieldProblem("goalID", .required))
        }
        var projectID: UUID?
        if let text = CleanText.normalize(form.projectID, multiline: false) {
            let found = try await UUID(uuidString: text).asyncMap { id in
                try await Project.query(on: db).filter(\.$id == id).filter(\.$municipality.$id == context.municipalityID).first()
            } ?? nil
            if found == nil { problems.append(FieldProblem("projectID", .unknownReference)) } else { projectID = found?.id }
        }
        var ownerID: UUID?
        if let text = CleanText.normalize(form.ownerID, multiline: false) {
            let member = try await UUID(uuidString: text).asyncMap { id in
                try await Membership.query(on: db).filter(\.$municipality.$id == context.municipalityID).filter(\.$user.$id == id).first()
            } ?? nil
            if member == nil { problems.append(FieldProblem("ownerID", .unknownReference)) } else { ownerID = member?.$user.id }
        }
        try ValidationFailure.throwing(problems)
        return (definition!, References(goal: goal!, projectID: projectID, ownerID: ownerID))
    }

    private func apply(_ definition: KPIDefinition, _ refs: References, to kpi: KPIRecord) {
        kpi.apply(definition)
        kpi.$goal.id = refs.goal.id!
        kpi.$project.id = refs.projectID
        kpi.$owner.id = refs.ownerID
    }

    static func snapshot(_ kpi: KPIRecord) -> [String: String?] {
        ["name": kpi.name, "unit": kpi.unit, "direction": kpi.direction, "baseline": String(kpi.baseline),
         "baselineOn": kpi.baselineOn, "target": String(kpi.target), "targetOn": kpi.targetOn, "cadence": kpi.cadence,
         "goal": kpi.$goal.id.uuidString, "project": kpi.$project.id?.uuidString, "owner": kpi.$owner.id?.uuidString]
    }

    // MARK: measurements

    /// One measurement (form or API). A day already measured is refused (`duplicate` on `measuredOn`).
    @discardableResult
    func addMeasurement(to kpi: KPIRecord, _ input: KPIMeasurementInput, source: KPIMeasurementSource) async throws -> KPIMeasurement {
        try context.require(canRecord(kpi, goal: try await goal(of: kpi)))
        let measurement = try input.validated(for: kpi.definition, today: context.calendar.today, source: source)
        try await store(kpi, [(measurement, "measuredOn")], bulkLabel: nil)
        return measurement
    }

    /// Many measurements at once (API bulk): all or nothing; problems name `measurements[i].<field>`.
    @discardableResult
    func addMeasurements(to kpi: KPIRecord, _ inputs: [KPIMeasurementInput], source: KPIMeasurementSource) async throws -> [KPIMeasurement] {
        try context.require(canRecord(kpi, goal: try await goal(of: kpi)))
        var problems: [FieldProblem] = [], checked: [(KPIMeasurement, String)] = []
        var seen = Set<CalendarDay>()
        for (index, input) in inputs.enumerated() {
            let prefix = "measurements[\(index)]."
            do {
                let measurement = try input.validated(for: kpi.definition, today: context.calendar.today, source: source, fieldPrefix: prefix)
                if !seen.insert(measurement.measuredOn).inserted { problems.append(FieldProblem(prefix + "measuredOn", .duplicate)) }
                checked.append((measurement, prefix + "measuredOn"))
            } catch let failure as ValidationFailure { problems += failure.problems }
        }
        if inputs.isEmpty { problems.append(FieldProblem("measurements", .required)) }
        try ValidationFailure.throwing(problems)
        try await store(kpi, checked, bulkLabel: source == .csv ? "CSV" : "API")
        return checked.map(\.0)
    }

    /// A CSV upload: the file is read in the core; any broken row and nothing is stored.
    @discardableResult
    func importCSV(into kpi: KPIRecord, bytes: [UInt8]) async throws -> Int {
        try context.require(canRecord(kpi, goal: try await goal(of: kpi)))
        let text: String
        do throws(SpreadsheetTextError) {
            text = try SpreadsheetText(decoding: bytes, maxBytes: 2 * 1_048_576).text
        } catch {
            throw ValidationFailure([FieldProblem("csv", .invalidChoice)])
        }
        let measurements = try KPIMeasurementSheet.read(text, for: kpi.definition, today: context.calendar.today).get()
        let rows = try CSVTable(parsing: text).records.map(\.row)
        try await store(kpi, zip(measurements, rows).map { ($0, KPIMeasurementSheet.field(row: $1, "measuredOn")) }, bulkLabel: "CSV")
        return measurements.count
    }

    /// Writes checked measurements in one transaction: days already stored and locked periods are refused (naming
    /// the row's field), then the rows and one audit event (one per measurement by hand, one with the count in bulk).
    private func store(_ kpi: KPIRecord, _ items: [(KPIMeasurement, String)], bulkLabel: String?) async throws {
        let kpiID = try kpi.requireID()
        let municipalityID = context.municipalityID
        let actor = context.user
        try await db.writeTransaction { db in
            let stored = Set(try await KPIMeasurementRecord.query(on: db).filter(\.$kpi.$id == kpiID)
                .filter(\.$municipality.$id == municipalityID).all().map(\.measuredOn))
            var problems = items.filter { stored.contains($0.0.measuredOn.iso) }.map { FieldProblem($0.1, .duplicate) }
            for (measurement, field) in items {
                do {
                    try await MonitoringLocks.ensureUnlocked(.kpiMeasurement, on: measurement.measuredOn, municipalityID: municipalityID,
                                                             field: field, db: db)
                } catch let failure as ValidationFailure { problems += failure.problems }
            }
            try ValidationFailure.throwing(problems)
            try await items.map { KPIMeasurementRecord(municipalityID: municipalityID, kpiID: kpiID, $0.0, recordedBy: actor.displayName) }
                .create(on: db)
            let changes: [FieldChange] = bulkLabel.map { label in
                [FieldChange(field: "measurements", old: nil, new: "\(items.count) (\(label))")]
            } ?? items.map { FieldChange(field: "measurement.\($0.0.measuredOn.iso)", old: nil, new: KPIDisplay.number($0.0.value, english: true)) }
            try await AuditTrail.record(on: db, municipalityID: municipalityID, actor: actor, action: .update,
                                        entityType: "kpi", entityID: kpiID, label: kpi.name, changes: changes)
        }
    }
}
