// Musterstadt's project portfolio: the calls for projects, and helpers that keep the project files short.
// The projects themselves live in MusterstadtProjects*.swift, in the order they were created.

extension DemoMunicipality {
    /// The day the Musterstadt content describes ("today"): histories count their days back from it, and one
    /// call is still open on it.
    public static let musterstadtReferenceDay = "2026-11-24"

    static let musterstadtProjects: [DemoProject] = musterstadtProjectsFoundations
        + musterstadtProjectsCall2026Services + musterstadtProjectsCall2026Administration
        + musterstadtProjectsCall2026CityAndSchools
        + musterstadtProjectsCall2027Services + musterstadtProjectsCall2027Internal

    /// The offices (Ämter) asked in both calls. The Stabsstelle Digitalisierung runs the calls itself.
    static let musterstadtCallOffices = ["10", "11", "20", "IT", "32", "33", "40", "50", "51", "61", "62", "63", "66"]

    static let musterstadtCalls: [DemoCall] = [
        DemoCall(
            code: "ABF-2026",
            title: "Projektabfrage Digitalisierung 2026 – Bestandsaufnahme für die Digitalstrategie",
            message: """
                Liebe Kolleginnen und Kollegen,

                mit der Digitalstrategie „Musterstadt 2030“ haben wir Ziele und Programme beschlossen. Jetzt \
                brauchen wir **Ihre Vorhaben**, um sie umzusetzen: Welche Online-Dienste, Fachverfahren, \
                Prozessverbesserungen oder Qualifizierungen planen Sie für 2026 bis 2028?

                - Legen Sie bitte **je Vorhaben einen Projektsteckbrief** an – auch für Ideen, die noch grob sind.
                - Geben Sie Kosten und Personalaufwand so gut wie möglich an; Schätzungen genügen.
                - Kennzeichnen Sie gesetzliche Pflichten (z. B. OZG, E-Rechnung) mit Rechtsgrundlage und Frist.
                - Erklären Sie Ihre Meldung zum Schluss als **vollständig**, auch wenn Sie nichts melden.

                **Abgabefrist: 17. April 2026.** Die Steckbriefe fließen in die Priorisierungsrunde im Juni \
                und in die Haushaltsplanung 2027 ein. Fragen beantworten Julia Sommerfeld und Tobias Engel \
                (Stabsstelle Digitalisierung, digitalisierung@musterstadt.example).
                """,
            opensOn: "2026-02-16",
            deadline: "2026-04-17",
            departmentCodes: musterstadtCallOffices,
            completedDepartmentCodes: musterstadtCallOffices.filter { $0 != "62" }
        ),
        DemoCall(
            code: "ABF-2027",
            title: "Projektabfrage Digitalisierung 2027/2028",
            message: """
                Liebe Kolleginnen und Kollegen,

                die Digitalstrategie wird jährlich fortgeschrieben. Für die Priorisierungsrunde im Frühjahr \
                2027 und die Haushaltsplanung 2028 bitten wir Sie um **neue Vorhaben** und um einen Blick auf \
                Ihre gemeldeten Projekte aus der Abfrage 2026.

                - Neue Vorhaben bitte als Projektsteckbrief anlegen und einreichen.
                - Bitte prüfen Sie vorher in der Projektliste, ob es ein ähnliches Vorhaben schon gibt – \
                  gemeinsame Projekte mehrerer Ämter sind ausdrücklich erwünscht.
                - Bei Online-Diensten: Gibt es bereits einen Dienst des Landes („Einer für Alle“)?

                **Abgabefrist: 18. Dezember 2026.** Bitte erklären Sie Ihre Meldung anschließend als \
                vollständig. Ansprechpartner: Tobias Engel, Stabsstelle Digitalisierung, \
                strategie@musterstadt.example.
                """,
            opensOn: "2026-11-02",
            deadline: "2026-12-18",
            departmentCodes: musterstadtCallOffices,
            completedDepartmentCodes: ["11", "33", "63"]
        ),
    ]
}

// MARK: - Helpers for the project files

extension DemoMunicipality {
    /// A status step on an ISO day, counted back from `musterstadtReferenceDay`.
    static func step(_ status: ProjectStatus, _ day: String, _ reason: String? = nil) -> DemoStatusStep {
        DemoStatusStep(to: status, reason: reason, daysAgo: daysBetween(day, musterstadtReferenceDay))
    }

    /// Costs per budget year in whole euros: (year, one-off, running).
    static func euros(_ rows: (Int, Int, Int)...) -> [CostLine] {
        rows.map { CostLine(year: $0.0, oneOffCents: Int64($0.1) * 100, runningCents: Int64($0.2) * 100) }
    }

    /// Staff effort: (department code, year, hundredths of a full-time equivalent).
    static func fte(_ rows: (String, Int, Int)...) -> [DemoEffort] {
        rows.map { DemoEffort(departmentCode: $0.0, year: $0.1, fteHundredths: $0.2) }
    }

    /// Days from one ISO day to a later one (proleptic Gregorian calendar, no time zones involved).
    static func daysBetween(_ from: String, _ to: String) -> Int {
        dayNumber(to) - dayNumber(from)
    }

    /// Days since 1970-01-01 of an ISO day "YYYY-MM-DD" (Howard Hinnant's days_from_civil).
    static func dayNumber(_ iso: String) -> Int {
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        precondition(parts.count == 3, "not an ISO day: \(iso)")
        let month = parts[1], day = parts[2]
        let year = parts[0] - (month <= 2 ? 1 : 0)
        let era = (year >= 0 ? year : year - 399) / 400
        let yearOfEra = year - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
