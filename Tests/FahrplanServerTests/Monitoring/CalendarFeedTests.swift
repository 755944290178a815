import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import Testing

/// The municipality's iCalendar feed over HTTP (SQLite, or PostgreSQL with TEST_DATABASE_URL): no sign-in, the
/// token is the key; every wrong way in gets the same 404; the document parses and lists upcoming milestones
/// and roll-outs only.
@Suite("Monitoring: calendar feed", .serialized)
struct CalendarFeedTests {
    /// Unfolds an iCalendar document (RFC 5545 §3.1) into its content lines.
    static func contentLines(_ text: String) -> [String] {
        var lines: [String] = []
        for raw in text.components(separatedBy: "\r\n") {
            if raw.hasPrefix(" "), !lines.isEmpty { lines[lines.count - 1] += raw.dropFirst() } else if !raw.isEmpty { lines.append(raw) }
        }
        return lines
    }

    /// The VEVENTs as property dictionaries (name without parameters → value, plus `DTSTART` with parameters kept).
    static func events(_ lines: [String]) -> [[String: String]] {
        var events: [[String: String]] = []
        var current: [String: String]?
        for line in lines {
            if line == "BEGIN:VEVENT" { current = [:]; continue }
            if line == "END:VEVENT" { if let current { events.append(current) }; current = nil; continue }
            guard current != nil, let colon = line.firstIndex(of: ":") else { continue }
            current?[String(line[..<colon])] = String(line[line.index(after: colon)...])
        }
        return events
    }

