import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import Testing

@Suite("Command-line operations")
struct OperationsTests {
    @Test("a password reset ends the account's sessions and revokes its API tokens, and the new password logs in")
    func passwordReset() async throws {
        try await withServer { server in
            let browser = server.client()
            try await browser.login(Fixtures.reader)
            let token = try await Fixtures.token(for: Fixtures.reader, on: server)
            try await #expect(server.client().api(.GET, "/api/v1/me", token: token).status == .ok)
            let password = try await Operations.resetPassword(server.app, email: Fixtures.reader, password: nil)
            let after = try await browser.get("/m/musterstadt")
            #expect(after.status == .seeOther)
            try await #expect(server.client().api(.GET, "/api/v1/me", token: token).status == .unauthorized)
            let logged = try await AuthEvent.query(on: server.db).filter(\.$kind == AuthEventKind.passwordReset.rawValue).all()
            #expect(logged.map(\.email) == [Fixtures.reader] && logged.first?.clientAddress == "cli")
            try await #expect(server.client().login(Fixtures.reader).status == .unauthorized)
            try await #expect(server.client().login(Fixtures.reader, password: password).status == .seeOther)
            await #expect(throws: AppConfiguration.Problem.self) {
                _ = try await Operations.resetPassword(server.app, email: Fixtures.reader, password: "kurz")
            }
        }
    }

    @Test("granting a role names unknown accounts, municipalities and units, and creates nothing half")
    func grant() async throws {
        try await withServer { server in
            try await Operations.grantRole(server.app, email: Fixtures.reader, municipalitySlug: "musterstadt", role: .rater, departmentCode: nil)
            let membership = try await Membership.query(on: server.db).join(User.self, on: \Membership.$user.$id == \User.$id)
                .filter(User.self, \.$email == Fixtures.reader).first()
            #expect(membership?.role == "rater")
            for (email, slug, unit) in [("niemand@x.example", "musterstadt", nil), (Fixtures.reader, "gibt-es-nicht", nil), (Fixtures.reader, "musterstadt", "XX")] as [(String, String, String?)] {
                await #expect(throws: AppConfiguration.Problem.self) {
                    try await Operations.grantRole(server.app, email: email, municipalitySlug: slug, role: .departmentLead, departmentCode: unit)
                }
            }
            await #expect(throws: AppConfiguration.Problem.self) {
                try await Operations.checkRoleTarget(server.app, municipalitySlug: "musterstadt", departmentCode: "XX")
            }
            try await #expect(User.query(on: server.db).filter(\.$email == "niemand@x.example").count() == 0)
        }
    }
}
