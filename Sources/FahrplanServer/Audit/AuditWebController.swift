import Fluent
import Vapor

/// The municipality's whole audit trail, for the strategy team.
struct AuditWebController {
    func register(on routes: any RoutesBuilder) {
        routes.municipalityPages.get(.audit, use: trail)
    }

    func trail(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        try context.require(context.permissions.canReadAudit)
        let before = req.query[String.self, at: "before"].flatMap { AuditQuery.isoFormatter.date(from: $0) }
        let entries = try await AuditQuery(db: req.db, municipalityID: context.municipalityID)
            .entries(for: nil, request: req, slug: context.municipality.slug, before: before)
        let older = entries.count == AuditQuery.pageSize ? entries.last.map { SiteURL.municipality(context.municipality.slug, .audit).path + "?before=" + $0.whenISO } : nil
        return try await req.view.render("audit/history", HistoryPage(
            chrome: context.chrome(req, title: req.t("audit.title"), section: "audit"),
            heading: "\(req.t("audit.title")): \(context.municipality.name)", backURL: nil, entries: entries, olderURL: older))
    }
}
