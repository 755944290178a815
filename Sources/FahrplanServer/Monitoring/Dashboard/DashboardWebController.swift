import FahrplanCore
import Vapor

/// The strategy team's monitoring dashboard, `GET /m/:municipality/monitoring`. Every member may read it (see
/// `Strings.monitoringDashboardTable` for why); the section on late updates only the strategy team sees.
struct DashboardWebController {
    func register(on routes: any RoutesBuilder) {
        routes.municipalityPages.get(.monitoring(), use: show)
    }

    func show(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        // Computing the dashboard reads every project, report, milestone and measurement (~200 ms for 2,000
        // projects): the content is cached per municipality data state (`frame_version`, bumped with every recorded
        // change), day, language and the viewer's sections; the frame with the personal navigation is rendered each time.
        let slot = ["monitoring-dashboard", context.municipalityID.uuidString, req.language.rawValue,
                    String(context.permissions.canManageUpdateCycles), context.permissions.canEditFrame ? "settings" : "-"].joined(separator: "|")
        let version = context.cacheKey(context.calendar.today.description)
        let content = try await req.application.renderedCache.value(slot: slot, version: version) {
            try await req.view.render("monitoring/dashboard-content", DashboardPageBuilder(req: req, context: context).page()).data
        }
        let frame = try await req.view.render("monitoring/dashboard", DashboardFrame(
            chrome: context.chrome(req, title: req.t("dash.title"), section: "monitoring"), contentHTML: DashboardFrame.contentMarker))
        return View(data: try frame.data.replacingFirst(DashboardFrame.contentMarker, with: content))
    }
}
