import FahrplanCore
import Fluent
import Foundation

extension Permissions {
    /// The strategy team builds and changes plans; every member (leadership, department heads) reads them.
    var canManagePlanning: Bool { canManagePrioritization }
}

/// Plans of one municipality: the frame, the capacities, the per-project settings, scenarios. Every write
/// checks the permission, validates, and stores its rows and one audit event in one transaction.
struct PlanService {
    static let auditType = "roadmapPlan"

    let db: any Database
    let context: MunicipalityContext

    func plans(includeArchived: Bool = false) async throws -> [RoadmapPlan] {
        var query = RoadmapPlan.query(on: db).filter(\.$municipality.$id == context.municipalityID)
        if !includeArchived { query = query.filter(\.$archivedAt == nil) }
        return try await query.sort(\.$createdAt).sort(\.$name).all()
    }

    /// A plan of this municipality; any other id is 404.
    func plan(_ id: String?) async throws -> RoadmapPlan {
        try await context.find(RoadmapPlan.self, id, on: db, municipalityKey: \.$municipality.$id)
    }

    /// The plan to compare `plan` with: the one named by `with`, else (for a scenario) the plan it was copied from.
    func comparisonPartner(of plan: RoadmapPlan, with id: String?) async throws -> RoadmapPlan {
        try await self.plan(id ?? plan.$basePlan.id?.uuidString)
    }

    func create(_ input: PlanInput) async throws -> RoadmapPlan {
        try context.require(context.permissions.canManagePlanning)
        let valid = try input.validated()
        try await requireClosedRound(valid.roundID)
        let plan = RoadmapPlan(municipalityID: context.municipalityID, name: valid.name, periodLength: valid.periodLength,
                               firstYear: valid.firstYear, periodCount: valid.periodCount, discount: valid.discount)
        plan.$round.id = valid.roundID
        plan.scenarioNote = valid.scenarioNote
        plan.createdByName = context.user.displayName
        try await db.writeTransaction { db in
            try await plan.create(on: db)
            try await audit(.create, plan, on: db)
        }
        return plan
    }

    /// Changing the number of periods cuts or pads every capacity row (new periods get 0) and forgets a result;
    /// so does changing the period length or the first year (the stored starts would name other periods).
    func update(_ plan: RoadmapPlan, _ input: PlanInput, expectedVersion: Int?) async throws -> RoadmapPlan {
        try context.require(context.permissions.canManagePlanning && plan.archivedAt == nil)
        let valid = try input.validated()
        try await requireClosedRound(valid.roundID)
        let before = snapshot(plan)
        let periodsChanged = valid.periodCount != plan.periodCount
        let horizonMoved = valid.periodLength.rawValue != plan.periodLength || valid.firstYear != plan.firstYear
        try await db.writeTransaction { db in
            plan.version = try await RowVersion.claim(RoadmapPlan.schema, id: plan.requireID(), expected: expectedVersion, on: db)
            plan.name = valid.name
            plan.periodLength = valid.periodLength.rawValue
            plan.firstYear = valid.firstYear
            plan.periodCount = valid.periodCount
            plan.discount = valid.discount
            plan.$round.id = valid.roundID
            plan.scenarioNote = valid.scenarioNote
            try await plan.update(on: db)
            if periodsChanged { try await resize(plan, to: valid.periodCount, on: db) } else if horizonMoved { try await forgetResult(plan, on: db) }
            try await audit(.update, plan, changes: FieldChange.between(before, snapshot(plan), fields: Array(before.keys).sorted()), on: db)
        }
        return plan
    }

    func archive(_ plan: RoadmapPlan) async throws {
        try context.require(context.permissions.canManagePlanning)
        guard plan.archivedAt == nil else { return }
        plan.archivedAt = Date()
        try await db.writeTransaction { db in
            try await plan.update(on: db)
            try await audit(.archive, plan, on: db)
        }
    }

    // MARK: capacities and settings

