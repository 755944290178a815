import FahrplanCore

/// The UI texts in German and English. Missing keys show up as the key itself, which the tests catch.
enum Strings {
    static func text(_ key: String, _ language: Language) -> String {
        guard let pair = table[key] else { return key }
        return language == .de ? pair.0 : pair.1
    }

    static func kindSingular(_ kind: StrategyElementKind, _ language: Language) -> String {
        text("kind.\(kind.rawValue)", language)
    }

    static func kindPlural(_ kind: StrategyElementKind, _ language: Language) -> String {
        text("kinds.\(kind.rawValue)", language)
    }

    static func problem(_ problem: FieldProblem, _ language: Language) -> String {
        let de = language == .de
        switch problem.kind {
        case .required: return de ? "Bitte ausfüllen." : "Please fill in."
        case .tooLong(let max): return de ? "Höchstens \(max) Zeichen." : "At most \(max) characters."
        case .tooShort(let min): return de ? "Mindestens \(min) Zeichen." : "At least \(min) characters."
        case .notANumber: return de ? "Bitte eine ganze Zahl eingeben." : "Please enter a whole number."
        case .outOfRange(let min, let max): return de ? "Bitte eine Zahl von \(min) bis \(max)." : "Please enter a number from \(min) to \(max)."
        case .invalidChoice: return de ? "Diese Auswahl ist nicht möglich." : "This choice is not possible."
        case .invalidSlug: return de ? "Nur Kleinbuchstaben a–z, Ziffern und Bindestriche, 2–63 Zeichen, beginnend mit einem Buchstaben." : "Only lowercase letters a–z, digits and hyphens, 2–63 characters, starting with a letter."
        case .invalidEmail: return de ? "Das ist keine gültige E-Mail-Adresse." : "This is not a valid e-mail address."
        case .alreadyTaken: return de ? "Dieser Wert ist bereits vergeben." : "This value is already taken."
        case .unknownReference: return de ? "Dieser Eintrag existiert nicht (mehr)." : "This entry does not exist (any more)."
        case .cycle: return de ? "Eine Einheit kann nicht unter sich selbst stehen." : "A unit cannot be placed below itself."
        case .controlCharacters: return de ? "Enthält unzulässige Steuerzeichen." : "Contains control characters that are not allowed."
        case .wrongKindOfParent: return de ? "Diese übergeordnete Ebene passt nicht." : "This parent is of the wrong kind."
        case .notADecimal: return de ? "Bitte eine Zahl eingeben, z. B. 1.234,56." : "Please enter a number, e.g. 1234.56."
        case .negative: return de ? "Negative Werte sind nicht zulässig." : "Negative values are not allowed."
        case .tooPrecise(let decimals): return de ? "Höchstens \(decimals) Nachkommastellen." : "At most \(decimals) decimal places."
        case .invalidDate: return de ? "Das ist kein gültiges Datum (TT.MM.JJJJ oder JJJJ-MM-TT)." : "This is not a valid date (DD.MM.YYYY or YYYY-MM-DD)."
        case .endBeforeStart: return de ? "Das Ende liegt vor dem Beginn." : "The end lies before the start."
        case .invalidBoolean: return de ? "Bitte „ja“ oder „nein“ angeben." : "Please give “yes” or “no”."
        case .tooMany(let max): return de ? "Höchstens \(max) Einträge." : "At most \(max) entries."
        case .duplicate: return de ? "Dieser Eintrag ist doppelt." : "This entry appears twice."
        case .effortOverLimit(let year): return de ? "Im Jahr \(year) mehr als 100 VZÄ – bitte prüfen." : "More than 100 FTE in \(year) – please check."
        case .dependencyCycle(let path): return de ? "Zirkuläre Abhängigkeit: \(path.joined(separator: " → "))." : "Circular dependency: \(path.joined(separator: " → "))."
        case .callClosed: return de ? "Diese Abfrage ist geschlossen und nimmt keine Projekte mehr an." : "This call for projects is closed and takes no more projects."
        case .formula: return de ? "Beginnt wie eine Tabellenformel (=, +, -, @) – Formeln werden aus Sicherheitsgründen nicht übernommen." : "Starts like a spreadsheet formula (=, +, -, @) – formulas are not imported, for safety."
        case .invalidTransition(let from, let to): return de ? "Der Statuswechsel von „\(ProjectStatus(rawValue: from)?.germanLabel ?? from)“ nach „\(ProjectStatus(rawValue: to)?.germanLabel ?? to)“ ist nicht vorgesehen." : "The status cannot change from “\(ProjectStatus(rawValue: from)?.englishLabel ?? from)” to “\(ProjectStatus(rawValue: to)?.englishLabel ?? to)”."
        case .invalidKey: return de ? "Nur Buchstaben, Ziffern, - und _, beginnend mit einem Buchstaben, höchstens 40 Zeichen." : "Only letters, digits, - and _, starting with a letter, at most 40 characters."
        case .scaleTooShort: return de ? "Eine Skala braucht mindestens zwei Stufen." : "A scale needs at least two levels."
        case .weightsSumToZero: return de ? "Die Gewichte ergeben zusammen 0 – mindestens ein Kriterium braucht ein Gewicht über 0." : "The weights add up to 0 – at least one criterion needs a weight above 0."
        case .comparedWithItself: return de ? "Ein Kriterium kann nicht mit sich selbst verglichen werden." : "A criterion cannot be compared with itself."
        case .notSaatyValue: return de ? "Bitte einen Wert der Saaty-Skala wählen (1/9 bis 9)." : "Please choose a value of Saaty's scale (1/9 to 9)."
        case .invalidMatrix(let reason): return de ? "Die Vergleichsmatrix ist nicht verwendbar: \(reason)" : "The comparison matrix cannot be used: \(reason)"
        case .noRaters: return de ? "Die Runde braucht mindestens eine bewertende Person." : "The round needs at least one rater."
        case .noProjects: return de ? "Die Runde braucht mindestens ein Projekt." : "The round needs at least one project."
        case .noCriteria: return de ? "Die Runde braucht mindestens ein Kriterium." : "The round needs at least one criterion."
        case .roundClosed: return de ? "Diese Runde ist abgeschlossen und ändert sich nicht mehr." : "This round is closed and does not change any more."
        case .missingRatings(let count):
            return de ? "Es \(count == 1 ? "fehlt noch 1 Wert" : "fehlen noch \(count) Werte") (Bewertung oder Angabe im Steckbrief) – bitte wählen, ob diese Projekte ausgeschlossen oder mit den vorhandenen Werten gereiht werden."
                      : "\(count == 1 ? "1 value is" : "\(count) values are") still missing (a rating or a figure in the profile) – please choose whether to exclude those projects or rank them with the values there are."
        case .commonPassword: return de ? "Dieses Passwort gehört zu den häufig verwendeten und ist leicht zu erraten – bitte ein anderes wählen." : "This password is among the commonly used ones and easy to guess – please choose another."
        case .tooManyBytes(let max): return de ? "Höchstens \(max) Byte (Umlaute zählen doppelt)." : "At most \(max) bytes (non-ASCII letters count double)."
        case .passwordsDiffer: return de ? "Die beiden Passwörter stimmen nicht überein." : "The two passwords do not match."
        case .wrongPassword: return de ? "Das Passwort stimmt nicht." : "The password is not correct."
        case .wrongCode: return de ? "Der Code stimmt nicht oder ist abgelaufen." : "The code is not correct or has expired."
        case .staleEdit: return de ? "Inzwischen hat jemand anderes diesen Eintrag gespeichert – bitte die Änderungen vergleichen." : "Someone else saved this item in the meantime – please compare the changes."
        case .notInImplementation(let status):
            let label = ProjectStatus(rawValue: status)?.label(english: !de) ?? status
            return de ? "Nur Projekte in Umsetzung erhalten Statusberichte und neue Meilensteine; dieses Projekt ist „\(label)“." : "Only projects in implementation get status reports and new milestones; this project is “\(label)”."
        case .doneBeforeCreated(let createdOn):
            let day = CalendarDay(iso: createdOn).map { de ? $0.german : $0.iso } ?? createdOn
            return de ? "Der Meilenstein kann nicht vor seiner Anlage (\(day)) erledigt worden sein." : "The milestone cannot have been done before it was created (\(day))."
        case .dateInFuture: return de ? "Das Datum liegt in der Zukunft – bitte ein Datum bis heute angeben." : "The date lies in the future – please give a date up to today."
        case .unitMismatch(let expected): return de ? "Die Einheit passt nicht: Diese Kennzahl wird in „\(expected)“ gemessen." : "The unit does not match: this KPI is measured in “\(expected)”."
        case .againstDirection: return de ? "Der Zielwert liegt auf der falschen Seite des Ausgangswerts für die gewählte Richtung (steigen/sinken)." : "The target lies on the wrong side of the baseline for the chosen direction (increase/decrease)."
        case .periodLocked(let from, let to): return de ? "Der Berichtszeitraum \(from) bis \(to) ist nach der Prüfung gesperrt – Angaben mit einem Datum darin ändern sich nicht mehr." : "The reporting period \(from) to \(to) is locked after its review – entries dated inside it no longer change."
        case .periodNotEnded: return de ? "Der Berichtszeitraum ist noch nicht zu Ende und kann erst danach gesperrt werden." : "The reporting period has not ended yet and can only be locked afterwards."
        }
    }

