import FahrplanCore
import Foundation
import Testing
import ZIPFoundation

/// The committee's summary: which projects in progress need attention (red, or worse than at the period's start),
/// the counts by light, the strategy versions adopted in the period, and the DOCX in summary and full form.
@Suite("Reporting: the committee report's summary and strategy versions")
struct CommitteeReportSummaryTests {
    typealias F = ReportingFixtures

    static func input() -> CommitteeReportInput {
        let period = UpdatePeriod(start: F.day("2026-01-01"), end: F.day("2026-06-30"))
        let projects = [
            // Red at the end: attention.
            F.project(1, "P-01", .inProgress, fields: ["f-verwaltung"], reports: [F.report("2026-05-01", .red)]),
            // Green before the period, yellow now: worse, attention.
            F.project(2, "P-02", .inProgress, fields: ["f-verwaltung"],
                      reports: [F.report("2025-12-01"), F.report("2026-04-01", budget: .yellow)]),
            // Yellow all along: counted only.
            F.project(3, "P-03", .inProgress, fields: ["f-verwaltung"],
                      reports: [F.report("2025-11-01", scope: .yellow), F.report("2026-03-01", scope: .yellow)]),
            // Red before, green now: better, counted only.
            F.project(4, "P-04", .inProgress, fields: ["f-verwaltung"],
                      reports: [F.report("2025-10-01", .red), F.report("2026-02-01")]),
            // No report: counted as such.
            F.project(5, "P-05", .inProgress, fields: ["f-verwaltung"]),
            // Yellow, first report within the period (nothing before to compare): counted only.
            F.project(6, "P-06", .inProgress, fields: ["f-bildung"], reports: [F.report("2026-06-01", .yellow)]),
            // Red only after the period's end: green at the end, counted only.
            F.project(7, "P-07", .inProgress, fields: ["f-bildung"],
                      reports: [F.report("2026-01-15", obstacles: "kleines Hindernis"), F.report("2026-07-02", .red)]),
        ]
        let versions = [
            AdoptedVersion(id: F.id(903), number: 3, name: "Fortschreibung 2027", adoptedOn: F.day("2026-07-01")),
            AdoptedVersion(id: F.id(902), number: 2, name: "Fortschreibung 2026", adoptedOn: F.day("2026-06-30"),
                           adoptedBy: "Rat", note: "mit Änderungen"),
            AdoptedVersion(id: F.id(901), number: 1, name: "Digitalstrategie", adoptedOn: F.day("2026-01-01")),
            AdoptedVersion(id: F.id(900), number: 0, name: "Entwurf", adoptedOn: F.day("2025-12-31")),
        ]
        return CommitteeReportInput(period: period, fields: F.fields, goals: F.goals, projects: projects, versions: versions)
    }

    @Test("red at the end or worse than at the start needs attention; yellow all along, better, none or too late is counted")
    func attention() {
        let report = CommitteeReport.assemble(Self.input())
        let verwaltung = report.sections[0], bildung = report.sections[1]
        #expect(verwaltung.attention.map(\.code) == ["P-01", "P-02"])
        #expect(verwaltung.inProgress.first { $0.code == "P-02" }?.overallAtStart == .green)
        #expect(verwaltung.inProgress.first { $0.code == "P-04" }?.overallAtStart == .red)
        #expect(verwaltung.inProgress.first { $0.code == "P-05" }?.overallAtStart == nil)
        var counts = CommitteeReport.LightCounts()
        counts.green = 1; counts.yellow = 2; counts.red = 1; counts.noReport = 1; counts.attention = 2
        #expect(verwaltung.lights == counts)
        #expect(verwaltung.lights.total == verwaltung.inProgress.count)
        #expect(bildung.attention.isEmpty)
        #expect(bildung.lights.yellow == 1 && bildung.lights.green == 1 && bildung.lights.attention == 0)
    }

    @Test("strategy versions adopted within the period (first and last day included), by number")
    func versions() {
        let report = CommitteeReport.assemble(Self.input())
        #expect(report.versions.map(\.number) == [1, 2])
        #expect(report.versions.last?.adoptedBy == "Rat" && report.versions.last?.note == "mit Änderungen")
        #expect(CommitteeReport.assemble(ReportingFixtures.committeeInput()).versions.isEmpty)
    }

    static func documentXML(_ data: Data) throws -> String {
        let archive = try Archive(data: data, accessMode: .read)
        let entry = try #require(archive["word/document.xml"])
        var xml = Data()
        _ = try archive.extract(entry) { xml.append($0) }
        return String(decoding: xml, as: UTF8.self)
    }

    @Test("the DOCX summary lists only the projects needing attention and counts the rest; full lists all; versions named")
    func docx() throws {
        let report = CommitteeReport.assemble(Self.input())
        let info = ReportDocumentInfo(municipality: "Musterstadt", createdOn: F.day("2026-07-01"))
        let summary = try Self.documentXML(try CommitteeReportDOCX.data(report, info: info, detail: .summary))
        #expect(summary.contains("P-01") && summary.contains("P-02"))
        #expect(!summary.contains("Projekt P-03") && !summary.contains("Projekt P-04"))
        #expect(summary.contains("5 in Umsetzung: 1 grün · 2 gelb · 1 rot · 1 ohne Statusbericht"))
        #expect(summary.contains("3 weitere Projekte in Umsetzung ohne Handlungsbedarf"))
        #expect(summary.contains("Im Zeitraum beschlossene Strategieversionen"))
        #expect(summary.contains("2. Fortschreibung 2026 – beschlossen am 30.06.2026 von Rat"))
        #expect(!summary.contains("Fortschreibung 2027") && !summary.contains("Entwurf"))
        // The obstacle of a project needing no attention (green light) is counted, not listed.
        #expect(!summary.contains("kleines Hindernis") && summary.contains("1 weitere Hindernisse"))
        let full = try Self.documentXML(try CommitteeReportDOCX.data(report, info: info, detail: .full))
        for code in ["P-01", "P-02", "P-03", "P-04", "P-05", "P-06", "P-07"] { #expect(full.contains("Projekt \(code)"), "full lacks \(code)") }
        #expect(full.contains("kleines Hindernis") && !full.contains("weitere Projekte in Umsetzung"))
        let english = try Self.documentXML(try CommitteeReportDOCX.data(report, info: ReportDocumentInfo(
            municipality: "Musterstadt", createdOn: F.day("2026-07-01"), english: true), detail: .summary))
        #expect(english.contains("Strategy versions adopted in the period") && english.contains("5 in progress: 1 green"))
    }
}