    /// Replaces the budget lines and the departments' FTE as a whole; one bad cell stores nothing.
    func saveCapacities(_ plan: RoadmapPlan, _ input: CapacitiesInput, expectedVersion: Int?) async throws {
        try context.require(context.permissions.canManagePlanning && plan.archivedAt == nil)
        let projects = Set(try await Project.query(on: db).filter(\.$municipality.$id == context.municipalityID).all().compactMap(\.id))
        let departments = Set(try await Department.query(on: db).filter(\.$municipality.$id == context.municipalityID)
            .filter(\.$archivedAt == nil).all().compactMap(\.id))
        let valid = try input.validated(periods: plan.periodCount, projects: projects, departments: departments)
        let planID = try plan.requireID()
        try await db.writeTransaction { db in
            plan.version = try await RowVersion.claim(RoadmapPlan.schema, id: planID, expected: expectedVersion, on: db)
            // Settings name a line by id; a replaced matrix keeps a line's id when its position stays.
            let old = try await PlanBudgetLine.query(on: db).filter(\.$plan.$id == planID).sort(\.$position).all()
            for (index, line) in valid.lines.enumerated() {
                if index < old.count {
                    let row = old[index]
                    row.label = line.label
                    row.kind = line.kind.rawValue
                    row.fundingSource = line.fundingSource
                    row.eligibleProjectIDs = line.eligible.map(\.uuidString).joined(separator: "\n")
                    row.amounts = PlanJSON.encode(line.amounts)
                    try await row.update(on: db)
                } else {
                    try await PlanBudgetLine(municipalityID: context.municipalityID, planID: planID, label: line.label, kind: line.kind,
                                             fundingSource: line.fundingSource, eligible: line.eligible, amounts: line.amounts,
                                             position: index).create(on: db)
                }
            }
            for row in old.dropFirst(valid.lines.count) {
                try await PlanProjectSetting.query(on: db).filter(\.$budgetLine.$id == row.requireID()).set(\.$budgetLine.$id, to: nil).update()
                try await row.delete(on: db)
            }
            try await PlanStaffCapacity.query(on: db).filter(\.$plan.$id == planID).delete()
            for row in valid.staff {
                try await PlanStaffCapacity(municipalityID: context.municipalityID, planID: planID, departmentID: row.department, fte: row.fte).create(on: db)
            }
            try await audit(.update, plan, changes: [FieldChange(field: "capacities", old: nil,
                                                                 new: "\(valid.lines.count) budget lines, \(valid.staff.count) departments")], on: db)
        }
    }

    /// A project left out of the plan can be neither mandatory nor fixed to a start (the field names which).
    /// With `expectedVersion` (the web form), a plan changed since the form was loaded is a `StaleEdit`.
    func saveSettings(_ plan: RoadmapPlan, _ inputs: [ProjectSettingInput], expectedVersion: Int? = nil) async throws {
        try context.require(context.permissions.canManagePlanning && plan.archivedAt == nil)
        let planID = try plan.requireID()
        let projects = Set(try await Project.query(on: db).filter(\.$municipality.$id == context.municipalityID).all().compactMap(\.id))
        let lines = Set(try await PlanBudgetLine.query(on: db).filter(\.$plan.$id == planID).all().compactMap(\.id))
        var check = Validator()
        var valid: [(UUID, ProjectSettingInput, UUID?)] = []
        var seen: Set<UUID> = []
        for (index, input) in inputs.enumerated() {
            let field = "projects[\(index)]"
            guard let id = input.projectID.flatMap(UUID.init(uuidString:)), projects.contains(id) else {
                check.add("\(field).projectId", input.projectID == nil ? .required : .unknownReference); continue
            }
            if !seen.insert(id).inserted { check.add("\(field).projectId", .duplicate) }
            if let start = input.pinnedStart, !(0..<plan.periodCount).contains(start) {
                check.add("\(field).pinnedStart", .outOfRange(min: 0, max: plan.periodCount - 1))
            }
            if !input.included && input.mandatory == true { check.add("\(field).mandatory", .invalidChoice) }
            if !input.included && input.pinnedStart != nil { check.add("\(field).pinnedStart", .invalidChoice) }
            var line: UUID?
            if let raw = input.budgetLineID {
                line = UUID(uuidString: raw)
                if line == nil || !lines.contains(line!) { check.add("\(field).budgetLineId", .unknownReference) }
            }
            valid.append((id, input, line))
        }
        try check.finish()
        let settings = valid
        try await db.writeTransaction { db in
            plan.version = try await RowVersion.claim(RoadmapPlan.schema, id: planID, expected: expectedVersion, on: db)
            for (projectID, input, line) in settings {
                let row = try await PlanProjectSetting.query(on: db).filter(\.$plan.$id == planID).filter(\.$project.$id == projectID).first()
                    ?? PlanProjectSetting(municipalityID: context.municipalityID, planID: planID, projectID: projectID)
                row.included = input.included
                row.mandatory = input.mandatory
                row.pinnedStart = input.pinnedStart
                row.$budgetLine.id = line
                try await row.save(on: db)
            }
            try await audit(.update, plan, changes: [FieldChange(field: "projects", old: nil, new: "\(settings.count) settings")], on: db)
        }
    }

