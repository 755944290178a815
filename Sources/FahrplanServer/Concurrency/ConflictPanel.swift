import FahrplanCore
import Fluent
import Vapor

/// What a refused (stale) form shows beside the person's own input: the fields someone else changed since the
/// form was loaded, with the value then, the value stored now, who saved it and when.
struct ConflictPanel: Encodable {
    struct Row: Encodable {
        var field: String
        var before: String
        var now: String
        var by: String
        var at: String
    }
    var rows: [Row]
    /// "Saved by … on …" for the newest change, also when no single field differs any more.
    var savedBy: String?
    var savedAt: String?

    /// Loads the item's versioned audit events after `baseVersion` and lets the core compare them with the
    /// stored state `current` (keyed like the item's audit fields).
    static func load(_ req: Request, municipalityID: UUID, entityID: UUID, baseVersion: Int, fields: [String],
                     current: [String: String?]) async throws -> ConflictPanel {
        let events = try await AuditEvent.query(on: req.db)
            .filter(\.$municipality.$id == municipalityID).filter(\.$entityID == entityID)
            .filter(\.$entityVersion > baseVersion).all()
        let history = events.compactMap { event in
            event.entityVersion.map { VersionedChange(version: $0, actor: event.actorName, at: event.occurredAt, changes: AuditTrail.changes(of: event)) }
        }
        let conflicts = EditConflict.fields(fields, baseVersion: baseVersion, current: current, history: history, mine: [:])
        let labels = try await AuditQuery(db: req.db, municipalityID: municipalityID).referenceLabels(from: req.application)
        func display(_ value: String?) -> String {
            guard let value, !value.isEmpty else { return "–" }
            return labels[value] ?? value
        }
        let latest = EditConflict.latest(after: baseVersion, in: history)
        return ConflictPanel(
            rows: conflicts.map {
                Row(field: Strings.fieldLabel($0.field, req.language), before: display($0.base), now: display($0.theirs),
                    by: $0.changedBy, at: req.formatted($0.changedAt))
            },
            savedBy: latest?.actor, savedAt: latest.map { req.formatted($0.at) })
    }
}

/// The version field every edit form posts: the version the form was loaded with.
enum FormVersion {
    /// A posted edit form must name its version; without it the save could silently undo someone's change.
    static func required(_ raw: Int?) throws -> Int {
        guard let raw else { throw ValidationFailure([FieldProblem("version", .required)]) }
        return raw
    }

    /// The problem a refused form shows at the top.
    static var staleProblem: [FieldProblem] { [FieldProblem("version", .staleEdit)] }
}

/// A posted edit form that carries the version it was loaded with.
protocol VersionedForm {
    var version: Int? { get set }
}

extension ConflictPanel {
    /// The answer to a stale save (409): the person's input stays, beside it what others saved since, and the form
    /// now carries the current version, so that saving the merged input succeeds.
    static func refusedEdit<PostedForm: VersionedForm>(
        _ req: Request, form: PostedForm, municipalityID: UUID, entityID: UUID, currentVersion: Int,
        fields: [String], current: [String: String?],
        render: (PostedForm, ConflictPanel) async throws -> View
    ) async throws -> Response {
        let conflict = try await load(req, municipalityID: municipalityID, entityID: entityID, baseVersion: form.version ?? 0,
                                      fields: fields, current: current)
        var form = form
        form.version = currentVersion
        return try await render(form, conflict).response(.conflict, for: req)
    }
}
