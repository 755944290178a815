import Foundation

/// One recorded change of an item together with the edit version it produced (from the audit trail).
public struct VersionedChange: Equatable, Sendable {
    public var version: Int
    public var actor: String
    public var at: Date
    public var changes: [FieldChange]

    public init(version: Int, actor: String, at: Date, changes: [FieldChange]) {
        self.version = version; self.actor = actor; self.at = at; self.changes = changes
    }
}

/// A field that someone else changed after the refused form was loaded.
public struct ConflictingField: Equatable, Sendable {
    public var field: String
    /// The value the refused form was loaded with.
    public var base: String?
    /// The value stored now, saved by the other person.
    public var theirs: String?
    /// What the refused form posted for the field (nil when the form does not carry it).
    public var mine: String?
    /// Who saved the current value, and when (the last change of the field).
    public var changedBy: String
    public var changedAt: Date

    public init(field: String, base: String?, theirs: String?, mine: String?, changedBy: String, changedAt: Date) {
        self.field = field; self.base = base; self.theirs = theirs; self.mine = mine
        self.changedBy = changedBy; self.changedAt = changedAt
    }

    /// Both people changed the field, to different values: only a person can merge that.
    public var changedByBoth: Bool { mine != base && mine != theirs }
}

/// What the other people saved while a form was open: the base of the merge a refused save asks for.
public enum EditConflict {
    /// The fields (in the order of `fields`) whose stored value differs from the value at `baseVersion`.
    /// `current` is the stored state now; `history` the recorded changes of the item (any order), of which those
    /// after `baseVersion` are walked back to find each field's value at the base. A field changed and changed
    /// back is no difference. `mine` is the refused input, keyed like `current`.
    public static func fields(_ fields: [String], baseVersion: Int, current: [String: String?], history: [VersionedChange],
                              mine: [String: String?]) -> [ConflictingField] {
        let later = history.filter { $0.version > baseVersion }.sorted { $0.version < $1.version }
        return fields.compactMap { field in
            let touching = later.filter { change in change.changes.contains { $0.field == field } }
            guard let first = touching.first, let last = touching.last,
                  let base = first.changes.first(where: { $0.field == field }) else { return nil }
            let theirs = current[field] ?? nil
            guard base.old != theirs else { return nil }
            return ConflictingField(field: field, base: base.old, theirs: theirs, mine: mine[field] ?? nil,
                                    changedBy: last.actor, changedAt: last.at)
        }
    }

    /// The newest change after `baseVersion`: who saved last and when, named even when no single field differs
    /// any more (e.g. a value changed and changed back).
    public static func latest(after baseVersion: Int, in history: [VersionedChange]) -> VersionedChange? {
        history.filter { $0.version > baseVersion }.max { $0.version < $1.version }
    }

    /// Parses an HTTP `If-Match` value into the edit version it names: `"7"` or `*` (any version). If-Match
    /// compares strongly (RFC 9110), so a weak tag `W/"7"` matches nothing, like any other unknown tag.
    public static func version(ifMatch raw: String) -> IfMatch {
        let value = raw.trimmingCharacters(in: .whitespaces)
        if value == "*" { return .any }
        let tag = Substring(value)
        guard tag.count >= 3, tag.first == "\"", tag.last == "\"",
              let version = Int(tag.dropFirst().dropLast()), version > 0 else { return .invalid }
        return .version(version)
    }

    public enum IfMatch: Equatable, Sendable {
        case version(Int)
        case any
        case invalid
    }

    /// The strong entity tag of an edit version, as `ETag` carries it.
    public static func entityTag(_ version: Int) -> String { "\"\(version)\"" }
}
