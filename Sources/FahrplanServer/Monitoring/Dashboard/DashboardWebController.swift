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
        let page = try await DashboardPageBuilder(req: req, context: context).page()
        return try await req.view.render("monitoring/dashboard", page)
    }
}
