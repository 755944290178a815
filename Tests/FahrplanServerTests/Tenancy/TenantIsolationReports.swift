import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import NIOHTTP1
import Testing

/// The reports' routes (`/m/:municipality/reports…`, `/api/v1/reports/committee`) take no ids: the walk
/// (TenantIsolationTests) points them at Nachbarstadt's slug by itself. Here: Nachbarstadt's project, status report
/// and decision (each carrying the marker) never reach Musterstadt's report — page, print view, API, DOCX — and
/// Nachbarstadt's report pages answer 404 to Musterstadt's team.
@Suite("Tenant isolation: committee report")
struct TenantIsolationReports {
    @Test("another municipality's projects, reports and decisions stay out of the committee report; its report pages are 404")
    func otherMunicipalityStaysOut() async throws {
        try await withServer { server in
            let f = try await CommitteeReportFixture.make(server)
            let other = try await Fixtures.otherMunicipality(on: server)
            let otherID = try other.municipality.requireID()
            let project = Project()
            project.id = UUID(); project.$municipality.id = otherID; project.code = "P-NB-1"
            project.title = "Projekt \(Fixtures.OtherMunicipality.marker)"; project.kind = ProjectKind.allCases[0].rawValue
            project.legalObligation = false; project.beneficiaries = "[]"; project.tags = "[]"; project.status = ProjectStatus.inProgress.rawValue
            project.searchText = ""; project.totalOneOffCents = 0; project.totalRunningCents = 0; project.totalFTEHundredths = 0
            try await project.create(on: server.db)
            try await ProjectStrategyLink(municipalityID: otherID, projectID: project.requireID(), elementID: other.goalID).create(on: server.db)
            try await ProjectStatusReport(municipalityID: otherID, projectID: project.requireID(), report: StatusReport(
                reportedOn: CalendarDay(iso: "2026-05-01")!, schedule: StatusLight(.red, reason: "Grund \(Fixtures.OtherMunicipality.marker)"),
                budget: StatusLight(.green), scope: StatusLight(.green), percentComplete: 10,
                obstacles: "Hindernis \(Fixtures.OtherMunicipality.marker)")).create(on: server.db)
            let decision = Decision()
            decision.id = UUID(); decision.$municipality.id = otherID; decision.kind = DecisionKind.startProject.rawValue
            decision.decidedBy = "Rat \(Fixtures.OtherMunicipality.marker)"; decision.decidedOn = "2026-05-02"
            decision.summary = "Beschluss \(Fixtures.OtherMunicipality.marker)"; decision.rationale = ""; decision.recordedByName = "Test"
            try await decision.create(on: server.db)

            let marker = Fixtures.OtherMunicipality.marker
            let browser = server.client()
            try await browser.login(Fixtures.strategyTeam)
            for path in ["/m/musterstadt/reports/committee?" + CommitteeReportFixture.period, "/m/musterstadt/reports/committee/print?" + CommitteeReportFixture.period,
                         "/m/musterstadt/reports"] {
                let page = try await browser.get(path)
                #expect(page.status == .ok, "\(path) answered \(page.status.code)")
                #expect(!page.body.contains(marker), "\(path) shows Nachbarstadt's data")
            }
            let json = try await browser.api(.GET, "/api/v1/reports/committee?" + CommitteeReportFixture.period, token: f.team)
            #expect(json.status == .ok)
            #expect(!json.body.contains(marker))
            let (_, _, docx) = try await CommitteeReportFixture.bytes(server, "/api/v1/reports/committee?format=docx&" + CommitteeReportFixture.period, token: f.team)
            #expect(!(try CommitteeReportFixture.documentXML(docx)).contains(marker))

            for path in ["/m/nachbarstadt/reports", "/m/nachbarstadt/reports/committee", "/m/nachbarstadt/reports/committee/print",
                         "/m/nachbarstadt/reports/committee/docx"] {
                let page = try await browser.get(path)
                #expect(page.status == .notFound, "\(path) answered \(page.status.code)")
                #expect(!page.body.contains(marker))
            }
            // Nachbarstadt's own team sees its own report, not Musterstadt's.
            let theirs = try await Fixtures.token(for: other.teamEmail, on: server, slug: "nachbarstadt")
            let report = try await browser.api(.GET, "/api/v1/reports/committee?" + CommitteeReportFixture.period, token: theirs)
            #expect(report.body.contains("Beschluss \(marker)"))
            #expect(!report.body.contains(f.running.code + "\""))
        }
    }
}