    static func fieldLabel(_ field: String, _ language: Language) -> String {
        // Line fields such as `costs[1].oneOff`: "Kosten, Zeile 2 – Einmalkosten".
        if let open = field.firstIndex(of: "["), let close = field.firstIndex(of: "]"), open < close,
           let index = Int(field[field.index(after: open)..<close]) {
            let base = String(field[..<open])
            let rest = field[field.index(after: close)...].drop { $0 == "." }
            let row = language == .de ? "Zeile" : "row"
            let part = rest.isEmpty ? "" : " – " + fieldLabel("\(base).\(rest)", language)
            return "\(fieldLabel(base, language)), \(row) \(index + 1)\(part)"
        }
        let key = "field.\(field)"
        return table[key] == nil ? field : text(key, language)
    }

    /// The strings of the shared pages (layout, errors, fields used everywhere); every capability adds its own table.
    static let baseTable: [String: (String, String)] = [
        "app.name": ("Fahrplan", "Fahrplan"),
        "app.tagline": ("Die Digitalstrategie Ihrer Kommune – geplant, priorisiert, umgesetzt.", "Your municipality's digital strategy – planned, prioritized, delivered."),
        "nav.skip": ("Zum Inhalt springen", "Skip to content"),
        "nav.main": ("Hauptnavigation", "Main navigation"),
        "nav.strategy": ("Strategie", "Strategy"),
        "nav.organisation": ("Organisation", "Organisation"),
        "nav.members": ("Mitglieder", "Members"),
        "nav.audit": ("Änderungsprotokoll", "Audit trail"),
        "nav.account": ("Mein Konto", "My account"),
        "nav.admin": ("Verwaltung", "Administration"),
        "nav.login": ("Anmelden", "Log in"),
        "nav.logout": ("Abmelden", "Log out"),
        "nav.language": ("Sprache", "Language"),
        "nav.breadcrumb": ("Brotkrumen", "Breadcrumb"),
        "nav.home": ("Start", "Home"),
        "home.title": ("Kommunen auf dieser Installation", "Municipalities on this installation"),
        "home.none": ("Noch keine Kommune angelegt.", "No municipality yet."),
        "home.signedInAs": ("Angemeldet als", "Signed in as"),
        "home.loginHint": ("Melden Sie sich an, um die Strategie Ihrer Kommune zu sehen und zu bearbeiten.", "Log in to see and edit your municipality's strategy."),
        "login.title": ("Anmelden", "Log in"),
        "login.email": ("E-Mail-Adresse", "E-mail address"),
        "login.password": ("Passwort", "Password"),
        "login.submit": ("Anmelden", "Log in"),
        "login.failed": ("Anmeldung fehlgeschlagen: E-Mail-Adresse oder Passwort stimmen nicht.", "Login failed: e-mail address or password is wrong."),
        "login.throttled": ("Zu viele Fehlversuche für diese Anmeldung. Bitte warten Sie einen Moment und versuchen Sie es dann erneut.", "Too many failed attempts for this login. Please wait a moment and try again."),
        "login.expired": ("Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.", "Your session has expired. Please log in again."),
        "errors.summary": ("Bitte prüfen Sie Ihre Eingaben:", "Please check your input:"),
        "errors.csrf": ("Das Formular ist abgelaufen oder ungültig. Bitte laden Sie die Seite neu und senden Sie es erneut.", "The form has expired or is invalid. Please reload the page and submit it again."),
        "errors.notFound": ("Diese Seite gibt es nicht – oder sie ist für Sie nicht sichtbar.", "This page does not exist – or it is not visible to you."),
        "errors.forbidden": ("Dafür fehlt Ihnen die Berechtigung.", "You are not allowed to do this."),
        "errors.badRequest": ("Die Anfrage ist fehlerhaft.", "The request is malformed."),
        "errors.server": ("Ein interner Fehler ist aufgetreten. Es wurde nichts gespeichert.", "An internal error occurred. Nothing was saved."),
        "errors.title": ("Fehler", "Error"),
        "errors.back": ("Zur Startseite", "To the start page"),
        "errors.encoding": ("Die Eingabe ist kein gültiges UTF-8.", "The input is not valid UTF-8."),
        "action.save": ("Speichern", "Save"),
        "action.cancel": ("Abbrechen", "Cancel"),
        "action.edit": ("Bearbeiten", "Edit"),
        "action.new": ("Neu anlegen", "Create new"),
        "action.archive": ("Archivieren", "Archive"),
        "action.restore": ("Wiederherstellen", "Restore"),
        "action.moveUp": ("Nach oben", "Move up"),
        "action.moveDown": ("Nach unten", "Move down"),
        "action.history": ("Änderungsverlauf", "Change history"),
        "action.showArchived": ("Archivierte anzeigen", "Show archived"),
        "action.hideArchived": ("Archivierte ausblenden", "Hide archived"),
        "action.add": ("Hinzufügen", "Add"),
        "action.remove": ("Entfernen", "Remove"),
        "action.create": ("Anlegen", "Create"),
        "action.revoke": ("Widerrufen", "Revoke"),
        "action.link": ("Verknüpfen", "Link"),
        "kind.principle": ("Leitlinie", "Principle"),
        "kind.fieldOfAction": ("Handlungsfeld", "Field of action"),
        "kind.goal": ("Strategisches Ziel", "Strategic goal"),
        "kind.program": ("Programm", "Program"),
        "kinds.principle": ("Leitlinien", "Principles"),
        "kinds.fieldOfAction": ("Handlungsfelder", "Fields of action"),
        "kinds.goal": ("Strategische Ziele", "Strategic goals"),
        "kinds.program": ("Programme", "Programs"),
        "field.code": ("Kürzel", "Code"),
        "field.title": ("Titel", "Title"),
        "field.description": ("Beschreibung (Markdown)", "Description (Markdown)"),
        "field.targetStatement": ("Messbare Zielaussage", "Measurable target statement"),
        "field.targetYear": ("Zieljahr", "Target year"),
        "field.parentID": ("Übergeordnet", "Parent"),
        "field.responsibleDepartmentID": ("Verantwortliche Organisationseinheit", "Responsible unit"),
        "field.visionTitle": ("Überschrift der Vision", "Vision heading"),
        "field.vision": ("Vision (Markdown)", "Vision (Markdown)"),
        "field.name": ("Name", "Name"),
        "field.level": ("Ebene", "Level"),
        "field.headName": ("Leitung", "Head"),
        "field.email": ("E-Mail-Adresse", "E-mail address"),
        "field.role": ("Rolle", "Role"),
        "field.departmentID": ("Organisationseinheit", "Unit"),
        "field.slug": ("URL-Kürzel", "URL name"),
        "field.kind": ("Art der Kommune", "Kind of municipality"),
        "field.municipality": ("Kommune", "Municipality"),
        "field.language": ("Sprache der Oberfläche", "Interface language"),
        "field.currentPassword": ("Aktuelles Passwort", "Current password"),
        "field.newPassword": ("Neues Passwort", "New password"),
        "field.displayName": ("Anzeigename", "Display name"),
        "field.target": ("Verknüpftes Element", "Linked element"),
        "field.password": ("Passwort", "Password"),
        "form.optional": ("optional", "optional"),
        "form.none": ("– keine –", "– none –"),
        "form.markdownHint": ("Formatierung mit Markdown: **fett**, *kursiv*, Listen mit „- “, Links [Text](https://…).", "Formatting with Markdown: **bold**, *italic*, lists with \"- \", links [text](https://…)."),
        "form.targetHint": ("Woran erkennen wir, dass das Ziel erreicht ist? Mit Zahl und Datum.", "How do we know the goal is reached? With a number and a date."),
        "strategy.title": ("Digitalstrategie", "Digital strategy"),
        "strategy.vision": ("Vision", "Vision"),
        "strategy.editVision": ("Vision bearbeiten", "Edit vision"),
        "strategy.noGoals": ("Noch keine Ziele.", "No goals yet."),
        "strategy.noItems": ("Noch keine Einträge.", "No entries yet."),
        "strategy.programs": ("Programme", "Programs"),
        "strategy.goals": ("Ziele", "Goals"),
        "strategy.target": ("Ziel", "Target"),
        "strategy.archived": ("archiviert", "archived"),
        "strategy.children": ("Darunter", "Below"),
        "strategy.links": ("Verknüpfungen", "Links"),
        "strategy.linkHint": ("Verknüpfen Sie dieses Element mit weiteren Elementen, zu denen es beiträgt.", "Link this element to further elements it contributes to."),
        "strategy.responsible": ("Verantwortlich", "Responsible"),
        "strategy.position": ("Reihenfolge", "Order"),
        "strategy.archivedNote": ("Dieses Element ist archiviert.", "This element is archived."),
        "strategy.created": ("Angelegt.", "Created."),
        "strategy.saved": ("Gespeichert.", "Saved."),
        "org.title": ("Organisation", "Organisation"),
        "org.new": ("Organisationseinheit anlegen", "Create unit"),
        "org.level.division": ("Dezernat / Fachbereich", "Division"),
        "org.level.office": ("Amt / Fachdienst", "Office"),
        "org.level.section": ("Sachgebiet / Abteilung", "Section"),
        "org.parent": ("Übergeordnete Einheit", "Parent unit"),
        "org.empty": ("Noch keine Organisationseinheiten.", "No units yet."),
        "members.title": ("Mitglieder und Rollen", "Members and roles"),
        "members.add": ("Person hinzufügen", "Add person"),
        "members.addHint": ("Fahrplan erstellt eine Einladung mit einem Link, sieben Tage gültig und einmal verwendbar. Mit ihm legt die Person ihr Passwort selbst fest; erst dann ist sie Mitglied.", "Fahrplan creates an invitation with a link, valid for seven days and good for one use. With it the person sets their own password; only then are they a member."),
        "members.newAccountOnly": ("wird nur für ein neues Konto verwendet", "used only for a new account"),
        "members.already": ("Diese Person ist bereits Mitglied.", "This person is already a member."),
        "members.lastTeam": ("Das letzte Mitglied des Strategieteams kann nicht entfernt oder herabgestuft werden.", "The last member of the strategy team cannot be removed or demoted."),
        "role.strategyTeam": ("Strategieteam", "Strategy team"),
        "role.departmentLead": ("Leitung Organisationseinheit", "Department lead"),
        "role.rater": ("Bewertung", "Rater"),
        "role.reader": ("Lesen", "Reader"),
        "role.admin": ("Installations-Administration", "Installation administrator"),
        "audit.title": ("Änderungsprotokoll", "Audit trail"),
        "audit.when": ("Wann", "When"),
        "audit.who": ("Wer", "Who"),
        "audit.what": ("Was", "What"),
        "audit.item": ("Element", "Item"),
        "audit.field": ("Feld", "Field"),
        "audit.old": ("Alt", "Old"),
        "audit.new": ("Neu", "New"),
        "audit.empty": ("Keine Einträge.", "No entries."),
        "audit.older": ("Ältere Einträge", "Older entries"),
        "audit.action.create": ("angelegt", "created"),
        "audit.action.update": ("geändert", "changed"),
        "audit.action.archive": ("archiviert", "archived"),
        "audit.action.restore": ("wiederhergestellt", "restored"),
        "audit.action.move": ("verschoben", "moved"),
        "audit.action.open": ("eröffnet", "opened"),
        "audit.action.submit": ("abgegeben", "submitted"),
        "audit.action.close": ("abgeschlossen", "closed"),
        "audit.action.decide": ("entschieden", "decided"),
        "audit.action.delete": ("gelöscht", "deleted"),
        "audit.action.login": ("angemeldet", "logged in"),
        "audit.action.loginFailed": ("Anmeldung fehlgeschlagen", "login failed"),
        "audit.action.logout": ("abgemeldet", "logged out"),
        "audit.action.grantRole": ("Rolle vergeben", "role granted"),
        "audit.action.revokeRole": ("Rolle entzogen", "role revoked"),
        "audit.action.createToken": ("API-Token erstellt", "API token created"),
        "audit.action.revokeToken": ("API-Token widerrufen", "API token revoked"),
        "account.title": ("Mein Konto", "My account"),
        "account.language": ("Sprache", "Language"),
        "account.languageBrowser": ("wie im Browser", "as in the browser"),
        "account.password": ("Passwort ändern", "Change password"),
        "account.passwordChanged": ("Das Passwort wurde geändert.", "The password has been changed."),
        "account.passwordWrong": ("Das aktuelle Passwort stimmt nicht.", "The current password is wrong."),
        "account.tokens": ("Persönliche API-Tokens", "Personal API tokens"),
        "account.tokensHint": ("Ein Token gilt für eine Kommune und hat Ihre Rechte dort. Er wird nur einmal angezeigt.", "A token is valid for one municipality and has your rights there. It is shown only once."),
        "account.newToken": ("Neuer Token – jetzt kopieren, er wird nicht wieder angezeigt:", "New token – copy it now, it will not be shown again:"),
        "account.tokenList": ("Ihre Tokens", "Your tokens"),
        "action.back": ("Zurück", "Back"),
        "account.noTokens": ("Keine Tokens.", "No tokens."),
        "account.tokenName": ("Bezeichnung", "Name"),
        "account.created": ("Erstellt", "Created"),
        "account.lastUsed": ("Zuletzt benutzt", "Last used"),
        "account.revoked": ("widerrufen", "revoked"),
        "account.memberships": ("Ihre Rollen", "Your roles"),
        "admin.title": ("Kommunen verwalten", "Manage municipalities"),
        "admin.new": ("Kommune anlegen", "Create municipality"),
        "admin.firstLead": ("Erste Person im Strategieteam (E-Mail, optional)", "First strategy team member (e-mail, optional)"),
        "footer.text": ("Fahrplan – freie Software für kommunale Digitalstrategien", "Fahrplan – free software for municipal digital strategies"),
    ]
}
