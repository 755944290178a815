import FahrplanCore
import Fluent
import Vapor

/// Loads a demo municipality into the database: the strategy frame, the organisation and one login per
/// role. Idempotent: a municipality that already exists is left alone.
public struct DemoLoader {
    public struct Login: Sendable {
        public var email: String
        public var role: String
    }

    public struct Result: Sendable {
        public var created: Bool
        public var logins: [Login]
        public var password: String
        public var passwordWasGenerated: Bool
    }

    public static let adminEmail = "admin@fahrplan.example"

    /// - Parameter password: the password for every demo login; generated at random when nil.
    public static func load(_ content: DemoMunicipality = .musterstadt, on app: Application, password: String?) async throws -> Result {
        let db = app.db
        let logins = [Login(email: adminEmail, role: "admin")] + content.users.map { Login(email: $0.email, role: $0.role.rawValue) }
        if try await Municipality.query(on: db).filter(\.$slug == content.slug).first() != nil {
            return Result(created: false, logins: logins, password: password ?? "", passwordWasGenerated: false)
        }
        let chosen = password ?? Secrets.readablePassword()
        let hash = try await app.password.async.hash(chosen)
        try await db.writeTransaction { db in
            let municipality = Municipality(slug: content.slug, name: content.name, kind: content.kind,
                                            visionTitle: content.visionTitle, vision: content.vision)
            try await municipality.create(on: db)
            let municipalityID = try municipality.requireID()

            var departmentIDs: [String: UUID] = [:]
            for unit in content.departments {
                let department = Department(municipalityID: municipalityID, code: unit.code, name: unit.name, level: unit.level.rawValue,
                                            parentID: unit.parentCode.flatMap { departmentIDs[$0] }, headName: unit.headName)
                try await department.create(on: db)
                departmentIDs[unit.code] = department.id
            }

            var elementIDs: [String: UUID] = [:]
            func element(_ kind: StrategyElementKind, _ position: Int, code: String, title: String, description: String,
                         parent: UUID? = nil, target: String? = nil, year: Int? = nil, department: String? = nil) async throws -> UUID {
                let element = StrategyElement(municipalityID: municipalityID, kind: kind, position: position)
                element.code = code
                element.title = title
                element.description = description
                element.targetStatement = target
                element.targetYear = year
                element.$parent.id = parent
                element.$responsibleDepartment.id = department.flatMap { departmentIDs[$0] }
                try await element.create(on: db)
                elementIDs[code] = try element.requireID()
                return try element.requireID()
            }
            for (index, principle) in content.principles.enumerated() {
                _ = try await element(.principle, index + 1, code: principle.code, title: principle.title, description: principle.description)
            }
            for (fieldIndex, field) in content.fieldsOfAction.enumerated() {
                let fieldID = try await element(.fieldOfAction, fieldIndex + 1, code: field.code, title: field.title, description: field.description)
                for (goalIndex, goal) in field.goals.enumerated() {
                    let goalID = try await element(.goal, goalIndex + 1, code: goal.code, title: goal.title, description: goal.description,
                                                   parent: fieldID, target: goal.targetStatement, year: goal.targetYear,
                                                   department: goal.responsibleDepartmentCode)
                    for (programIndex, program) in goal.programs.enumerated() {
                        _ = try await element(.program, programIndex + 1, code: program.code, title: program.title,
                                              description: program.description, parent: goalID, department: program.responsibleDepartmentCode)
                    }
                }
            }

            try await DemoPortfolioLoader(db: db, municipalityID: municipalityID, departmentIDs: departmentIDs, elementIDs: elementIDs,
                                      calendar: app.municipalCalendar).load(content)

            let admin = try await User.query(on: db).filter(\.$email == adminEmail).first()
                ?? User(email: adminEmail, displayName: "Installations-Administration", passwordHash: hash, isInstallationAdmin: true)
            if admin.id == nil { try await admin.create(on: db) }
            var userIDs: [String: UUID] = [:]
            for person in content.users {
                let user = try await User.query(on: db).filter(\.$email == person.email).first()
                    ?? User(email: person.email, displayName: person.displayName, passwordHash: hash)
                if user.id == nil { try await user.create(on: db) }
                userIDs[person.email] = user.id
                try await Membership(userID: user.requireID(), municipalityID: municipalityID, role: person.role.rawValue,
                                     departmentID: person.departmentCode.flatMap { departmentIDs[$0] }).create(on: db)
            }
            try await DemoPrioritizationLoader(db: db, municipality: municipality, userIDs: userIDs, calendar: app.municipalCalendar).load(content)
            try await DemoPlanningLoader(db: db, municipality: municipality, userIDs: userIDs, calendar: app.municipalCalendar).load(content)
            try await DemoMonitoringLoader(app: app, db: db, municipality: municipality, userIDs: userIDs).load(content)
            try await DemoMaturityLoader(app: app, db: db, municipality: municipality, userIDs: userIDs,
                                         departmentIDs: departmentIDs).load(content)
            try await DemoInventoryLoader(app: app, db: db, municipality: municipality, userIDs: userIDs).load(content)
            try await DemoNewsletterLoader(app: app, db: db, municipality: municipality, userIDs: userIDs).load(content)
            try await DemoPortalLoader(app: app, db: db, municipality: municipality, userIDs: userIDs).load(content)
            try await DemoStrategyVersionLoader(app: app, db: db, municipality: municipality, userIDs: userIDs).load(content)
            try await AuditTrail.record(on: db, municipalityID: municipalityID, actor: nil, action: .create,
                                        entityType: "municipality", entityID: municipalityID,
                                        label: "\(content.name) (Demo)")
        }
        return Result(created: true, logins: logins, password: chosen, passwordWasGenerated: password == nil)
    }
}
