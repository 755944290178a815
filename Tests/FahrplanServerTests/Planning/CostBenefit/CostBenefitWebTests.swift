import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import Testing

@Suite("Cost-benefit in the browser: economic settings, the derived criterion, portfolio page, project panel, budget CSV")
struct CostBenefitWebTests {
    static let settingsPath = "/m/musterstadt/settings/economics"

    @Test("the strategy team sees the defaults, bad input is refused field by field with nothing stored, good input is stored and audited")
    func settingsForm() async throws {
        try await withServer { server in
            let client = server.client()
            try await client.login(Fixtures.strategyTeam)
            let form = try await client.get(Self.settingsPath)
            #expect(form.status == .ok)
            #expect(form.body.contains("name=\"staffHourlyRate\" value=\"60\""))
            #expect(form.body.contains("name=\"interestRate\" value=\"2,50\""))

            let bad = try await client.post(Self.settingsPath, [("staffHourlyRate", "-5"), ("citizenHourlyRate", "viel"),
                                                                ("businessHourlyRate", "40"), ("interestRate", "200"), ("horizonYears", "")])
            #expect(bad.status == .unprocessableEntity)
            for field in ["staffHourlyRate-error", "citizenHourlyRate-error", "interestRate-error", "horizonYears-error"] {
                #expect(bad.body.contains("id=\"\(field)\""), "\(field) missing")
            }
            #expect(!bad.body.contains("id=\"businessHourlyRate-error\""))
            #expect(bad.body.contains("value=\"viel\""), "the person's input is kept")
            #expect(try await CostBenefitFixtures.storedSettings(on: server) == nil)

            let saved = try await client.post(Self.settingsPath, [("staffHourlyRate", "75,50"), ("citizenHourlyRate", "0"),
                                                                  ("businessHourlyRate", "40"), ("interestRate", "3 %"), ("horizonYears", "8")])
            #expect(saved.status == .seeOther)
            let row = try #require(try await CostBenefitFixtures.storedSettings(on: server))
            #expect(row.settings == EconomicSettings(staffHourlyRateCents: 7_550, citizenHourlyRateCents: 0, businessHourlyRateCents: 4_000,
                                                     interestBasisPoints: 300, horizonYears: 8))
            let events = try await AuditEvent.query(on: server.db).filter(\.$entityType == "economicSettings").all()
            #expect(events.count == 1)
            let trail = try await client.get("/m/musterstadt/audit")
            #expect(trail.body.contains("href=\"\(Self.settingsPath)\""), "the audit trail links the settings page")
            let again = try await client.get(Self.settingsPath)
            #expect(again.body.contains("name=\"staffHourlyRate\" value=\"75,50\""))
        }
    }

    @Test("readers and department leads see the settings but cannot change them")
    func settingsPermission() async throws {
        try await withServer { server in
            for email in [Fixtures.reader, Fixtures.departmentLead] {
                let client = server.client()
                try await client.login(email)
                let page = try await client.get(Self.settingsPath)
                #expect(page.status == .ok)
                #expect(!page.body.contains("name=\"staffHourlyRate\""))
                let refused = try await client.post(Self.settingsPath, [("staffHourlyRate", "1"), ("citizenHourlyRate", "1"),
                                                                        ("businessHourlyRate", "1"), ("interestRate", "1"), ("horizonYears", "1")])
                #expect(refused.status == .forbidden)
            }
            #expect(try await CostBenefitFixtures.storedSettings(on: server) == nil)
        }
    }

    @Test("a round's cost-benefit value follows the municipality's staff rate")
    func derivedCriterionUsesRate() async throws {
        try await withServer { server in
            let municipality = try await Fixtures.musterstadt(on: server)
            let context = try await PrioritizationFixtures.context(municipality, email: Fixtures.strategyTeam, on: server.db)
            _ = try await PrioritizationFixtures.catalog(context, on: server.db)
            let unit = try #require(try await Department.query(on: server.db).filter(\.$municipality.$id == municipality.requireID()).sort(\.$code).first())
            // 400 h a year against 100.000 € one-off: over 5 years 400 × 60 € × 5 = 120.000 € → ratio 1,2 → level 2;
            // at 120 €/h the ratio is 2,4 → level 3.
            let project = try await PortfolioService(db: server.db, context: context).create(ProjectInput(
                title: "Satz-Probe", departmentID: try unit.requireID().uuidString, hoursSavedPerYear: "400",
                costs: [CostLineInput(year: "2027", oneOff: "100000", running: nil)]))
            let value = try await PrioritizationFixtures.costBenefitLevel(of: project, round: "Satz-Runde", context: context, on: server.db)
            #expect(try await value() == 2)
            var settings = EconomicSettings.defaults
            settings.staffHourlyRateCents = 12_000
            try await EconomicSettingsService(db: server.db, context: context).save(settings)
            #expect(try await value() == 3)
        }
    }

    @Test("the portfolio page shows each project's figures and the totals, filters by status and sorts by net present value")
    func portfolioPage() async throws {
        try await withServer { server in
            let project = try await CostBenefitFixtures.project(on: server)
            let first = CostBenefitFixtures.firstYear
            let client = server.client()
            try await client.login(Fixtures.reader)
            let page = try await client.get("/m/musterstadt/cost-benefit")
            #expect(page.status == .ok)
            #expect(page.body.contains(project.code))
            #expect(page.body.contains("\(first)–\(first + 4)"))
            #expect(page.body.contains("30.000 €"))           // one-off
            #expect(page.body.contains("50.000 €"))           // total cost: 30.000 + 4 × 5.000 (carried forward)
            #expect(page.body.contains("48.000 €"))           // benefit: 4 × 12.000
            #expect(page.body.contains("Summe Portfolio"))
            let ideas = try await client.get("/m/musterstadt/cost-benefit?status=idea&sort=npv")
            #expect(ideas.status == .ok && ideas.body.contains(project.code) && ideas.body.contains("aria-sort=\"descending\""))
            let completed = try await client.get("/m/musterstadt/cost-benefit?status=completed")
            #expect(completed.status == .ok && !completed.body.contains(project.code))

            let english = try await client.get("/m/musterstadt/cost-benefit?lang=en")
            #expect(english.body.contains("Net present value"))
        }
    }

    @Test("the mid-term budget CSV: German spreadsheet, one column per year, three cost types per project, the totals")
    func budgetCSV() async throws {
        try await withServer { server in
            let project = try await CostBenefitFixtures.project(on: server)
            let first = CostBenefitFixtures.firstYear
            let client = server.client()
            try await client.login(Fixtures.strategyTeam)
            let csv = try await client.get("/m/musterstadt/cost-benefit/budget.csv?status=idea")
            #expect(csv.status == .ok)
            #expect(csv.headers.first(name: "Content-Type")?.hasPrefix("text/csv") == true)
            #expect(csv.headers.first(name: "Content-Disposition")?.contains("finanzplanung-musterstadt-\(first).csv") == true)
            let lines = csv.body.replacingOccurrences(of: "\u{FEFF}", with: "").components(separatedBy: "\r\n")
            let years = (0..<5).map { String(first + $0) }.joined(separator: ";")
            #expect(lines.first == "Kennung;Titel;Status;Kostenart;\(years);Summe")
            let prefix = "\(project.code);Kosten-Nutzen-Probe;Idee;"
            #expect(lines.contains(prefix + "Investiv (einmalig);30000,00;0,00;0,00;0,00;0,00;30000,00"))
            #expect(lines.contains(prefix + "Konsumtiv (laufend);0,00;5000,00;5000,00;5000,00;5000,00;20000,00"))
            #expect(lines.contains(prefix + "Nutzen (eingesparte Stunden, monetarisiert);0,00;12000,00;12000,00;12000,00;12000,00;48000,00"))
            #expect(lines.contains { $0.hasPrefix(";Summe Portfolio;;Investiv (einmalig);") })
            #expect(csv.body.hasPrefix("\u{FEFF}"))
        }
    }

    @Test("the project page has the cost-benefit panel; without hours saved it says the benefit is unknown")
    func projectPanel() async throws {
        try await withServer { server in
            let known = try await CostBenefitFixtures.project(on: server)
            let unknown = try await CostBenefitFixtures.project(on: server, title: "Ohne Stunden", hours: nil)
            let client = server.client()
            try await client.login(Fixtures.reader)
            let page = try await client.get("/m/musterstadt/projects/\(try known.requireID())")
            #expect(page.status == .ok)
            #expect(page.body.contains("id=\"cost-benefit-heading\""))
            #expect(page.body.contains("Kapitalwert"))
            #expect(page.body.contains("48.000 €"))
            let other = try await client.get("/m/musterstadt/projects/\(try unknown.requireID())")
            #expect(other.body.contains("Der Steckbrief nennt keine eingesparten Stunden"))
        }
    }
}
