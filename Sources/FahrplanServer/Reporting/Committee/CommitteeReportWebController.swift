import FahrplanCore
import Foundation
import Vapor

/// The committee report's pages: `/m/:m/reports/committee` (period form and the report), `…/print` (A4 print
/// view without navigation, `report-print.css`) and `…/docx` (the Word file for the council's document system).
/// `?from=&to=` choose the period (default: this year up to today); a bad period shows the form with the problem
/// named at its field (422) instead of a report.
struct CommitteeReportWebController {
    func register(on routes: any RoutesBuilder) {
        let pages = routes.municipalityPages
        pages.get(.reports(.committee), use: page)
        pages.get(.reports(.committeePrint), use: printView)
        pages.get(.reports(.committeeDOCX), use: docx)
    }

    struct PeriodQuery: Content {
        var from: String?
        var to: String?
        /// `full`: every project in progress listed (page, print view, DOCX); anything else: the summary.
        var detail: String?

        var level: CommitteeReportPageBuilder.Detail { detail == "full" ? .full : .summary }
    }

    /// The period asked for, or the problems with it.
    private func period(_ req: Request, _ context: MunicipalityContext) -> (PeriodQuery, Result<UpdatePeriod, FahrplanError>) {
        let query = (try? req.query.decode(PeriodQuery.self)) ?? PeriodQuery()
        do {
            return (query, .success(try CommitteeReportService.period(from: query.from, to: query.to, today: context.calendar.today)))
        } catch let error as FahrplanError {
            return (query, .failure(error))
        } catch {
            return (query, .failure(.invalid([FieldProblem("from", .invalidDate)])))
        }
    }

    private func load(_ req: Request) async throws -> (MunicipalityContext, PeriodQuery, CommitteeReport?, [FieldProblem]) {
        let context = try await req.municipalityContext()
        try context.require(context.permissions.canRead)
        let (query, result) = period(req, context)
        switch result {
        case .success(let period):
            let report = try await CommitteeReportService(db: req.db, context: context).report(period)
            return (context, query, report, [])
        case .failure(.invalid(let problems)):
            return (context, query, nil, problems)
        case .failure(let error):
            throw error
        }
    }

    func page(_ req: Request) async throws -> Response {
        let (context, query, report, problems) = try await load(req)
        let builder = CommitteeReportPageBuilder(req: req, context: context)
        let shown = report?.period ?? CommitteeReportService.defaultPeriod(today: context.calendar.today)
        let page = builder.page(chrome: context.chrome(req, title: req.t("report.committee.title"), section: "reports"),
                                from: query.from ?? builder.day(shown.start)!, to: query.to ?? builder.day(shown.end)!,
                                report: report, problems: problems, detail: query.level)
        return try await req.view.render("reports/committee", page).response(problems.isEmpty ? .ok : .unprocessableEntity, for: req)
    }

    func printView(_ req: Request) async throws -> Response {
        let (context, query, report, problems) = try await load(req)
        guard let report else { return try await page(req) }
        let builder = CommitteeReportPageBuilder(req: req, context: context)
        let page = builder.page(chrome: context.chrome(req, title: req.t("report.committee.title"), section: "reports"),
                                from: report.period.start.iso, to: report.period.end.iso, report: report, problems: problems,
                                detail: query.level)
        return try await req.view.render("reports/committee-print", page).response(.ok, for: req)
    }

    func docx(_ req: Request) async throws -> Response {
        let (context, query, report, _) = try await load(req)
        guard let report else { return try await page(req) }
        let english = req.language != .de, full = query.level == .full
        let service = CommitteeReportService(db: req.db, context: context)
        let data = try await req.offloaded { try service.docx(report, english: english, full: full) }
        return ImportResponses.download(data, contentType: CommitteeReportService.docxContentType,
                                        fileName: CommitteeReportService.fileName(slug: context.municipality.slug, period: report.period,
                                                                                  english: english))
    }
}
