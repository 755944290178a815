import Foundation

/// What a new password must satisfy (ASVS 5.0 V6.2): long enough, not a commonly used one, and not longer
/// than the hash reads — bcrypt silently ignores everything past 72 bytes, so such a password is refused
/// rather than cut.
public struct PasswordPolicy: Sendable {
    public static let minimumLength = 12
    public static let maximumBytes = 72

    /// Lower-cased common passwords.
    public var commonPasswords: Set<String>

    public init(commonPasswords: Set<String> = []) {
        self.commonPasswords = commonPasswords
    }

    /// Reads a list of common passwords, one a line; blank lines and lines starting with `#` are skipped.
    public init(commonPasswordList text: String) {
        var entries = Set<String>()
        for line in text.split(whereSeparator: \.isNewline) {
            let entry = line.trimmingCharacters(in: .whitespaces).lowercased()
            if !entry.isEmpty, !entry.hasPrefix("#") { entries.insert(entry) }
        }
        self.init(commonPasswords: entries)
    }

    /// The problems of `password` as a new password; empty when it is acceptable.
    public func problems(_ password: String) -> [FieldProblem.Kind] {
        var problems: [FieldProblem.Kind] = []
        if password.count < Self.minimumLength { problems.append(.tooShort(min: Self.minimumLength)) }
        if password.utf8.count > Self.maximumBytes { problems.append(.tooManyBytes(max: Self.maximumBytes)) }
        if commonPasswords.contains(password.lowercased()) { problems.append(.commonPassword) }
        return problems
    }
}