    // MARK: scenarios

    func scenarios(of plan: RoadmapPlan) async throws -> [RoadmapPlan] {
        try await RoadmapPlan.query(on: db).filter(\.$municipality.$id == context.municipalityID)
            .filter(\.$basePlan.$id == plan.requireID()).filter(\.$archivedAt == nil).sort(\.$createdAt).all()
    }

    /// Copies the plan with its capacities and settings (not its result), then applies the scenario's changes:
    /// every budget line scaled by a percentage, FTE added to departments, a new set of mandatory projects.
    func copyAsScenario(_ base: RoadmapPlan, _ input: ScenarioCopyInput) async throws -> RoadmapPlan {
        try context.require(context.permissions.canManagePlanning)
        var check = Validator()
        let name = check.text("name", input.name, required: true, max: 200)
        let note = check.text("note", input.note, required: false, max: 200) ?? ""
        var factor = 1.0
        if let text = CleanText.normalize(input.budgetPercent, multiline: false) {
            let negative = text.hasPrefix("-") || text.hasPrefix("−")
            let digits = negative ? String(text.dropFirst()) : text
            if let value = check.nonNegativeDecimal("budgetPercent", digits) {
                let percent = negative ? -value : value
                if percent < -100 || percent > 1000 { check.add("budgetPercent", .outOfRange(min: -100, max: 1000)) } else { factor = 1 + percent / 100 }
            }
        }
        let departments = Set(try await Department.query(on: db).filter(\.$municipality.$id == context.municipalityID).all().compactMap(\.id))
        var added: [UUID: Double] = [:]
        for (key, number) in input.addedFTE.sorted(by: { $0.key < $1.key }) {
            guard let id = UUID(uuidString: key), departments.contains(id) else { check.add("addedFte.\(key)", .unknownReference); continue }
            if let value = number.value("addedFte.\(key)", &check), value > 0 { added[id] = value }
        }
        let projects = Set(try await Project.query(on: db).filter(\.$municipality.$id == context.municipalityID).all().compactMap(\.id))
        var mandatory: Set<UUID>?
        if let ids = input.mandatoryProjectIDs {
            mandatory = []
            for (index, raw) in ids.enumerated() {
                if let id = UUID(uuidString: raw), projects.contains(id) { mandatory?.insert(id) } else {
                    check.add("mandatoryProjectIds[\(index)]", .unknownReference)
                }
            }
        }
        try check.finish()
        guard let name else { throw ValidationFailure(check.problems) }
        let (scale, extraFTE, mandatorySet) = (factor, added, mandatory)
        let baseID = try base.requireID()
        let copy = RoadmapPlan(municipalityID: context.municipalityID, name: name, periodLength: base.length,
                               firstYear: base.firstYear, periodCount: base.periodCount, discount: base.discount)
        copy.$round.id = base.$round.id
        copy.$basePlan.id = baseID
        copy.scenarioNote = note
        copy.createdByName = context.user.displayName
        try await db.writeTransaction { db in
            try await copy.create(on: db)
            let copyID = try copy.requireID()
            var lineMap: [UUID: UUID] = [:]
            for line in try await PlanBudgetLine.query(on: db).filter(\.$plan.$id == baseID).sort(\.$position).all() {
                let new = PlanBudgetLine(municipalityID: context.municipalityID, planID: copyID, label: line.label, kind: line.budgetKind,
                                         fundingSource: line.fundingSource, eligible: line.eligibleIDs,
                                         amounts: line.amountList.map { ($0 * scale * 100).rounded() / 100 }, position: line.position)
                try await new.create(on: db)
                lineMap[try line.requireID()] = try new.requireID()
            }
            var staffed: Set<UUID> = []
            for row in try await PlanStaffCapacity.query(on: db).filter(\.$plan.$id == baseID).all() {
                let extra = extraFTE[row.$department.id] ?? 0
                staffed.insert(row.$department.id)
                try await PlanStaffCapacity(municipalityID: context.municipalityID, planID: copyID, departmentID: row.$department.id,
                                            fte: row.fteList.map { $0 + extra }).create(on: db)
            }
            for (department, extra) in extraFTE where !staffed.contains(department) {
                try await PlanStaffCapacity(municipalityID: context.municipalityID, planID: copyID, departmentID: department,
                                            fte: Array(repeating: extra, count: copy.periodCount)).create(on: db)
            }
            var settled: Set<UUID> = []
            for setting in try await PlanProjectSetting.query(on: db).filter(\.$plan.$id == baseID).all() {
                let row = PlanProjectSetting(municipalityID: context.municipalityID, planID: copyID, projectID: setting.$project.id)
                row.included = setting.included
                row.mandatory = mandatorySet.map { $0.contains(setting.$project.id) ? true : (setting.mandatory == true ? false : setting.mandatory) } ?? setting.mandatory
                row.pinnedStart = setting.pinnedStart
                row.$budgetLine.id = setting.$budgetLine.id.flatMap { lineMap[$0] }
                try await row.create(on: db)
                settled.insert(setting.$project.id)
            }
            for project in (mandatorySet ?? []).subtracting(settled) {
                let row = PlanProjectSetting(municipalityID: context.municipalityID, planID: copyID, projectID: project)
                row.mandatory = true
                try await row.create(on: db)
            }
            try await audit(.create, copy, changes: [FieldChange(field: "basePlan", old: nil, new: base.name)], on: db)
        }
        return copy
    }

