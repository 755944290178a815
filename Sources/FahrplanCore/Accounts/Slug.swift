import Foundation

/// A municipality's URL name (e.g. `musterstadt` in `/m/musterstadt`).
public enum Slug {
    public static let maxLength = 63
    /// Names the application itself uses at the top level of a municipality's URL space are not allowed.
    public static let reserved: Set<String> = ["admin", "api", "static", "login", "logout", "account", "new"]

    public static func isValid(_ slug: String) -> Bool {
        guard (2...maxLength).contains(slug.count), !reserved.contains(slug) else { return false }
        guard let first = slug.first, first.isLetter, slug.last != "-" else { return false }
        return slug.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// Suggests a slug from a name: "Bad Münstereifel" → "bad-muenstereifel".
    public static func suggest(from name: String) -> String {
        let folded = name.lowercased()
            .replacingOccurrences(of: "ä", with: "ae").replacingOccurrences(of: "ö", with: "oe")
            .replacingOccurrences(of: "ü", with: "ue").replacingOccurrences(of: "ß", with: "ss")
        var result = ""
        for character in folded {
            if character.isASCII, ("a"..."z").contains(character) || ("0"..."9").contains(character) {
                result.append(character)
            } else if !result.isEmpty, result.last != "-" {
                result.append("-")
            }
        }
        result = String(result.prefix(maxLength))
        while result.last == "-" { result.removeLast() }
        return result
    }
}

public enum EmailAddress {
    /// Deliberately loose: one @, something on both sides, a dot in the domain, no spaces.
    public static func isPlausible(_ email: String) -> Bool {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), email.count <= 254 else { return false }
        return !email.contains(where: { $0.isWhitespace }) && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".")
    }

    public static func normalize(_ email: String) -> String {
        email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }
}
