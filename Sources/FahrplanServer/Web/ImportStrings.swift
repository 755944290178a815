extension Strings {
    /// Texts of the import pages.
    static let importTable: [String: (String, String)] = [
        "import.placeholder": ("", ""),
    ]
}