    // MARK: helpers

    private func requireClosedRound(_ id: UUID?) async throws {
        guard let id else { return }
        let round = try await PrioritizationRound.query(on: db).filter(\.$id == id).filter(\.$municipality.$id == context.municipalityID).first()
        if round == nil || round?.roundStatus != .closed { throw ValidationFailure([FieldProblem("roundId", .unknownReference)]) }
    }

    private func resize(_ plan: RoadmapPlan, to count: Int, on db: any Database) async throws {
        let planID = try plan.requireID()
        func fit(_ values: [Double]) -> [Double] { Array((values + Array(repeating: 0, count: max(0, count - values.count))).prefix(count)) }
        for line in try await PlanBudgetLine.query(on: db).filter(\.$plan.$id == planID).all() {
            line.amounts = PlanJSON.encode(fit(line.amountList))
            try await line.update(on: db)
        }
        for row in try await PlanStaffCapacity.query(on: db).filter(\.$plan.$id == planID).all() {
            row.fte = PlanJSON.encode(fit(row.fteList))
            try await row.update(on: db)
        }
        try await PlanProjectSetting.query(on: db).filter(\.$plan.$id == planID).filter(\.$pinnedStart >= count).set(\.$pinnedStart, to: nil).update()
        try await forgetResult(plan, on: db)
    }

    private func forgetResult(_ plan: RoadmapPlan, on db: any Database) async throws {
        let planID = try plan.requireID()
        try await PlanStart.query(on: db).filter(\.$plan.$id == planID).delete()
        try await PlanResult.query(on: db).filter(\.$plan.$id == planID).delete()
    }

    private func snapshot(_ plan: RoadmapPlan) -> [String: String?] {
        ["name": plan.name, "periodLength": plan.periodLength, "firstYear": String(plan.firstYear), "periodCount": String(plan.periodCount),
         "discount": String(plan.discount), "roundId": plan.$round.id?.uuidString, "scenarioNote": plan.scenarioNote]
    }

    func audit(_ action: AuditAction, _ plan: RoadmapPlan, changes: [FieldChange] = [], on db: any Database) async throws {
        try await AuditTrail.record(on: db, municipalityID: context.municipalityID, actor: context.user, action: action,
                                    entityType: Self.auditType, entityID: plan.id, label: plan.name, changes: changes, version: plan.version)
    }
}
