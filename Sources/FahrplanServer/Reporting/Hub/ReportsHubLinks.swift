import Fluent
import Vapor

/// The hub's links to the other reporting parts: the newsletter, the strategy versions and the transparency portal
/// (its settings for the strategy team; for everyone else the public portal, once it is published).
enum ReportsHubLinks {
    static func more(_ context: MunicipalityContext, req: Request) async throws -> [ReportsHubController.Entry] {
        let slug = context.municipality.slug
        var entries = [
            ReportsHubController.Entry(id: "report-newsletter-link", title: req.t("report.hub.newsletter"), text: req.t("report.hub.newsletterText"),
                                       url: SiteURL.municipality(slug, .newsletters()).path),
            ReportsHubController.Entry(id: "report-versions-link", title: req.t("versions.title"), text: req.t("versions.intro"),
                                       url: SiteURL.municipality(slug, .strategyVersions()).path)]
        if context.permissions.canEditFrame {
            entries.append(.init(id: "report-portal-link", title: req.t("portal.settings.title"), text: req.t("portal.settings.intro"),
                                 url: SiteURL.municipality(slug, .portalSettings()).path))
        } else if try await PortalSettingsRecord.query(on: req.db).filter(\.$municipality.$id == context.municipalityID)
                    .filter(\.$published == true).count() > 0 {
            entries.append(.init(id: "report-portal-link", title: req.t("portal.settings.title"), text: req.t("portal.settings.intro"),
                                 url: SiteURL.portal(slug).path))
        }
        return entries
    }
}
