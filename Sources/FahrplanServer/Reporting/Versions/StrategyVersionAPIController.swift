import FahrplanCore
import Fluent
import Foundation
import Vapor

/// Strategy versions over JSON, through `StrategyVersionService`: the list, taking a version (strategy team, 201 with
/// `Location`), one version with its whole snapshot, the difference of two (`?from=&to=`, version ids; 422 naming the
/// parameter for a missing, unknown or another municipality's id and for the same version twice) and what changed
/// since the last version. Versions never change, so there is no PUT and no DELETE.
struct StrategyVersionAPIController {
    func register(on api: any RoutesBuilder) {
        let endpoints = api.apiEndpoints
        endpoints.get(.strategyVersions(), use: list)
        endpoints.post(.strategyVersions(), use: create)
        endpoints.get(.strategyVersions(.diff), use: diff)
        endpoints.get(.strategyVersions(.sinceLast), use: sinceLast)
        endpoints.get(.strategyVersion(.key), use: show)
    }

    private static func service(_ req: Request) async throws -> StrategyVersionService {
        StrategyVersionService(db: req.db, context: try await req.municipalityContext(), diffs: req.application.strategyVersionDiffs)
    }

    func list(_ req: Request) async throws -> ListDTO<StrategyVersionSummaryDTO> {
        try APIQuery(req).finish()
        return ListDTO(items: try await Self.service(req).list().map(StrategyVersionSummaryDTO.init))
    }

    func create(_ req: Request) async throws -> Response {
        let service = try await Self.service(req)
        try service.context.require(service.canCreate)
        let body = try req.content.decode(StrategyVersionWriteDTO.self)
        let record = try await Self.validated {
            try await service.create(StrategyVersionInput(name: body.name, adoptedOn: body.adoptedOn, adoptedBy: body.adoptedBy, note: body.note))
        }
        let response = try await StrategyVersionDTO(record, version: try service.version(of: record)).encodeResponse(status: .created, for: req)
        response.headers.replaceOrAdd(name: .location, value: APIURL.strategyVersion(.value(record.id)).path)
        return response
    }

    func show(_ req: Request) async throws -> StrategyVersionDTO {
        let service = try await Self.service(req)
        let record = try await service.record(req.parameters.get("version"))
        return try StrategyVersionDTO(record, version: try service.version(of: record))
    }

    func diff(_ req: Request) async throws -> StrategyVersionDiffDTO {
        var query = APIQuery(req)
        let from = query.raw("from"), to = query.raw("to")
        try query.finish()
        let service = try await Self.service(req)
        let comparison = try await Self.validated { try await service.compare(from: from, to: to) }
        return StrategyVersionDiffDTO(from: StrategyVersionRefDTO(comparison.from), to: StrategyVersionRefDTO(comparison.to),
                                      diff: comparison.diff)
    }

    func sinceLast(_ req: Request) async throws -> StrategyVersionSinceLastDTO {
        try APIQuery(req).finish()
        guard let since = try await Self.service(req).sinceLast() else {
            return StrategyVersionSinceLastDTO(since: nil, changes: nil, events: [], moreEvents: false)
        }
        return StrategyVersionSinceLastDTO(since: StrategyVersionRefDTO(since.version), changes: StrategyVersionChangesDTO(since.diff),
                                           events: try since.events.map(AuditEventDTO.init), moreEvents: since.moreEvents)
    }

    /// The core's validation failures as the API's 422 (problems by field).
    static func validated<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let failure as ValidationFailure {
            throw FahrplanError.invalid(failure.problems)
        }
    }
}

// MARK: DTOs

struct StrategyVersionWriteDTO: Content {
    var name: String?
    /// `2026-12-06` or `06.12.2026`; not after today.
    var adoptedOn: String?
    var adoptedBy: String?
    var note: String?
}

