import FahrplanCore
import Foundation
import Vapor

/// `/m/:m/reports`: where the municipality's reporting starts — the committee report, and the newsletter, the
/// strategy versions and the public portal's settings where those parts are there. Every member may read it.
struct ReportsHubController {
    func register(on routes: any RoutesBuilder) {
        routes.municipalityPages.get(.reports(), use: hub)
        CommitteeReportWebController().register(on: routes)
    }

    struct Entry: Encodable {
        var id: String
        var title: String
        var text: String
        var url: String
    }

    struct HubPage: Encodable {
        var chrome: Chrome
        var entries: [Entry]
    }

    func hub(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        try context.require(context.permissions.canRead)
        let slug = context.municipality.slug
        var entries = [Entry(id: "report-committee-link", title: req.t("report.committee.title"), text: req.t("report.hub.committee"),
                             url: SiteURL.municipality(slug, .reports(.committee)).path)]
        entries += try await ReportsHubLinks.more(context, req: req)
        return try await req.view.render("reports/hub", HubPage(
            chrome: context.chrome(req, title: req.t("report.hub.title"), section: "reports"), entries: entries))
    }
}
