import FahrplanCore
import Fluent
import Vapor

/// The strategy team's monitoring settings page (`/m/:municipality/monitoring/settings`): after how many weeks
/// without a report a running project counts as stale, and the calendar feed's address with a button that
/// replaces its secret. Everyone else gets 403, also for reading: the page shows the feed's secret.
struct MonitoringSettingsController {
    func register(on routes: any RoutesBuilder) {
        let pages = routes.municipalityPages
        pages.get(.monitoringSettings(), use: show)
        pages.post(.monitoringSettings(), use: save)
        pages.post(.monitoringSettings(.calendarToken), use: rotate)
    }

    struct SettingsForm: Content {
        var staleAfterWeeks: String?
    }

    func show(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        try context.require(context.permissions.canEditFrame)
        let notice = req.query[String.self, at: "saved"] != nil ? req.t("monitoringSettings.saved")
            : req.query[String.self, at: "rotated"] != nil ? req.t("monitoringSettings.tokenRotated") : nil
        let service = MonitoringDashboardService(db: req.db, context: context)
        return try await render(req, context, weeks: String(try await service.staleness().weeks), notice: notice, problems: [])
    }

    func save(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        let service = MonitoringDashboardService(db: req.db, context: context)
        return try await req.handleForm(SettingsForm.self, permission: context.permissions.canEditFrame, perform: { form in
            try await service.saveStaleWeeks(form.staleAfterWeeks)
        }, onInvalid: { form, problems in
            try await render(req, context, weeks: form.staleAfterWeeks ?? "", notice: nil, problems: problems)
        }, success: { _ in
            SiteURL.municipality(context.municipality.slug, .monitoringSettings()).path(query: "saved=1")
        })
    }

    func rotate(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        try context.require(context.permissions.canEditFrame)
        _ = try await MonitoringDashboardService(db: req.db, context: context).rotateCalendarToken()
        return req.redirect(to: SiteURL.municipality(context.municipality.slug, .monitoringSettings()).path(query: "rotated=1") + "#calendar",
                            redirectType: .normal)
    }

    private func render(_ req: Request, _ context: MunicipalityContext, weeks: String, notice: String?,
                        problems: [FieldProblem]) async throws -> View {
        let slug = context.municipality.slug
        let settings = try await MonitoringDashboardService(db: req.db, context: context).settings()
        let (lines, byField) = req.problemLines(problems)
        let calendarURL = settings?.calendarToken.map {
            MembersController.absolute(SiteURL.municipality(slug, .calendarFeed).path(query: "token=\($0)"), req)
        }
        return try await req.view.render("monitoring/monitoring-settings", MonitoringSettingsView(
            chrome: context.chrome(req, title: req.t("monitoringSettings.title"), section: "monitoring"),
            notice: notice, staleAfterWeeks: weeks, action: SiteURL.municipality(slug, .monitoringSettings()).path,
            calendarURL: calendarURL, tokenAction: SiteURL.municipality(slug, .monitoringSettings(.calendarToken)).path,
            problems: lines, fieldErrors: byField))
    }
}
