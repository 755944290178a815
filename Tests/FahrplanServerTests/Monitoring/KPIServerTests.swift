import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import Testing

/// KPIs end to end on the web (SQLite, or PostgreSQL with TEST_DATABASE_URL): define a KPI on a goal, enter
/// measurements by form and CSV, bad input named by field or row and nothing half-stored, the KPI page's chart
/// and figures, the roll-up with its explanation, and who may do what.
@Suite("Monitoring: KPIs, measurements, CSV, roll-up", .serialized)
struct KPIServerTests {
    /// 6 December 2026, noon in Berlin.
    static let today = Date(timeIntervalSince1970: 1_796_554_800)

    static func define(_ client: TestClient, goalID: UUID) async throws -> TestResponse {
        try await client.post("/m/musterstadt/kpis/new", [
            ("goalID", goalID.uuidString), ("name", "Anteil Online-Dienste"), ("unit", "%"), ("direction", "increase"),
            ("baselineValue", "20"), ("baselineOn", "01.01.2024"), ("targetValue", "70"), ("targetOn", "27.09.2026"),
            ("cadence", "quarterly"), ("ownerID", ""), ("projectID", "")])
    }

    @Test("define, measure by form and CSV; wrong unit, future date, broken CSV named and nothing stored; chart and roll-up")
    func journey() async throws {
        try await withServer { server in
            server.app.municipalCalendar = .fixed(at: Self.today)
            let goal = try await Fixtures.firstElement(.goal, on: server)
            let goalID = try goal.requireID()
            let team = server.client()
            try await team.login(Fixtures.strategyTeam)

            // Bad definition: every problem named, nothing stored.
            let bad = try await team.post("/m/musterstadt/kpis/new", [("goalID", ""), ("name", ""), ("unit", "%"), ("direction", "decrease"),
                                                                      ("baselineValue", "20"), ("baselineOn", "01.01.2026"), ("targetValue", "70"), ("targetOn", "01.01.2025")])
            #expect(bad.status == .unprocessableEntity)
            for field in ["goalID", "name", "targetValue", "targetOn"] { #expect(bad.body.contains("id=\"\(field)-error\"")) }
            #expect(try await KPIRecord.query(on: server.db).count() == 0)

            let created = try await Self.define(team, goalID: goalID)
            #expect(created.status == .seeOther)
            let kpi = try #require(try await KPIRecord.query(on: server.db).first())
            let page = "/m/musterstadt/kpis/\(try kpi.requireID())"

            // Measurements by form: a wrong unit and a future date are named, nothing stored.
            let wrong = try await team.post(page + "/measurements", [("measuredOn", "07.12.2026"), ("value", "30"), ("unit", "Tage"), ("note", "")])
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.body.contains("id=\"measuredOn-error\"") && wrong.body.contains("id=\"unit-error\""))
            #expect(wrong.body.contains("in der Zukunft") && wrong.body.contains("„%“"))
            #expect(try await KPIMeasurementRecord.query(on: server.db).count() == 0)
            for (day, value) in [("01.01.2024", "20"), ("10.04.2024", "32,5")] {
                #expect(try await team.post(page + "/measurements", [("measuredOn", day), ("value", value), ("unit", "%"), ("note", "")]).status == .seeOther)
            }
            let again = try await team.post(page + "/measurements", [("measuredOn", "10.04.2024"), ("value", "33"), ("unit", ""), ("note", "")])
            #expect(again.status == .unprocessableEntity && again.body.contains("doppelt"))

            // CSV: a broken row names row and column, nothing of the file is stored; then a good file.
            let broken = try await team.post(page + "/measurements/upload", [("content", "Datum;Wert;Einheit\n19.07.2024;45;%\n01.08.2024;viel;%\n")])
            #expect(broken.status == .unprocessableEntity)
            #expect(broken.body.contains("Zeile 3") && broken.body.contains("Wert"))
            #expect(try await KPIMeasurementRecord.query(on: server.db).count() == 2)
            let good = try await team.post(page + "/measurements/upload", [("content", "Date,Value,Note\n2024-07-19,45,Halbjahr\n")])
            #expect(good.status == .seeOther)
            #expect(try await KPIMeasurementRecord.query(on: server.db).count() == 3)
            #expect(try await AuditEvent.query(on: server.db).filter(\.$entityType == "kpi").count() == 4)

            // The page: progress 50 %, trend on track (145 % by the target date), chart with its table.
            let shown = try await team.get(page)
            #expect(shown.status == .ok)
            #expect(shown.body.contains("id=\"kpi-progress\">50 %"))
            #expect(shown.body.contains("auf Kurs – Trend am Zieldatum: 145 %"))
            #expect(shown.body.contains("role=\"img\"") && shown.body.contains("<title id=\"kpi-chart-title\">"))
            #expect(shown.body.contains("id=\"kpi-measurements\"") && shown.body.contains("Halbjahr"))
            // Stale: last measurement 19 July 2024, quarterly window 100 days.
            #expect(shown.body.contains("id=\"kpi-stale\""))

            let rollup = try await team.get("/m/musterstadt/kpis/rollup")
            #expect(rollup.status == .ok)
            #expect(rollup.body.contains("Mittelwert des Fortschritts von 1 Kennzahl") && rollup.body.contains("Anteil Online-Dienste 50 %"))
            let english = try await team.get("/m/musterstadt/kpis/rollup?lang=en")
            #expect(english.body.contains("Mean of the progress of 1 KPI"))
            let list = try await team.get("/m/musterstadt/kpis?goal=\(goalID.uuidString)")
            #expect(list.status == .ok && list.body.contains("Anteil Online-Dienste"))
        }
    }

    @Test("a reader may not define KPIs nor measure; the KPI's owner may measure")
    func permissions() async throws {
        try await withServer { server in
            server.app.municipalCalendar = .fixed(at: Self.today)
            let goalID = try await Fixtures.firstElement(.goal, on: server).requireID()
            let team = server.client()
            try await team.login(Fixtures.strategyTeam)
            _ = try await Self.define(team, goalID: goalID)
            let kpi = try #require(try await KPIRecord.query(on: server.db).first())
            let page = "/m/musterstadt/kpis/\(try kpi.requireID())"
            let reader = server.client()
            try await reader.login(Fixtures.reader)
            #expect(try await reader.post(page + "/measurements", [("measuredOn", "01.01.2025"), ("value", "30")]).status == .forbidden)
            #expect(try await reader.post("/m/musterstadt/kpis/new", [("goalID", goalID.uuidString), ("name", "X")]).status == .forbidden)

            let readerUser = try #require(try await User.query(on: server.db).filter(\.$email == Fixtures.reader).first())
            kpi.$owner.id = try readerUser.requireID()
            try await kpi.save(on: server.db)
            #expect(try await reader.post(page + "/measurements", [("measuredOn", "01.01.2025"), ("value", "30")]).status == .seeOther)
            #expect(try await KPIMeasurementRecord.query(on: server.db).count() == 1)
        }
    }
}
