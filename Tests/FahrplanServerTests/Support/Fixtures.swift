import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation

/// Data that tests set up directly in the database.
enum Fixtures {
    static let strategyTeam = "digitalisierung@musterstadt.example"
    static let departmentLead = "fachdienst@musterstadt.example"
    static let rater = "bewertung@musterstadt.example"
    static let reader = "lesen@musterstadt.example"
    static let admin = DemoLoader.adminEmail

    /// A second municipality with its own team, a unit, a goal under a field of action and a program, and
    /// a marker string in every text, so a test can tell when any of it leaks.
    struct OtherMunicipality {
        var municipality: Municipality
        var teamEmail: String
        var fieldID: UUID
        var goalID: UUID
        var programID: UUID
        var principleID: UUID
        var departmentID: UUID
        var userID: UUID
        static let marker = "GEHEIM-NACHBARGEMEINDE"
    }

    static func otherMunicipality(on server: TestServer) async throws -> OtherMunicipality {
        let accounts = AccountService(db: server.db, hasher: server.app.password.async)
        let municipality = try await accounts.createMunicipality(slug: "nachbarstadt", name: "Nachbarstadt \(OtherMunicipality.marker)", kind: "Gemeinde")
        let user = try await accounts.createUser(email: "team@nachbarstadt.example", displayName: "Team \(OtherMunicipality.marker)",
                                                 password: TestServer.demoPassword, isInstallationAdmin: false)
        try await accounts.grant(.strategyTeam, to: user, in: municipality, departmentID: nil, actor: nil)
        let context = MunicipalityContext(municipality: municipality, municipalityID: try municipality.requireID(),
                                          user: CurrentUser(user), role: .strategyTeam,
                                          permissions: Permissions(role: .strategyTeam, isInstallationAdmin: false))
        let unit = try await DepartmentService(db: server.db, context: context)
            .save(DepartmentInput(code: "99", name: "Amt \(OtherMunicipality.marker)", level: "office", parentID: nil, headName: nil), into: nil)
        let service = StrategyService(db: server.db, context: context)
        let principle = try await service.create(.principle, StrategyElementInput(title: "Leitlinie \(OtherMunicipality.marker)"))
        let field = try await service.create(.fieldOfAction, StrategyElementInput(title: "Feld \(OtherMunicipality.marker)"))
        let goal = try await service.create(.goal, StrategyElementInput(title: "Ziel \(OtherMunicipality.marker)", targetStatement: "100 % \(OtherMunicipality.marker)",
                                                                        parentID: field.id?.uuidString, responsibleDepartmentID: unit.id?.uuidString))
        let program = try await service.create(.program, StrategyElementInput(title: "Programm \(OtherMunicipality.marker)", parentID: goal.id?.uuidString))
        return OtherMunicipality(municipality: municipality, teamEmail: user.email, fieldID: try field.requireID(), goalID: try goal.requireID(),
                                 programID: try program.requireID(), principleID: try principle.requireID(),
                                 departmentID: try unit.requireID(), userID: try user.requireID())
    }

    static func musterstadt(on server: TestServer) async throws -> Municipality {
        try await Municipality.query(on: server.db).filter(\.$slug == "musterstadt").first()!
    }

    static func firstElement(_ kind: StrategyElementKind, on server: TestServer) async throws -> StrategyElement {
        let municipality = try await musterstadt(on: server)
        return try await StrategyElement.query(on: server.db).filter(\.$municipality.$id == municipality.requireID())
            .filter(\.$kind == kind.rawValue).sort(\.$position).first()!
    }

    static func token(for email: String, on server: TestServer, slug: String = "musterstadt") async throws -> String {
        try await Operations.createToken(server.app, email: email, municipalitySlug: slug, name: "test")
    }
}
