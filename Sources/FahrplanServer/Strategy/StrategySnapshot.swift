import FahrplanCore
import Fluent
import Foundation
import Vapor

/// A read-only copy of one municipality's strategy frame as plain values. Pages and API lists that only
/// read the frame use it instead of hydrating Fluent models on every request.
struct StrategySnapshot: Sendable {
    struct Element: Sendable {
        var id: UUID
        var kind: StrategyElementKind
        var code: String?
        var title: String
        var description: String?
        var targetStatement: String?
        var targetYear: Int?
        var parentID: UUID?
        var responsibleDepartmentID: UUID?
        var position: Int
        var archivedAt: Date?
        var createdAt: Date?
        var updatedAt: Date?

        init(_ model: StrategyElement) throws {
            id = try model.requireID()
            kind = model.elementKind
            code = model.code
            title = model.title
            description = model.description
            targetStatement = model.targetStatement
            targetYear = model.targetYear
            parentID = model.$parent.id
            responsibleDepartmentID = model.$responsibleDepartment.id
            position = model.position
            archivedAt = model.archivedAt
            createdAt = model.createdAt
            updatedAt = model.updatedAt
        }

        var label: String { [code, title].compactMap { $0 }.joined(separator: " ") }
    }

    let version: Int
    /// All elements, archived ones included, in display order (position, then title).
    let elements: [Element]
    /// The same elements by id; built once per snapshot, which is shared by every request until the next change.
    let byID: [UUID: Element]

    init(version: Int, elements: [Element]) {
        self.version = version
        self.elements = elements
        self.byID = Dictionary(elements.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Everything below an element in the frame (a field's goals and their programs).
    func descendants(of id: UUID) -> Set<UUID> {
        var result: Set<UUID> = []
        var frontier = [id]
        while let next = frontier.popLast() {
            for element in elements where element.parentID == next && !result.contains(element.id) {
                result.insert(element.id)
                frontier.append(element.id)
            }
        }
        return result
    }

    /// The field of action an element belongs to (itself, when it is one).
    func fieldOfAction(of id: UUID) -> Element? {
        var current = byID[id]
        while let element = current {
            if element.kind == .fieldOfAction { return element }
            current = element.parentID.flatMap { byID[$0] }
        }
        return nil
    }

    func elements(of kind: StrategyElementKind? = nil, includeArchived: Bool = false) -> [Element] {
        elements.filter { (kind == nil || $0.kind == kind) && (includeArchived || $0.archivedAt == nil) }
    }
}

/// Snapshots per municipality, valid while the municipality's `frame_version` is unchanged. Each process
/// keeps its own; the version read from the database on every request keeps them all correct, so the
/// cache is an optimisation only and never shared state.
final class StrategySnapshotCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [UUID: StrategySnapshot] = [:]

    func snapshot(for context: MunicipalityContext, on db: any Database) async throws -> StrategySnapshot {
        // The version comes from the context, read before the elements: a snapshot may then hold newer
        // data than its version says (and is rebuilt next time), never older.
        let version = context.municipality.frameVersion
        let cached = lock.withLock { entries[context.municipalityID] }
        if let cached, cached.version == version { return cached }
        let models = try await StrategyElement.query(on: db).filter(\.$municipality.$id == context.municipalityID)
            .sort(\.$position).sort(\.$title).all()
        let snapshot = StrategySnapshot(version: version, elements: try models.map(StrategySnapshot.Element.init))
        lock.withLock {
            if (entries[context.municipalityID]?.version ?? Int.min) <= version { entries[context.municipalityID] = snapshot }
        }
        return snapshot
    }
}

extension Application {
    private struct StrategySnapshotCacheKey: StorageKey { typealias Value = StrategySnapshotCache }

    /// Set once in `configure`, before the server accepts requests.
    var strategySnapshots: StrategySnapshotCache {
        get { storage[StrategySnapshotCacheKey.self] ?? StrategySnapshotCache() }
        set { storage[StrategySnapshotCacheKey.self] = newValue }
    }
}
