import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import Testing

/// The rules about days read the application's one municipal calendar: a fixed clock set on the test server
/// moves them, and they count days in Berlin, not in the server's UTC.
@Suite("The municipal calendar decides today for the whole server")
struct MunicipalCalendarServerTests {
    static func moment(_ iso: String) -> Date { ISO8601DateFormatter().date(from: iso)! }

    @Test("a call's deadline passes at midnight in Berlin, while it is still the deadline day in UTC")
    func deadlineFollowsBerlin() async throws {
        try await withServer { server in
            #expect(server.app.municipalCalendar.timeZone.identifier == "Europe/Berlin")
            let api = try await APIConformance(server: server)
            let team = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            // 23:30 on 10 March in Berlin: the deadline day itself, still open.
            server.app.municipalCalendar = .fixed(at: Self.moment("2027-03-10T22:30:00Z"))
            let created = try await api.call(.POST, CallAPIExercise.collection, token: team,
                                             json: ["title": "Projektabfrage Mitternacht", "opensOn": "2027-03-01", "deadline": "2027-03-10"],
                                             expect: .created)
            let id = try #require(try created.value()["id"]?.string)
            #expect(try created.value()["phase"] == .string("open"))
            #expect(try created.value()["deadlinePassed"] == .bool(false))

            // 00:30 on 11 March in Berlin, 23:30 on 10 March in UTC: the deadline has passed.
            server.app.municipalCalendar = .fixed(at: Self.moment("2027-03-10T23:30:00Z"))
            let late = try await api.call(.GET, CallAPIExercise.item, ["call": id], token: team, expect: .ok)
            #expect(try late.value()["phase"] == .string("overdue"))
            #expect(try late.value()["deadlinePassed"] == .bool(true))
            let list = try await api.call(.GET, CallAPIExercise.collection, token: team, expect: .ok)
            let listed = try list.value()["items"]?.array?.first { $0["id"] == .string(id) }
            #expect(listed?["phase"] == .string("overdue"))

            // Before the opening day the call is upcoming.
            server.app.municipalCalendar = .fixed(at: Self.moment("2027-02-28T22:59:00Z"))
            let early = try await api.call(.GET, CallAPIExercise.item, ["call": id], token: team, expect: .ok)
            #expect(try early.value()["phase"] == .string("upcoming"))
        }
    }

    @Test("the export's file name carries the day in Berlin: New Year's Eve 23:15 UTC is already 1 January")
    func exportFileName() async throws {
        try await withServer { server in
            let token = try await Fixtures.token(for: Fixtures.reader, on: server)
            server.app.municipalCalendar = .fixed(at: Self.moment("2027-12-31T23:15:00Z"))
            let csv = try await server.client().api(.GET, ImportAPIExercise.exportPath + "?format=csv", token: token)
            #expect(csv.status == .ok)
            let disposition = try #require(csv.headers.first(name: "Content-Disposition"))
            #expect(disposition.contains("fahrplan-projekte-musterstadt-2028-01-01.csv"), "\(disposition)")
        }
    }

    @Test("closing a round without a day records the decision on today in Berlin")
    func decisionDefaultsToBerlinToday() async throws {
        try await withServer { server in
            let setup = try await PrioritizationAPITests.Setup.make(server)
            server.app.municipalCalendar = .fixed(at: Self.moment("2027-12-31T23:15:00Z"))
            try await setup.api.call(.POST, PrioritizationAPIExercise.round + "/close", setup.r, token: setup.team,
                                     json: ["decidedBy": "Rat (Kalender)", "rationale": "Ohne Datum", "missingPolicy": "rankWithAvailable"],
                                     expect: .ok)
            let decision = try #require(try await Decision.query(on: server.db).filter(\.$decidedBy == "Rat (Kalender)").first())
            #expect(decision.decidedOn == "2028-01-01")
        }
    }
}
