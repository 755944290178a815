import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import NIOHTTP1
import Testing

/// Citizens' and businesses' hours saved per profile, end to end: web form, JSON API, spreadsheet import, the
/// cost-benefit figures and the prioritization's criterion (with the municipality's horizon).
@Suite("Hours saved by citizens and businesses: form, API, import, cost-benefit and criterion")
struct BenefitHoursServerTests {
    typealias E = ProjectAPIExercise

    @Test("the form stores citizens' and businesses' hours and the page shows them; bad values are named and nothing is stored")
    func webForm() async throws {
        try await withServer { server in
            let browser = server.client()
            try await browser.login(Fixtures.strategyTeam)
            let unit = try await PortfolioFixtures.department("33", on: server)
            let form = try await browser.get("/m/musterstadt/projects/new")
            #expect(form.body.contains("Eingesparte Stunden Verwaltung pro Jahr"))
            #expect(form.body.contains("name=\"citizenHoursSavedPerYear\"") && form.body.contains("name=\"businessHoursSavedPerYear\""))

            let created = try await browser.post("/m/musterstadt/projects", PortfolioFixtures.form(
                title: "Stunden-Probe", department: try unit.requireID(),
                extra: [("citizenHoursSavedPerYear", "2.500"), ("businessHoursSavedPerYear", "40")]))
            #expect(created.status == .seeOther)
            let project = try #require(try await Project.query(on: server.db).filter(\.$title == "Stunden-Probe").first())
            #expect(project.hoursSavedPerYear == 1_200 && project.citizenHoursSavedPerYear == 2_500 && project.businessHoursSavedPerYear == 40)
            let detail = try await browser.get("/m/musterstadt/projects/\(try project.requireID())")
            #expect(detail.body.contains("Eingesparte Stunden Bürgerinnen und Bürger pro Jahr (geschätzt)") && detail.body.contains("2.500"))
            #expect(detail.body.contains("Eingesparte Stunden Unternehmen pro Jahr (geschätzt)"))

            let before = try await PortfolioFixtures.projectCount(on: server)
            for (citizens, businesses, message) in [("-5", "viele", "keine Zahl"), ("10.000.001", "0", "10000000")] {
                let refused = try await browser.post("/m/musterstadt/projects", PortfolioFixtures.form(
                    title: "Abgelehnt", department: try unit.requireID(),
                    extra: [("citizenHoursSavedPerYear", citizens), ("businessHoursSavedPerYear", businesses)]))
                #expect(refused.status == .unprocessableEntity)
                #expect(refused.body.contains("id=\"citizenHoursSavedPerYear-error\""))
                #expect(refused.body.contains("Eingesparte Stunden Bürgerinnen und Bürger pro Jahr"))
                if businesses == "viele" {
                    #expect(refused.body.contains("id=\"businessHoursSavedPerYear-error\""))
                    #expect(refused.body.contains(message) || refused.body.lowercased().contains("zahl"))
                }
            }
            #expect(try await PortfolioFixtures.projectCount(on: server) == before)
            // Last: ?lang=en keeps English for the rest of the session, and the checks above read German texts.
            let english = try await browser.get("/m/musterstadt/projects/\(try project.requireID())?lang=en")
            #expect(english.body.contains("Citizens&#39; hours saved per year") || english.body.contains("Citizens' hours saved per year"))
        }
    }

    @Test("the API reads and writes both fields; negative, text and too large are refused under their names, nothing stored")
    func api() async throws {
        try await withServer { server in
            let api = try await APIConformance(server: server)
            let team = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            let ids = try await E.IDs.load(on: server)
            let created = try await api.call(.POST, E.collection, token: team, json: E.profile(title: "API-Stunden", unit: ids.unit, extra: [
                "citizenHoursSavedPerYear": 2_500, "businessHoursSavedPerYear": 40,
            ]), expect: .created)
            let id = try #require(try created.value()["id"]?.string)
            let read = try await api.call(.GET, E.item, ["project": id], token: team, expect: .ok).value()
            #expect(read["citizenHoursSavedPerYear"] == .number(2_500) && read["businessHoursSavedPerYear"] == .number(40))

            let before = try await PortfolioFixtures.projectCount(on: server)
            let refused = try await api.call(.POST, E.collection, token: team, json: E.profile(title: "Falsch", unit: ids.unit, extra: [
                "citizenHoursSavedPerYear": -1, "businessHoursSavedPerYear": 10_000_001,
            ]), expect: .unprocessableEntity)
            #expect(try OpenAPIConformanceTests.fields(refused) == ["citizenHoursSavedPerYear", "businessHoursSavedPerYear"])
            let text = try await api.call(.POST, E.collection, token: team, json: E.profile(title: "Text", unit: ids.unit, extra: [
                "businessHoursSavedPerYear": "viele",
            ]), expect: .badRequest)
            #expect(text.body.contains("businessHoursSavedPerYear"))
            #expect(try await PortfolioFixtures.projectCount(on: server) == before)

            // PATCH: a bad value changes nothing; null clears only that field.
            try await api.call(.PATCH, E.item, ["project": id], token: team, json: ["citizenHoursSavedPerYear": -3], expect: .unprocessableEntity)
            let cleared = try await api.call(.PATCH, E.item, ["project": id], token: team, json: ["businessHoursSavedPerYear": NSNull()],
                                             expect: .ok).value()
            #expect(cleared["citizenHoursSavedPerYear"] == .number(2_500) && cleared["businessHoursSavedPerYear"] == nil)
            #expect(cleared["hoursSavedPerYear"] == .number(1_200))
        }
    }

