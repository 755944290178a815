extension Strings {
    /// Invitations: the members page and the page behind an invitation link.
    static let invitationTable: [String: (String, String)] = [
        "invitations.title": ("Einladung", "Invitation"),
        "invitations.open": ("Offene Einladungen", "Open invitations"),
        "invitations.tableCaption": ("Einladungen, die noch nicht angenommen sind", "Invitations not accepted yet"),
        "invitations.none": ("Keine offenen Einladungen.", "No open invitations."),
        "invitations.expires": ("Gültig bis", "Valid until"),
        "invitations.validUntil": ("Gültig bis:", "Valid until:"),
        "invitations.renew": ("Erneuern", "Renew"),
        "invitations.withdraw": ("Zurückziehen", "Withdraw"),
        "invitations.issued": ("Einladung erstellt für", "Invitation created for"),
        "invitations.link": ("Einladungslink (nur jetzt sichtbar, einmal verwendbar; bitte der Person selbst geben):",
                             "Invitation link (visible only now, good for one use; please give it to the person themselves):"),
        "invitations.to": ("Sie sind eingeladen zu", "You are invited to"),
        "invitations.currentOnlyIfAccount": ("nur wenn Sie schon ein Fahrplan-Konto haben", "only if you already have a Fahrplan account"),
        "invitations.currentHint": ("Haben Sie mit dieser E-Mail-Adresse schon ein Konto, geben Sie sein aktuelles Passwort an. Ihr Konto bekommt das neue Passwort; alle bisherigen Anmeldungen und API-Tokens enden.",
                                    "If you already have an account with this e-mail address, give its current password. Your account gets the new password; all earlier sign-ins and API tokens end."),
        "invitations.accept": ("Einladung annehmen", "Accept invitation"),
        "invitations.failed": ("Die Einladung konnte nicht angenommen werden. Prüfen Sie das aktuelle Passwort und gegebenenfalls den Code.",
                               "The invitation could not be accepted. Check the current password and, if your account has a second factor, the code."),
        "invitations.codeOnlyIfMFA": ("nur wenn Ihr Konto einen zweiten Faktor hat", "only if your account has a second factor"),
        "invitations.gone": ("Dieser Einladungslink ist nicht (mehr) gültig: abgelaufen, bereits verwendet oder zurückgezogen. Bitten Sie das Strategieteam um eine neue Einladung.",
                             "This invitation link is not valid (any more): expired, already used or withdrawn. Ask the strategy team for a new invitation."),
        "field.newPasswordRepeat": ("Neues Passwort wiederholen", "Repeat new password"),
    ]
}
