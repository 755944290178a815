import FahrplanCore
import Fluent
import Vapor

extension ProjectWebController {
    /// The portfolio grouped by field of action, as the strategy team bundles it; a project serving two
    /// fields appears in both, one without a field in its own column.
    func board(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        let filter = try req.query.decode(PortfolioFilter.self)
        let snapshot = try await req.application.strategySnapshots.snapshot(for: context, on: req.db)
        let projects = try await PortfolioListing(db: req.db, context: context, snapshot: snapshot).all(filter)
        let rowsBuilder = PortfolioRows(req: req, context: context, snapshot: snapshot)
        let rows = try await rowsBuilder.rows(projects)
        let fields = try await rowsBuilder.fieldsOfAction(projects.map(\.id))
        let slug = context.municipality.slug
        var columns: [ProjectBoardPage.Column] = []
        func column(id: String, title: String, url: String?, members: [(ProjectSummary, ProjectRow)]) -> ProjectBoardPage.Column {
            .init(id: id, title: title, url: url, count: members.count,
                  oneOff: PortfolioDisplay.euros(members.reduce(0) { $0 + $1.0.totalOneOffCents }, req.language),
                  rows: members.map(\.1))
        }
        let pairs = Array(zip(projects, rows))
        for field in snapshot.elements(of: .fieldOfAction) {
            let members = pairs.filter { fields[$0.0.id]?.contains { $0.id == field.id } ?? false }
            columns.append(column(id: field.code ?? field.id.uuidString, title: field.label,
                                  url: SiteURL.municipality(slug, .projects()).path + "?element=\(field.id.uuidString)", members: members))
        }
        columns.append(column(id: "none", title: req.t("projects.noField"), url: nil,
                              members: pairs.filter { (fields[$0.0.id] ?? []).isEmpty }))
        return try await req.view.render("projects/board", ProjectBoardPage(
            chrome: context.chrome(req, title: "\(req.t("projects.title")) – \(req.t("projects.board"))", section: "projects"),
            columns: columns, listURL: SiteURL.municipality(slug, .projects()).path))
    }

    /// Likely duplicate pairs across the whole portfolio, most similar first.
    func duplicates(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        try context.require(context.permissions.canManagePortfolio)
        let similarity = PortfolioSimilarity(req: req, context: context)
        let pairs = try await similarity.pairs(limit: 100)
        let ids = Array(Set(pairs.flatMap { [$0.a, $0.b] }))
        let projects = ids.isEmpty ? [] : try await Project.query(on: req.db).filter(\.$id ~~ ids).summaries()
        let snapshot = try await req.application.strategySnapshots.snapshot(for: context, on: req.db)
        let rows = try await PortfolioRows(req: req, context: context, snapshot: snapshot).rows(projects)
        let byID = Dictionary(rows.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let slug = context.municipality.slug
        return try await req.view.render("projects/duplicates", DuplicatePairsPage(
            chrome: context.chrome(req, title: req.t("projects.duplicates"), section: "projects"),
            pairs: pairs.compactMap { pair in
                guard let left = byID[pair.a.uuidString], let right = byID[pair.b.uuidString] else { return nil }
                return .init(left: left, right: right, percent: Int((pair.score * 100).rounded()),
                             mergeURL: SiteURL.municipality(slug, .project(.value(pair.b), .merge)).path(query: "target=\(pair.a.uuidString)"))
            },
            listURL: SiteURL.municipality(slug, .projects()).path,
            threshold: Int((SimilarityIndex<UUID>.defaultMinimumScore * 100).rounded())))
    }
}
