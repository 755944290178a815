import FahrplanCore
import Vapor

extension HistoryPage {
    /// The change history of one item (or of an item and those merged into it): every page's "Verlauf" link
    /// leads here. The caller checks who may read it.
    static func render(_ req: Request, _ context: MunicipalityContext, ids: [UUID], label: String, section: String,
                       backURL: String) async throws -> View {
        let entries = try await AuditQuery(db: req.db, municipalityID: context.municipalityID)
            .entries(forAll: ids, request: req, slug: context.municipality.slug)
        let title = "\(req.t("action.history")): \(label)"
        return try await req.view.render("audit/history", HistoryPage(
            chrome: context.chrome(req, title: title, section: section), heading: title, backURL: backURL,
            entries: entries, olderURL: nil))
    }
}
