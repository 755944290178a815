import FahrplanCore
import Foundation

/// Issue 18's reporting targets on the pure parts: the committee report over 2,000 projects and 200 KPIs
/// (assembly well under 100 ms; the whole report rendered under 500 ms — here: assembly plus the DOCX), the diff of
/// two strategy versions with 2,000 projects (under 200 ms) and their JSON form. Deterministic inputs
/// (`ReportingSample`); 30 runs each. `reporting-docx PATH` writes the sample report as DOCX for LibreOffice.
enum ReportingBenchmark {
    static let projects = 2_000
    static let kpis = 200
    static let runs = 30

    static func run() throws {
        let input = ReportingSample.committee(projects: projects, kpis: kpis)
        var committee = CommitteeReport.assemble(input)
        let info = ReportDocumentInfo(municipality: "Musterstadt", createdOn: CalendarDay(year: 2026, month: 7, day: 15)!)
        var docx = try CommitteeReportDOCX.data(committee, info: info)
        let (old, new) = ReportingSample.versions(projects: projects)
        var diff = try StrategyVersionDiff.compare(from: old, to: new)
        var json = try new.encoded()
        print("reporting.projects", projects, "kpis", kpis, "listed", committee.implementedCount + committee.inProgressCount + committee.plannedCount)

        var assemble: [Double] = [], write: [Double] = [], compare: [Double] = [], roundTrip: [Double] = []
        let clock = ContinuousClock()
        for _ in 0..<runs {
            var start = clock.now
            committee = CommitteeReport.assemble(input)
            assemble.append(DuplicatesBenchmark.ms(clock.now - start))
            start = clock.now
            docx = try CommitteeReportDOCX.data(committee, info: info)
            write.append(DuplicatesBenchmark.ms(clock.now - start))
            start = clock.now
            diff = try StrategyVersionDiff.compare(from: old, to: new)
            compare.append(DuplicatesBenchmark.ms(clock.now - start))
            start = clock.now
            json = try new.encoded()
            _ = try StrategyVersion.decode(json)
            roundTrip.append(DuplicatesBenchmark.ms(clock.now - start))
        }
        report("assemble", assemble)
        report("docx", write)
        report("report_total", zip(assemble, write).map { $0 + $1 })
        report("diff", compare)
        report("version_json", roundTrip)
        print("reporting.runs", runs)
        print("reporting.docx_bytes", docx.count)
        print("reporting.version_json_bytes", json.count)
        print("reporting.diff", "added", diff.added.count, "removed", diff.removed.count, "changed", diff.changed.count,
              "reranked", diff.reranked.count)
    }

    /// Writes the 2,000-project sample report (German) to the path given; with `hostile`, titles, a field name,
    /// obstacles and decisions carry control characters, `]]>`, markup and direction marks.
    static func writeDOCX() throws {
        let arguments = CommandLine.arguments
        guard arguments.count > 2 else {
            FileHandle.standardError.write(Data("usage: fahrplan-bench reporting-docx PATH [hostile]\n".utf8))
            exit(2)
        }
        var input = ReportingSample.committee(projects: projects, kpis: kpis)
        var municipality = "Musterstadt"
        if arguments.count > 3 && arguments[3] == "hostile" {
            let evil = "A\u{0}B\u{1}C\u{B}D\u{C}E\u{1B}F\u{85}G\u{FFFE}H\u{FFFF}I ]]> <w:p>&amp;\"'<!-- x --> "
                + "\u{200F}عربى\u{200E} \u{202E}RTL\u{202C} 😀\tTab\nZeile"
            municipality = evil
            input.fields[0].name = evil
            for i in stride(from: 0, to: input.projects.count, by: 7) {
                input.projects[i].project.title = evil
                if !input.projects[i].reports.isEmpty { input.projects[i].reports[0].obstacles = evil }
            }
            for i in input.decisions.indices { input.decisions[i].summary = evil }
        }
        let report = CommitteeReport.assemble(input)
        let info = ReportDocumentInfo(municipality: municipality, createdOn: CalendarDay(year: 2026, month: 7, day: 15)!)
        try CommitteeReportDOCX.data(report, info: info).write(to: URL(fileURLWithPath: CommandLine.arguments[2]))
    }

    static func report(_ name: String, _ times: [Double]) {
        let sorted = times.sorted()
        print("reporting.\(name).mean_ms", String(format: "%.3f", sorted.reduce(0, +) / Double(sorted.count)))
        print("reporting.\(name).p50_ms", String(format: "%.3f", sorted[sorted.count / 2]))
        print("reporting.\(name).worst_ms", String(format: "%.3f", sorted.last!))
    }
}
