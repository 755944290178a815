import FahrplanCore
import Fluent
import Foundation
import Vapor

/// The duplicate-detection index of one municipality's active projects, rebuilt when the municipality's
/// version changes (every audited change bumps it). Per process, like the strategy snapshot.
final class SimilarityIndexCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [UUID: (version: Int, index: SimilarityIndex<UUID>)] = [:]

    func index(for context: MunicipalityContext, on db: any Database) async throws -> SimilarityIndex<UUID> {
        let version = context.municipality.frameVersion
        if let cached = lock.withLock({ entries[context.municipalityID] }), cached.version == version { return cached.index }
        let projects = try await Project.query(on: db).filter(\.$municipality.$id == context.municipalityID)
            .filter(\.$archivedAt == nil)
            .field(\.$id).field(\.$title).field(\.$summary).field(\.$description).field(\.$tags).all()
        let index = SimilarityIndex(documents: projects.map(Self.document))
        lock.withLock {
            if (entries[context.municipalityID]?.version ?? Int.min) <= version { entries[context.municipalityID] = (version, index) }
        }
        return index
    }

    static func document(_ project: Project) -> SimilarityIndex<UUID>.Document {
        .init(id: project.id ?? UUID(), title: project.title, summary: project.summary ?? "",
              description: project.description ?? "", tags: project.tagList)
    }
}

extension Application {
    private struct SimilarityIndexCacheKey: StorageKey { typealias Value = SimilarityIndexCache }

    var similarityIndexes: SimilarityIndexCache {
        if let cache = storage[SimilarityIndexCacheKey.self] { return cache }
        let cache = SimilarityIndexCache()
        storage[SimilarityIndexCacheKey.self] = cache
        return cache
    }
}

/// Similar projects for a profile being entered or viewed, and the likely duplicate pairs of the portfolio.
struct PortfolioSimilarity {
    var req: Request
    var context: MunicipalityContext

    func matches(for document: SimilarityIndex<UUID>.Document, limit: Int, excluding: Set<UUID> = []) async throws -> [SimilarityIndex<UUID>.Match] {
        let index = try await req.application.similarityIndexes.index(for: context, on: req.db)
        return index.candidates(for: document, limit: limit, excluding: excluding)
    }

    func similar(to project: Project, limit: Int) async throws -> [SimilarRow] {
        let matches = try await matches(for: SimilarityIndexCache.document(project), limit: limit)
        return try await rows(matches)
    }

    func rows(_ matches: [SimilarityIndex<UUID>.Match]) async throws -> [SimilarRow] {
        guard !matches.isEmpty else { return [] }
        let projects = try await Project.query(on: req.db).filter(\.$id ~~ matches.map(\.id)).summaries()
        let snapshot = try await req.application.strategySnapshots.snapshot(for: context, on: req.db)
        let rows = try await PortfolioRows(req: req, context: context, snapshot: snapshot).rows(projects)
        let byID = Dictionary(rows.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return matches.compactMap { match in byID[match.id.uuidString].map { SimilarRow(row: $0, percent: Int((match.score * 100).rounded())) } }
    }

    func pairs(limit: Int) async throws -> [SimilarityIndex<UUID>.Pair] {
        try await req.application.similarityIndexes.index(for: context, on: req.db).likelyPairs(limit: limit)
    }
}

/// Builds list rows for projects: department, fields of action, totals.
struct PortfolioRows {
    var req: Request
    var context: MunicipalityContext
    var snapshot: StrategySnapshot

    func rows(_ projects: [Project]) async throws -> [ProjectRow] {
        try await rows(projects.map(ProjectSummary.init))
    }

    func rows(_ projects: [ProjectSummary]) async throws -> [ProjectRow] {
        guard !projects.isEmpty else { return [] }
        let unitCodes = try await DepartmentDirectory(db: req.db, municipalityID: context.municipalityID).codes()
        let fields = try await fieldsOfAction(projects.map(\.id))
        let slug = context.municipality.slug
        let lang = req.language
        return projects.map { project in
            ProjectRow(id: project.id.uuidString, code: project.code, title: project.title,
                       url: SiteURL.municipality(slug, .project(.value(project.id))).path, status: project.status,
                       statusLabel: PortfolioDisplay.status(project.projectStatus, lang),
                       department: project.departmentID.flatMap { unitCodes[$0] },
                       fields: (fields[project.id] ?? []).map { $0.code ?? $0.title },
                       oneOff: PortfolioDisplay.euros(project.totalOneOffCents, lang),
                       fte: PortfolioDisplay.fte(project.totalFTEHundredths, lang),
                       archived: project.archivedAt != nil)
        }
    }

    /// The fields of action each project serves, directly or through a goal or program.
    func fieldsOfAction(_ projectIDs: [UUID]) async throws -> [UUID: [StrategySnapshot.Element]] {
        var result: [UUID: [StrategySnapshot.Element]] = [:]
        for chunk in projectIDs.chunked(into: 400) {
            let links = try await ProjectStrategyLink.query(on: req.db).filter(\.$project.$id ~~ Array(chunk))
                .field(\.$project.$id).field(\.$element.$id).rows()
            for link in links {
                let link = link.schema(ProjectStrategyLink.schema)
                let projectID = try link.decode("project_id", as: UUID.self)
                guard let field = snapshot.fieldOfAction(of: try link.decode("element_id", as: UUID.self)) else { continue }
                if !(result[projectID]?.contains { $0.id == field.id } ?? false) { result[projectID, default: []].append(field) }
            }
        }
        return result.mapValues { $0.sorted { ($0.position, $0.title) < ($1.position, $1.title) } }
    }
}
