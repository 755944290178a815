import Vapor

/// The hub's links to the other reporting parts: the newsletter and the strategy versions (the portal settings
/// join once the portal is in).
enum ReportsHubLinks {
    static func more(slug: String, req: Request) -> [ReportsHubController.Entry] {
        [ReportsHubController.Entry(id: "report-newsletter-link", title: req.t("report.hub.newsletter"), text: req.t("report.hub.newsletterText"),
                                    url: SiteURL.municipality(slug, .newsletters()).path),
         ReportsHubController.Entry(id: "report-versions-link", title: req.t("versions.title"), text: req.t("versions.intro"),
                                    url: SiteURL.municipality(slug, .strategyVersions()).path)]
    }
}
