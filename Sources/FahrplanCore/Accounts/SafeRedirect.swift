/// Where a person may be sent after logging in (`?next=`): only a path on this site. The check reads the
/// target the way a browser's URL parser will, because that is what decides where the browser goes:
/// it strips leading and trailing C0 controls and spaces, drops ASCII tab, LF and CR anywhere, and treats a
/// backslash like a slash. `"/\t/evil.example"` therefore means `"//evil.example"` — another host.
public enum SafeRedirect {
    /// Longer targets are not followed (no page of ours has such an address; a long one only hides tricks).
    public static let maxLength = 1_000

    /// The target as the browser will read it, when that is a path on this site; nil otherwise.
    /// Percent-escapes are left alone, as a browser leaves them (`/%2F%2Fevil` stays a path here).
    public static func sitePath(_ raw: String?) -> String? {
        guard let raw, raw.utf8.count <= maxLength else { return nil }
        var scalars = Array(raw.unicodeScalars)
        let strippable: (Unicode.Scalar) -> Bool = { $0.value <= 0x20 }
        while let first = scalars.first, strippable(first) { scalars.removeFirst() }
        while let last = scalars.last, strippable(last) { scalars.removeLast() }
        scalars.removeAll { $0 == "\t" || $0 == "\n" || $0 == "\r" }
        // What remains must be plain visible ASCII: a real target of ours arrives percent-encoded, and
        // anything else (spaces, controls, other scripts) is read differently by different clients.
        guard scalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else { return nil }
        let cleaned = String(String.UnicodeScalarView(scalars.map { $0 == "\\" ? "/" : $0 }))
        // One slash, then not a second: "//host" and "/\host" name another host; "https:" or "javascript:"
        // do not start with a slash at all.
        guard cleaned.hasPrefix("/"), !cleaned.hasPrefix("//") else { return nil }
        return cleaned
    }
}
