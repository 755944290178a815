import FahrplanCore
import Fluent
import Foundation
import Vapor

/// One generated municipality, written in one transaction. Units, frame, KPIs, logins and projects are built in
/// memory and written in batched INSERTs with the columns, edit versions and audit events their services write
/// (the projects through `ProjectWriter`, the path of the form and the import); the prioritization — default
/// catalog copied into the round, scope, raters, opening, ratings — goes through the services themselves.
struct ScaleMunicipalityWriter: Sendable {
    let app: Application
    let options: ScaleGenerator.Options
    let index: Int
    let passwordHash: String

    typealias Content = ScaleGeneratorContent

    func write() async throws -> ScaleGenerator.Counts {
        let slug = options.slug(index)
        if try await Municipality.query(on: app.db).filter(\.$slug == slug).first() != nil {
            var counts = ScaleGenerator.Counts()
            counts.skipped = 1
            return counts
        }
        return try await app.db.writeTransaction { db in try await fill(db, slug: slug) }
    }

    private func fill(_ db: any Database, slug: String) async throws -> ScaleGenerator.Counts {
        // Per municipality, so the content does not depend on the order the jobs finish in.
        var random = SplitMix64(seed: options.seed &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(index))
        var counts = ScaleGenerator.Counts()
        let calendar = app.municipalCalendar
        let today = calendar.today
        let name = Content.municipalityName(index: index, random: &random)
        let municipality = Municipality(slug: slug, name: name, kind: Content.kinds[random.int(0..<Content.kinds.count)],
                                        visionTitle: "Digitale Agenda \(name) 2030",
                                        vision: "\(name) ist eine digitale, bürgernahe und nachhaltige Kommune: Leistungen online, "
                                            + "Entscheidungen auf Grundlage von Daten, Beschäftigte mit guten digitalen Werkzeugen.")
        municipality.id = UUID()
        try await municipality.create(on: db)
        let municipalityID = try municipality.requireID()
        var events: [AuditEvent] = []
        func event(_ action: AuditAction, _ type: String, _ id: UUID?, _ label: String, _ changes: [FieldChange] = [],
                   version: Int? = nil, actor: CurrentUser? = nil) throws {
            events.append(try AuditTrail.makeEvent(municipalityID: municipalityID, actor: actor, action: action, entityType: type,
                                                   entityID: id, label: label, changes: changes, version: version))
        }
        try event(.create, "municipality", municipalityID, name, [FieldChange(field: "slug", old: nil, new: slug)])

        // Units
        var unitIDs: [String: UUID] = [:]
        var units: [Department] = []
        for unit in Content.units {
            let row = Department(id: UUID(), municipalityID: municipalityID, code: unit.code, name: unit.name, level: unit.level.rawValue,
                                 parentID: unit.parentCode.flatMap { unitIDs[$0] }, headName: Content.people[random.int(0..<Content.people.count)])
            row.storedVersion = 1
            unitIDs[unit.code] = row.id
            units.append(row)
        }
        try await units.create(on: db)
        for row in units {
            try event(.create, "department", row.id, "\(row.code) \(row.name)",
                      FieldChange.between([:], DepartmentService.snapshot(row), fields: DepartmentService.auditedFields), version: 1)
        }
        counts.departments = units.count
        let offices = Content.offices.compactMap { unitIDs[$0.code] }

        // Logins: the strategy team, a department lead, the raters, a reader (installation-wide accounts).
        func user(_ email: String, _ displayName: String) -> User {
            User(id: UUID(), email: email, displayName: displayName, passwordHash: passwordHash)
        }
        let team = user(ScaleGenerator.Options.teamEmail(slug: slug), "Stabsstelle Digitalisierung \(name)")
        let lead = user(ScaleGenerator.Options.leadEmail(slug: slug), "Leitung IT \(name)")
        let reader = user(ScaleGenerator.Options.readerEmail(slug: slug), "Lesezugang \(name)")
        let raters = (1...max(1, options.raters)).map {
            user(ScaleGenerator.Options.raterEmail(slug: slug, $0), "\(Content.people[($0 - 1) % Content.people.count]) (Bewertung \($0))")
        }
        let users = [team, lead, reader] + raters
        try await users.create(on: db)
        // Installation events (no municipality) one by one through the trail, which knows where they are kept.
        for account in users {
            try await AuditTrail.record(on: db, municipalityID: nil, actor: nil, action: .create, entityType: "user", entityID: account.id,
                                        label: account.email, changes: [FieldChange(field: "isInstallationAdmin", old: nil, new: "false")])
        }
        let memberships = [Membership(userID: team.id!, municipalityID: municipalityID, role: MunicipalRole.strategyTeam.rawValue),
                           Membership(userID: lead.id!, municipalityID: municipalityID, role: MunicipalRole.departmentLead.rawValue,
                                      departmentID: unitIDs["12"]),
                           Membership(userID: reader.id!, municipalityID: municipalityID, role: MunicipalRole.reader.rawValue)]
            + raters.map { Membership(userID: $0.id!, municipalityID: municipalityID, role: MunicipalRole.rater.rawValue) }
        try await memberships.create(on: db)
        for (membership, account) in zip(memberships, users) {
            let role = membership.role + (membership.$department.id.map { " (\($0.uuidString))" } ?? "")
            try event(.grantRole, "membership", account.id, account.email, [FieldChange(field: "role", old: nil, new: role)])
        }
        counts.users = users.count
        counts.memberships = memberships.count
        let teamUser = CurrentUser(team)

        // Strategy frame: fields of action with goals, one KPI per goal with quarterly measurements.
        var elements: [StrategyElement] = []
        var goalIDs: [UUID] = []
        var kpis: [KPIRecord] = []
        var measurements: [KPIMeasurementRecord] = []
        var goalPosition = 0
        for (fieldIndex, field) in Content.fields.enumerated() {
            let fieldRow = StrategyElement(municipalityID: municipalityID, kind: .fieldOfAction, position: fieldIndex + 1)
            fieldRow.id = UUID()
            fieldRow.code = "HF\(fieldIndex + 1)"
            fieldRow.title = field.title
            fieldRow.description = field.description
            fieldRow.storedVersion = 1
            elements.append(fieldRow)
            for (goalIndex, goal) in field.goals.enumerated() {
                goalPosition += 1
                let goalRow = StrategyElement(municipalityID: municipalityID, kind: .goal, position: goalPosition)
                goalRow.id = UUID()
                goalRow.code = "Z\(fieldIndex + 1).\(goalIndex + 1)"
                goalRow.title = goal.title
                goalRow.description = "Ziel im Handlungsfeld „\(field.title)“."
                goalRow.targetStatement = goal.target
                goalRow.targetYear = 2028 + random.int(0...2)
                goalRow.$parent.id = fieldRow.id
                goalRow.$responsibleDepartment.id = offices[random.int(0..<offices.count)]
                goalRow.storedVersion = 1
                elements.append(goalRow)
                goalIDs.append(goalRow.id!)

                let kpi = KPIRecord()
                kpi.id = UUID()
                kpi.$municipality.id = municipalityID
                kpi.$goal.id = goalRow.id!
                kpi.$owner.id = lead.id
                kpi.name = goal.kpi.name
                kpi.unit = goal.kpi.unit
                kpi.direction = goal.kpi.direction.rawValue
                kpi.baseline = goal.kpi.baseline
                kpi.baselineOn = today.adding(days: -400)!.iso
                kpi.target = goal.kpi.target
                kpi.targetOn = "\(goalRow.targetYear!)-12-31"
                kpi.cadence = KPICadence.quarterly.rawValue
                kpi.version = 1
                kpis.append(kpi)
                let pace = 0.05 + 0.1 * random.uniform()
                for quarter in 1...4 {
                    let value = goal.kpi.baseline + (goal.kpi.target - goal.kpi.baseline) * pace * Double(quarter)
                    measurements.append(KPIMeasurementRecord(
                        municipalityID: municipalityID, kpiID: kpi.id!,
                        KPIMeasurement(measuredOn: today.adding(days: -91 * (4 - quarter) - 5)!, value: (value * 10).rounded() / 10),
                        recordedBy: lead.displayName))
                }
            }
        }
        try await elements.create(on: db)
        try await kpis.create(on: db)
        try await measurements.create(on: db)
        for element in elements {
            try event(.create, element.kind, element.id, [element.code, element.title].compactMap { $0 }.joined(separator: " "),
                      FieldChange.between([:], StrategyService.snapshot(element), fields: StrategyService.auditedFields), version: 1,
                      actor: teamUser)
        }
        for kpi in kpis {
            try event(.create, "kpi", kpi.id, kpi.name, FieldChange.between([:], KPIService.snapshot(kpi), fields: KPIService.auditedFields),
                      version: 1, actor: CurrentUser(lead))
        }
        counts.strategyElements = elements.count
        counts.kpis = kpis.count
        counts.measurements = measurements.count
        try await AuditTrail.recordAll(events, municipalityID: municipalityID, on: db)

        let projects = try await writeProjects(db, municipalityID: municipalityID, offices: offices, goals: goalIDs, actor: teamUser,
                                               random: &random)
        counts.projects = projects.count

        let context = MunicipalityContext(municipality: municipality, municipalityID: municipalityID, user: teamUser, role: .strategyTeam,
                                          permissions: Permissions(role: .strategyTeam, isInstallationAdmin: false), calendar: calendar)
        let (inRound, ratings) = try await prioritize(db, context: context, projects: projects, raters: raters, random: &random)
        counts.roundProjects = inRound
        counts.ratings = ratings
        // The services wrote their own events (projects, round, ratings); the count is the trail as it stands.
        counts.auditEvents = try await AuditEvent.query(on: db).filter(\.$municipality.$id == municipalityID).count() + users.count
        counts.municipalities = 1
        return counts
    }
}