struct StrategyVersionSummaryDTO: Content {
    var id: UUID
    var number: Int
    var name: String
    var adoptedOn: String
    var adoptedBy: String?
    var note: String?
    var counts: Counts
    var takenBy: String
    var takenAt: Date

    struct Counts: Content {
        var elements, kpis, ranking, roadmap: Int
    }

    init(_ summary: StrategyVersionSummary) {
        id = summary.id; number = summary.number; name = summary.name; adoptedOn = summary.adoptedOn.iso
        adoptedBy = summary.adoptedBy; note = summary.note; takenBy = summary.createdByName; takenAt = summary.takenAt
        counts = Counts(elements: summary.elementCount, kpis: summary.kpiCount, ranking: summary.rankingCount, roadmap: summary.roadmapCount)
    }
}

/// A version with its whole snapshot (`StrategyVersion`'s JSON form: vision, elements, kpis, ranking, roadmap).
struct StrategyVersionDTO: Content {
    var id: UUID
    var number: Int
    var name: String
    var adoptedOn: String
    var adoptedBy: String?
    var note: String?
    var takenBy: String
    var takenAt: Date
    var snapshot: StrategyVersion

    init(_ record: StrategyVersionRecord, version: StrategyVersion) throws {
        id = try record.requireID(); number = record.number; name = record.name; adoptedOn = record.adoptedOn
        adoptedBy = record.adoptedBy; note = record.note; takenBy = record.createdByName; takenAt = record.takenAt
        snapshot = version
    }
}

struct StrategyVersionRefDTO: Content {
    var id: UUID
    var number: Int
    var name: String
    var adoptedOn: String

    init(_ record: StrategyVersionRecord) {
        id = record.id ?? UUID(); number = record.number; name = record.name; adoptedOn = record.adoptedOn
    }
}

struct StrategyVersionChangesDTO: Content {
    struct Item: Content {
        var section: String
        var id: String
        var label: String
    }

    struct Change: Content {
        var section: String
        var id: String
        var label: String
        var fields: [FieldChange]
    }

    struct Rerank: Content {
        var projectId: String
        var label: String
        var oldPosition: Int
        var newPosition: Int
    }

    var added: [Item]
    var removed: [Item]
    var changed: [Change]
    var reranked: [Rerank]

    init(_ diff: StrategyVersionDiff) {
        added = diff.added.map { Item(section: $0.section.rawValue, id: $0.id, label: $0.label) }
        removed = diff.removed.map { Item(section: $0.section.rawValue, id: $0.id, label: $0.label) }
        changed = diff.changed.map { Change(section: $0.section.rawValue, id: $0.id, label: $0.label, fields: $0.fields) }
        reranked = diff.reranked.map { Rerank(projectId: $0.projectID, label: $0.label, oldPosition: $0.oldPosition, newPosition: $0.newPosition) }
    }
}

struct StrategyVersionDiffDTO: Content {
    var from: StrategyVersionRefDTO
    var to: StrategyVersionRefDTO
    var added: [StrategyVersionChangesDTO.Item]
    var removed: [StrategyVersionChangesDTO.Item]
    var changed: [StrategyVersionChangesDTO.Change]
    var reranked: [StrategyVersionChangesDTO.Rerank]

    init(from: StrategyVersionRefDTO, to: StrategyVersionRefDTO, diff: StrategyVersionDiff) {
        self.from = from; self.to = to
        let changes = StrategyVersionChangesDTO(diff)
        added = changes.added; removed = changes.removed; changed = changes.changed; reranked = changes.reranked
    }
}

struct StrategyVersionSinceLastDTO: Content {
    /// The last version; null when none was taken yet.
    var since: StrategyVersionRefDTO?
    /// Its difference to the strategy as it stands now.
    var changes: StrategyVersionChangesDTO?
    /// Audit trail entries after the version was taken, newest first (at most 500).
    var events: [AuditEventDTO]
    var moreEvents: Bool
}
