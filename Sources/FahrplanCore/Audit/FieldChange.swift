/// One changed field in the audit trail (Änderungsprotokoll): the value before and after.
public struct FieldChange: Codable, Equatable, Sendable {
    public var field: String
    public var old: String?
    public var new: String?

    public init(field: String, old: String?, new: String?) {
        self.field = field; self.old = old; self.new = new
    }

    /// The fields whose value differs between two snapshots, in the order of `fields`.
    public static func between(_ before: [String: String?], _ after: [String: String?], fields: [String]) -> [FieldChange] {
        fields.compactMap { field in
            let old = before[field] ?? nil
            let new = after[field] ?? nil
            return old == new ? nil : FieldChange(field: field, old: old, new: new)
        }
    }
}

/// What happened to an item.
public enum AuditAction: String, Codable, CaseIterable, Sendable {
    case create, update, archive, restore, move, delete
    case login, loginFailed, logout
    case grantRole, revokeRole
    case createToken, revokeToken
    case merge, importRows
    /// A prioritization step: a round opened, ratings submitted, a round closed, a decision recorded.
    case open, submit, close, decide
}
