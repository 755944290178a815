extension Strings {
    /// A refused save because someone else saved the same item while the form was open (optimistic concurrency).
    static let concurrencyTable: [String: (String, String)] = [
        "field.version": ("Bearbeitungsstand", "Edit version"),
        "conflict.heading": ("Inzwischen geändert", "Changed in the meantime"),
        "conflict.intro": ("Ihre Eingaben wurden nicht gespeichert, sie stehen unverändert im Formular.",
                           "Your input was not saved; it is still in the form below."),
        "conflict.lastSaved": ("Zuletzt gespeichert von", "Last saved by"),
        "conflict.caption": ("Was andere geändert haben, seit Sie das Formular geöffnet haben",
                             "What others changed since you opened the form"),
        "conflict.field": ("Feld", "Field"),
        "conflict.before": ("Als Sie das Formular öffneten", "When you opened the form"),
        "conflict.now": ("Jetzt gespeichert", "Saved now"),
        "conflict.by": ("Geändert von, am", "Changed by, on"),
        "conflict.merge": ("Übernehmen Sie, was davon bleiben soll, in Ihre Eingaben und speichern Sie erneut.",
                           "Carry over into your input what should stay, then save again."),
    ]
}
