import Fluent
import Foundation

/// A municipality (Kommune) served by this installation. Everything else belongs to exactly one.
final class Municipality: Model, @unchecked Sendable {
    static let schema = "municipalities"

    @ID(key: .id) var id: UUID?
    @Field(key: "slug") var slug: String
    @Field(key: "name") var name: String
    /// "Stadt", "Gemeinde", "Landkreis" …
    @Field(key: "kind") var kind: String
    @Field(key: "vision_title") var visionTitle: String
    /// Markdown.
    @Field(key: "vision") var vision: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @OptionalField(key: "archived_at") var archivedAt: Date?
    /// Incremented by every audited change; see `StrategySnapshotCache`.
    @Field(key: "frame_version") var frameVersion: Int
    /// The strategy team requires every member to sign in with a second factor.
    @Field(key: "requires_mfa") var requiresMFA: Bool
    /// The vision's edit version (optimistic concurrency, `RowVersion`); absent only on a row created in this request.
    @OptionalField(key: "vision_version") var storedVisionVersion: Int?
    var visionVersion: Int { storedVisionVersion ?? 1 }

    init() {}

    init(id: UUID? = nil, slug: String, name: String, kind: String = "Stadt", visionTitle: String = "", vision: String = "") {
        self.id = id; self.slug = slug; self.name = name; self.kind = kind
        self.visionTitle = visionTitle; self.vision = vision; self.frameVersion = 0
        self.requiresMFA = false
    }

    var properties: [any AnyProperty] { [_id, _slug, _name, _kind, _visionTitle, _vision, _createdAt, _updatedAt, _archivedAt, _frameVersion, _requiresMFA, _storedVisionVersion] }
}
