import Vapor

/// The hub's links to the other reporting parts, each added here once its pages exist: the newsletter now;
/// strategy versions and the portal settings follow when their pages are in.
enum ReportsHubLinks {
    static func more(slug: String, req: Request) -> [ReportsHubController.Entry] {
        [ReportsHubController.Entry(id: "report-newsletter-link", title: req.t("report.hub.newsletter"), text: req.t("report.hub.newsletterText"),
                                    url: SiteURL.municipality(slug, .newsletters()).path)]
    }
}
