import FahrplanCore
import Fluent
import Foundation

/// The committee report (Bericht an den Digitalisierungsausschuss) of one municipality: the period as asked for
/// (or the default), the rows loaded by `CommitteeReportLoad`, assembled by the core; the page, the print view,
/// the DOCX download, the API and the CLI all go through here. Every member may read it.
struct CommitteeReportService {
    var db: any Database
    var context: MunicipalityContext

    /// The period from the form's or the query's `from` and `to` (ISO or German days). Neither given: the current
    /// year up to today. Only `from`: up to today; only `to`: from the first of January of that year. Problems
    /// name `from` and `to` (the core's `start` and `end`), an end before the start as `to`.
    static func period(from: String?, to: String?, today: CalendarDay) throws -> UpdatePeriod {
        let from = from?.nonBlank, to = to?.nonBlank
        var start = from, end = to
        if start == nil {
            let year = end.flatMap(CalendarDay.init(parsing:))?.year ?? today.year
            start = CalendarDay(year: year, month: 1, day: 1)?.iso
        }
        if end == nil { end = today.iso }
        do {
            return try ReportPeriod.validated(start: start, end: end)
        } catch let failure as ValidationFailure {
            throw FahrplanError.invalid(failure.problems.map { problem in
                FieldProblem(problem.field == "start" ? "from" : problem.field == "end" ? "to" : problem.field, problem.kind)
            })
        }
    }

    static func defaultPeriod(today: CalendarDay) -> UpdatePeriod {
        UpdatePeriod(start: CalendarDay(year: today.year, month: 1, day: 1) ?? today, end: today)
    }

    func report(_ period: UpdatePeriod) async throws -> CommitteeReport {
        try context.require(context.permissions.canRead)
        var input = try await CommitteeReportLoad.input(municipalityID: context.municipalityID, period: period,
                                                        calendar: context.calendar, on: db)
        input.versions = try await StrategyVersionService(db: db, context: context).list(adoptedFrom: period.start, to: period.end)
            .map { AdoptedVersion(id: $0.id, number: $0.number, name: $0.name, adoptedOn: $0.adoptedOn, adoptedBy: $0.adoptedBy, note: $0.note) }
        return CommitteeReport.assemble(input)
    }

    /// The Word file: the committee's summary, or with `full` every project in progress in its table.
    func docx(_ report: CommitteeReport, english: Bool, full: Bool = false) throws -> Data {
        try CommitteeReportDOCX.data(report, info: ReportDocumentInfo(municipality: context.municipality.name,
                                                                      createdOn: context.calendar.today, english: english),
                                     detail: full ? .full : .summary)
    }

    /// `ausschussbericht-musterstadt-2026-01-01-bis-2026-06-30.docx` (`committee-report-…-to-….docx` in English).
    static func fileName(slug: String, period: UpdatePeriod, english: Bool) -> String {
        english ? "committee-report-\(slug)-\(period.start.iso)-to-\(period.end.iso).docx"
                : "ausschussbericht-\(slug)-\(period.start.iso)-bis-\(period.end.iso).docx"
    }

    static let docxContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
}
