extension Strings {
    /// Texts of the call pages.
    static let callTable: [String: (String, String)] = [
        "call.placeholder": ("", ""),
    ]
}