    @Test("the spreadsheet import reads the columns, the export writes them back; a bad cell names its column and writes nothing")
    func importRoundTrip() async throws {
        try await withServer { server in
            let good = ImportFixtures.csv(["Titel;Fachdienst;Eingesparte Stunden pro Jahr;Eingesparte Stunden Bürger pro Jahr;Businesses' hours saved per year",
                                           "Import-Stunden;33;300;1.500;250"])
            let outcome = try await Operations.importProjects(server.app, file: good, fileName: "a.csv", municipalitySlug: "musterstadt", dryRun: false)
            #expect(outcome.errors == [] && outcome.created == 1)
            let project = try #require(try await ImportFixtures.project(titled: "Import-Stunden", on: server))
            #expect(project.hoursSavedPerYear == 300 && project.citizenHoursSavedPerYear == 1_500 && project.businessHoursSavedPerYear == 250)
            let export = String(decoding: try await Operations.exportProjects(server.app, municipalitySlug: "musterstadt", format: "csv"), as: UTF8.self)
            #expect(export.contains("Eingesparte Stunden Verwaltung pro Jahr;Eingesparte Stunden Bürger pro Jahr;Eingesparte Stunden Unternehmen pro Jahr"))
            #expect(export.contains(";300;1500;250;"))

            let before = try await ImportFixtures.projects(on: server).count
            let bad = ImportFixtures.csv(["Titel;Fachdienst;Eingesparte Stunden Bürger pro Jahr;Eingesparte Stunden Unternehmen pro Jahr",
                                          "Falsch A;33;-5;1", "Falsch B;33;viele;99999999"])
            let refused = try await Operations.importProjects(server.app, file: bad, fileName: "b.csv", municipalitySlug: "musterstadt",
                                                              dryRun: false, german: true)
            #expect(refused.hasErrors && !refused.committed)
            #expect(refused.errors.count == 3, "\(refused.errors)")
            #expect(refused.errors.filter { $0.contains("Spalte Eingesparte Stunden Bürger pro Jahr") }.count == 2, "\(refused.errors)")
            #expect(refused.errors.contains { $0.hasPrefix("Zeile 3, Spalte Eingesparte Stunden Unternehmen pro Jahr") }, "\(refused.errors)")
            #expect(try await ImportFixtures.projects(on: server).count == before)
        }
    }

    @Test("cost-benefit: citizens' and businesses' hours are priced and split; the criterion uses them and the municipality's horizon")
    func costBenefitAndCriterion() async throws {
        try await withServer { server in
            let municipality = try await Fixtures.musterstadt(on: server)
            let context = try await PrioritizationFixtures.context(municipality, email: Fixtures.strategyTeam, on: server.db)
            _ = try await PrioritizationFixtures.catalog(context, on: server.db)
            let unit = try #require(try await Department.query(on: server.db).filter(\.$municipality.$id == municipality.requireID()).sort(\.$code).first())
            // 100.000 € one-off in the first year, no end date: savings from the second year. Staff 200 h × 60 € = 12.000 €,
            // citizens 400 h × 25 € = 10.000 €, businesses 100 h × 40 € = 4.000 €: 26.000 € a year.
            let first = CostBenefitFixtures.firstYear
            let project = try await PortfolioService(db: server.db, context: context).create(ProjectInput(
                title: "Split-Probe", departmentID: try unit.requireID().uuidString, hoursSavedPerYear: "200",
                citizenHoursSavedPerYear: "400", businessHoursSavedPerYear: "100",
                costs: [CostLineInput(year: String(first), oneOff: "100000", running: nil)]))
            let api = try await APIConformance(server: server)
            let team = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            let single = try await api.call(.GET, "/api/v1/cost-benefit/projects/{project}", ["project": try project.requireID().uuidString],
                                            token: team, expect: .ok).value()
            // Default horizon of 5 years: 4 years of savings.
            let split = single["project"]?["figures"]?["benefitSplit"]
            #expect(split?["staffCents"] == .number(4_800_000) && split?["citizenCents"] == .number(4_000_000)
                    && split?["businessCents"] == .number(1_600_000))
            #expect(single["project"]?["figures"]?["benefitCents"] == .number(10_400_000))
            #expect(single["project"]?["citizenHoursSavedPerYear"] == .number(400))

            let browser = server.client()
            try await browser.login(Fixtures.reader)
            let page = try await browser.get("/m/musterstadt/projects/\(try project.requireID())")
            #expect(page.body.contains("davon Bürgerinnen und Bürger") && page.body.contains("40.000 €"))
            let portfolio = try await browser.get("/m/musterstadt/cost-benefit")
            #expect(portfolio.body.contains("davon Unternehmen"))

            // Criterion: 26.000 € × 5 = 130.000 € against 100.000 €: 1,3 → level 2; staff hours alone would give
            // 60.000 € → 0,6 → level 1. With a 10-year horizon: 260.000 € → 2,6 → level 3.
            let value = try await PrioritizationFixtures.costBenefitLevel(of: project, round: "Split-Runde", context: context, on: server.db)
            #expect(try await value() == 2)
            var settings = EconomicSettings.defaults
            settings.horizonYears = 10
            try await EconomicSettingsService(db: server.db, context: context).save(settings)
            #expect(try await value() == 3)
            settings.citizenHourlyRateCents = 0
            settings.businessHourlyRateCents = 0
            settings.horizonYears = 5
            try await EconomicSettingsService(db: server.db, context: context).save(settings)
            #expect(try await value() == 1)
        }
    }
}