    @Test("token-protected feed: upcoming milestones and roll-outs, parsed; wrong, missing, foreign and old tokens get 404")
    func feed() async throws {
        try await withServer { server in
            server.app.municipalCalendar = .fixed(at: StatusWebTests.today)
            let other = try await Fixtures.otherMunicipality(on: server)
            let project = try await StatusWebTests.project(server, .inProgress, title: "Bürgerportal; Phase 2, Teil A", endOn: "2027-06-30")
            let past = try await StatusWebTests.project(server, .inProgress, title: "Schon eingeführt", endOn: "2026-01-31")
            let idea = try await StatusWebTests.project(server, .idea, title: "Nur eine Idee", endOn: "2027-03-01")
            let team = server.client()
            try await team.login(Fixtures.strategyTeam)
            let base = try StatusWebTests.path(project)
            for (title, due, done) in [("Go-live Pilot", "15.03.2027", ""), ("Schon erledigt", "20.12.2026", "06.12.2026"),
                                       ("Längst fällig", "01.12.2026", "")] {
                #expect(try await team.post(base + "/milestones", [("title", title), ("dueOn", due), ("doneOn", done), ("ownerUserID", ""),
                                                                   ("note", "")]).status == .seeOther)
            }
            _ = (past, idea)

            let anonymous = server.client()
            // No token created yet: the feed does not exist.
            #expect(try await anonymous.get("/m/musterstadt/calendar.ics").status == .notFound)
            #expect(try await anonymous.get("/m/musterstadt/calendar.ics?token=").status == .notFound)
            #expect(try await team.post("/m/musterstadt/monitoring/settings/calendar-token", []).status == .seeOther)
            let municipalityID = try await Fixtures.musterstadt(on: server).requireID()
            let token = try #require(try await MonitoringSettings.query(on: server.db).filter(\.$municipality.$id == municipalityID).first()?.calendarToken)

            let response = try await anonymous.get("/m/musterstadt/calendar.ics?token=\(token)")
            #expect(response.status == .ok)
            #expect(response.headers.first(name: "Content-Type")?.hasPrefix("text/calendar") == true)
            #expect(response.headers.first(name: "Cache-Control")?.contains("no-store") == true)
            #expect(response.headers.first(name: "Set-Cookie") == nil, "no session for a calendar program")
            let lines = Self.contentLines(response.body)
            #expect(lines.first == "BEGIN:VCALENDAR")
            #expect(lines.last == "END:VCALENDAR")
            #expect(lines.contains("VERSION:2.0"))
            #expect(response.body.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 75 }, "lines folded at 75 octets")
            let events = Self.events(lines)
            let summaries = events.compactMap { $0["SUMMARY"] }
            #expect(summaries.contains { $0.hasPrefix("Meilenstein: Go-live Pilot") })
            #expect(!summaries.contains { $0.contains("Schon erledigt") }, "done milestones are not upcoming")
            #expect(!summaries.contains { $0.contains("Längst fällig") }, "overdue milestones are not upcoming")
            #expect(summaries.contains { $0.hasPrefix("Einführung: ") && $0.contains("Bürgerportal\\; Phase 2\\, Teil A") }, "text escaped")
            #expect(!summaries.contains { $0.contains("Schon eingeführt") || $0.contains("Nur eine Idee") })
            let pilot = try #require(events.first { $0["SUMMARY"]?.contains("Go-live Pilot") == true })
            #expect(pilot["DTSTART;VALUE=DATE"] == "20270315")
            #expect(pilot["URL"]?.hasSuffix(base + "/status") == true)
            #expect(pilot["UID"]?.hasPrefix("milestone-") == true)
            #expect(pilot["DTSTAMP"] == "20261206T110000Z")
            let rollout = try #require(events.first { $0["SUMMARY"]?.hasPrefix("Einführung") == true && $0["SUMMARY"]?.contains("Bürgerportal") == true })
            #expect(rollout["DTSTART;VALUE=DATE"] == "20270630")
            #expect(Set(events.compactMap { $0["UID"] }).count == events.count)
            let english = try await anonymous.get("/m/musterstadt/calendar.ics?token=\(token)&lang=en")
            #expect(Self.events(Self.contentLines(english.body)).contains { $0["SUMMARY"]?.hasPrefix("Milestone: Go-live Pilot") == true })

            // Every wrong way in looks the same.
            let missing = try await anonymous.get("/m/gibt-es-nicht/calendar.ics?token=\(token)")
            for path in ["/m/musterstadt/calendar.ics", "/m/musterstadt/calendar.ics?token=cal_falsch",
                         "/m/nachbarstadt/calendar.ics?token=\(token)", "/m/musterstadt/calendar.ics?token=\(String(repeating: "x", count: 5000))"] {
                let refused = try await anonymous.get(path)
                #expect(refused.status == .notFound, "\(path) answered \(refused.status.code)")
                #expect(!refused.body.contains("BEGIN:VCALENDAR"))
                #expect(!refused.body.contains(Fixtures.OtherMunicipality.marker))
            }
            #expect(missing.status == .notFound)
            // The neighbour's own token opens only the neighbour's (empty) feed, never Musterstadt's.
            let otherToken = try await MonitoringDashboardService(db: server.db, context: MunicipalityContext(
                municipality: other.municipality, municipalityID: try other.municipality.requireID(),
                user: CurrentUser(try #require(try await User.find(other.userID, on: server.db))), role: .strategyTeam,
                permissions: Permissions(role: .strategyTeam, isInstallationAdmin: false))).rotateCalendarToken()
            #expect(try await anonymous.get("/m/musterstadt/calendar.ics?token=\(otherToken)").status == .notFound)
            let neighbour = try await anonymous.get("/m/nachbarstadt/calendar.ics?token=\(otherToken)")
            #expect(neighbour.status == .ok)
            #expect(!neighbour.body.contains("Go-live Pilot"))

            // Rotating the token retires the old address at once.
            #expect(try await team.post("/m/musterstadt/monitoring/settings/calendar-token", []).status == .seeOther)
            #expect(try await anonymous.get("/m/musterstadt/calendar.ics?token=\(token)").status == .notFound)
            let rotated = try #require(try await MonitoringSettings.query(on: server.db).filter(\.$municipality.$id == municipalityID).first()?.calendarToken)
            #expect(rotated != token)
            #expect(try await anonymous.get("/m/musterstadt/calendar.ics?token=\(rotated)").status == .ok)
        }
    }
}
