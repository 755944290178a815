/// Demo content: the digital strategy of Musterstadt, an invented Mittelstadt of about 58,000 inhabitants.
/// All people, units and figures are fictitious; the structure follows a typical German city administration.
extension DemoMunicipality {
    /// Musterstadt: the demo municipality a visitor sees first.
    public static let musterstadt = DemoMunicipality(
        slug: "musterstadt",
        name: "Musterstadt",
        kind: "Stadt",
        visionTitle: "Musterstadt 2030: digital, nah und verlässlich",
        vision: """
            Im Jahr 2030 ist Musterstadt eine Verwaltung, die man nicht mehr aufsuchen muss, um ihre Leistungen \
            zu nutzen – und die trotzdem jederzeit ansprechbar bleibt. Bürgerinnen, Bürger und Unternehmen \
            erledigen ihre Anliegen **rund um die Uhr online**, einfach, sicher und ohne Angaben doppelt machen zu \
            müssen. Wer Unterstützung braucht oder das persönliche Gespräch sucht, findet beides im Bürgerbüro, in den \
            Stadtteilen und am Telefon.

            Nach innen arbeiten wir **digital und vernetzt**:

            - Anträge laufen ohne Medienbruch vom Online-Formular bis ins Fachverfahren und in die E-Akte.
            - Entscheidungen in Verwaltung und Rat stützen sich auf aktuelle, offen zugängliche Daten.
            - Unsere Beschäftigten haben moderne Werkzeuge und die Kompetenzen, sie souverän einzusetzen.

            Diese Strategie ist kein Papier für die Schublade, sondern unser **Fahrplan**. Wir priorisieren \
            Vorhaben nachvollziehbar, berichten dem Ausschuss für Digitalisierung regelmäßig über Fortschritte \
            und Hindernisse und schreiben Ziele und Programme jedes Jahr gemeinsam mit den Ämtern fort.
            """,
        principles: musterstadtPrinciples,
        fieldsOfAction: musterstadtFieldsOfAction,
        departments: musterstadtDepartments,
        users: musterstadtUsers,
        projects: musterstadtProjects,
        calls: musterstadtCalls
    )
}

// MARK: - Leitlinien

extension DemoMunicipality {
    static let musterstadtPrinciples: [DemoPrinciple] = [
        DemoPrinciple(
            code: "L1",
            title: "Digital first, aber niemanden zurücklassen",
            description: """
                Neue Leistungen planen wir zuerst digital und so einfach, dass sie ohne Anleitung nutzbar sind. \
                Wer digitale Angebote nicht nutzen kann oder will, erhält weiterhin persönliche Beratung – im \
                Bürgerbüro, am Telefon und mit Hilfe beim Ausfüllen.
                """
        ),
        DemoPrinciple(
            code: "L2",
            title: "Once-Only: Daten nur einmal angeben",
            description: """
                Bürgerinnen, Bürger und Unternehmen sollen der Verwaltung Daten und Nachweise nur einmal \
                mitteilen müssen. Wo es rechtlich zulässig ist, tauschen wir Daten über standardisierte \
                Schnittstellen aus, statt erneut danach zu fragen.
                """
        ),
        DemoPrinciple(
            code: "L3",
            title: "Erst der Prozess, dann die Software",
            description: """
                Bevor wir Software einführen, betrachten und vereinfachen wir den Ablauf gemeinsam mit den \
                Beteiligten. Ein umständlicher Papierprozess wird durch Digitalisierung allein nicht besser.
                """
        ),
        DemoPrinciple(
            code: "L4",
            title: "Datenschutz und Informationssicherheit by Design",
            description: """
                Datenschutz und Informationssicherheit gehören von Anfang an zu jedem Vorhaben und sind keine \
                Prüfung am Schluss. Wir erheben nur die Daten, die wir wirklich brauchen, und schützen unsere \
                Systeme nach dem IT-Grundschutz des BSI.
                """
        ),
        DemoPrinciple(
            code: "L5",
            title: "Offene Standards und Open Source, wo möglich",
            description: """
                Wir setzen auf offene Standards wie die XÖV-Familie und dokumentierte Schnittstellen, damit \
                Daten fließen und wir nicht von einzelnen Anbietern abhängig werden. Bei gleichwertiger Eignung \
                bevorzugen wir Open-Source-Lösungen.
                """
        ),
        DemoPrinciple(
            code: "L6",
            title: "Beschäftigte mitnehmen",
            description: """
                Digitalisierung gelingt nur mit den Menschen, die täglich damit arbeiten. Wir beteiligen \
                Beschäftigte und Personalrat frühzeitig, qualifizieren praxisnah und planen für jede Einführung \
                ausreichend Zeit neben dem Tagesgeschäft ein.
                """
        ),
        DemoPrinciple(
            code: "L7",
            title: "Gemeinsam statt allein",
            description: """
                Wir übernehmen bewährte Lösungen anderer Kommunen und des Landes und teilen unsere eigenen \
                Vorlagen und Erfahrungen. Über Fortschritte und Hindernisse berichten wir offen – intern im \
                Newsletter und politisch im Ausschuss.
                """
        ),
    ]
}
