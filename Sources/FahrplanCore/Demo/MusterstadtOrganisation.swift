// Musterstadt's organisation chart and demo logins.

// MARK: - Organisation

extension DemoMunicipality {
    static let musterstadtDepartments: [DemoDepartment] = [
        // Dezernat I
        DemoDepartment(code: "D1", name: "Dezernat I – Bürgermeister, Zentrale Steuerung und Finanzen",
                       level: .division, parentCode: nil, headName: "Thomas Berger"),
        DemoDepartment(code: "SD", name: "Stabsstelle Digitalisierung",
                       level: .office, parentCode: "D1", headName: "Julia Sommerfeld"),
        DemoDepartment(code: "10", name: "Hauptamt",
                       level: .office, parentCode: "D1", headName: "Jörg Hellwig"),
        DemoDepartment(code: "10.2", name: "Organisation und Prozessmanagement",
                       level: .section, parentCode: "10", headName: "Lena Marquardt"),
        DemoDepartment(code: "11", name: "Personalamt",
                       level: .office, parentCode: "D1", headName: "Sevgi Demir"),
        DemoDepartment(code: "20", name: "Kämmerei",
                       level: .office, parentCode: "D1", headName: "Frank Oltmanns"),
        DemoDepartment(code: "IT", name: "IT-Service",
                       level: .office, parentCode: "D1", headName: "Patrick Lorenz"),

        // Dezernat II
        DemoDepartment(code: "D2", name: "Dezernat II – Ordnung, Bürgerservice und Recht",
                       level: .division, parentCode: nil, headName: "Dr. Miriam Okafor"),
        DemoDepartment(code: "32", name: "Ordnungsamt",
                       level: .office, parentCode: "D2", headName: "Heike Brandstätter"),
        DemoDepartment(code: "33", name: "Bürgeramt",
                       level: .office, parentCode: "D2", headName: "Markus Weißenborn"),
        DemoDepartment(code: "33.1", name: "Einwohnermeldewesen",
                       level: .section, parentCode: "33", headName: "Tatjana Reimer"),

        // Dezernat III
        DemoDepartment(code: "D3", name: "Dezernat III – Bildung, Jugend und Soziales",
                       level: .division, parentCode: nil, headName: "Stefan Kowalczyk"),
        DemoDepartment(code: "40", name: "Amt für Schule und Sport",
                       level: .office, parentCode: "D3", headName: "Claudia Petersen"),
        DemoDepartment(code: "50", name: "Sozialamt",
                       level: .office, parentCode: "D3", headName: "Andreas Kühn"),
        DemoDepartment(code: "51", name: "Jugendamt",
                       level: .office, parentCode: "D3", headName: "Dr. Nadine Schäfer-Yılmaz"),

        // Dezernat IV
        DemoDepartment(code: "D4", name: "Dezernat IV – Stadtentwicklung, Bauen und Umwelt",
                       level: .division, parentCode: nil, headName: "Annette Brinkmann"),
        DemoDepartment(code: "61", name: "Amt für Stadtplanung",
                       level: .office, parentCode: "D4", headName: "Henrik Jansen"),
        DemoDepartment(code: "62", name: "Vermessung und Geoinformation",
                       level: .office, parentCode: "D4", headName: "Olga Baumann"),
        DemoDepartment(code: "63", name: "Bauordnungsamt",
                       level: .office, parentCode: "D4", headName: "Ralf Gößling"),
        DemoDepartment(code: "63.1", name: "Baugenehmigungen",
                       level: .section, parentCode: "63", headName: "Birgit Neumeyer"),
        DemoDepartment(code: "66", name: "Tiefbauamt",
                       level: .office, parentCode: "D4", headName: "Uwe Strothmann"),
    ]
}

// MARK: - Demo-Zugänge

extension DemoMunicipality {
    static let musterstadtUsers: [DemoUser] = [
        // Digitalstrategie-Team
        DemoUser(email: "digitalisierung@musterstadt.example", displayName: "Julia Sommerfeld",
                 role: .strategyTeam, departmentCode: nil),
        DemoUser(email: "strategie@musterstadt.example", displayName: "Tobias Engel",
                 role: .strategyTeam, departmentCode: nil),
        // Amtsleitungen
        DemoUser(email: "fachdienst@musterstadt.example", displayName: "Markus Weißenborn",
                 role: .departmentLead, departmentCode: "33"),
        DemoUser(email: "jugendamt@musterstadt.example", displayName: "Dr. Nadine Schäfer-Yılmaz",
                 role: .departmentLead, departmentCode: "51"),
        DemoUser(email: "bauordnung@musterstadt.example", displayName: "Ralf Gößling",
                 role: .departmentLead, departmentCode: "63"),
        // Bewertung in Priorisierungsrunden
        DemoUser(email: "bewertung@musterstadt.example", displayName: "Frank Oltmanns",
                 role: .rater, departmentCode: nil),
        DemoUser(email: "personalrat@musterstadt.example", displayName: "Petra Jankowski",
                 role: .rater, departmentCode: nil),
        // Lesezugriff: Büro des Bürgermeisters und Rat
        DemoUser(email: "lesen@musterstadt.example", displayName: "Carolin Wendt",
                 role: .reader, departmentCode: nil),
        DemoUser(email: "ratsmitglied@musterstadt.example", displayName: "Hans-Peter Vogt",
                 role: .reader, departmentCode: nil),
    ]
}
