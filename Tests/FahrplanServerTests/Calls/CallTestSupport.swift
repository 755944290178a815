import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import Testing

/// Shared set-up of the call tests: units by code, the call form, a call opened by the strategy team.
enum CallFixtures {
    static func unitID(_ code: String, on server: TestServer) async throws -> UUID {
        try await PortfolioFixtures.department(code, on: server).requireID()
    }

    /// Every active Amt/Fachdienst of Musterstadt: what a new call asks by default.
    static func officeIDs(on server: TestServer) async throws -> [UUID] {
        let municipality = try await Fixtures.musterstadt(on: server)
        return try await Department.query(on: server.db).filter(\.$municipality.$id == municipality.requireID())
            .filter(\.$level == "office").filter(\.$archivedAt == nil).all().compactMap(\.id)
    }

    static func form(title: String = "Projektabfrage Test 2028", message: String = "Bitte **alle Vorhaben** melden.",
                     opensOn: String = "01.01.2020", deadline: String = "31.12.2099", units: [UUID]) -> [(String, String)] {
        [("title", title), ("message", message), ("opensOn", opensOn), ("deadline", deadline)]
            + units.map { ("departmentIDs[]", $0.uuidString) }
    }

    /// Opens a call through the web form as the strategy team; returns its id.
    static func open(_ browser: TestClient, units: [UUID], title: String = "Projektabfrage Test 2028",
                     opensOn: String = "01.01.2020", deadline: String = "31.12.2099") async throws -> UUID {
        let response = try await browser.post("/m/musterstadt/calls", form(title: title, opensOn: opensOn, deadline: deadline, units: units))
        #expect(response.status == .seeOther, "\(response.body.prefix(2000))")
        let location = try #require(response.location)
        let id = try #require(location.firstID(after: "/m/musterstadt/calls/"))
        return try #require(UUID(uuidString: id))
    }

    static func call(_ id: UUID, on server: TestServer) async throws -> CallForProjects {
        try #require(try await CallForProjects.find(id, on: server.db))
    }

    static func recipient(_ call: UUID, _ unit: UUID, on server: TestServer) async throws -> CallRecipient {
        try #require(try await CallRecipient.query(on: server.db).filter(\.$call.$id == call).filter(\.$department.$id == unit).first())
    }

    static func events(_ call: UUID, on server: TestServer) async throws -> [AuditEvent] {
        try await AuditEvent.query(on: server.db).filter(\.$entityID == call).sort(\.$occurredAt).all()
    }

    static func demoCall(_ titlePrefix: String, on server: TestServer) async throws -> CallForProjects {
        try #require(try await CallForProjects.query(on: server.db).filter(\.$title ~~ titlePrefix).first())
    }

    /// A department lead account for a unit (the demo has none for 50, 61, 62).
    static func lead(email: String, name: String, unit: UUID, on server: TestServer) async throws {
        let accounts = AccountService(db: server.db, hasher: server.app.password.async)
        let user = try await accounts.createUser(email: email, displayName: name, password: TestServer.demoPassword, isInstallationAdmin: false)
        try await accounts.grant(.departmentLead, to: user, in: try await Fixtures.musterstadt(on: server), departmentID: unit, actor: nil)
    }
}
