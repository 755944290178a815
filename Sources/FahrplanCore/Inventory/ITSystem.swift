import Foundation

/// Where an IT system runs.
public enum ITHosting: String, Codable, CaseIterable, Sendable, LabelledChoice {
    case onPremises
    /// The municipal data centre or IT service provider (kommunaler IT-Dienstleister, Zweckverband).
    case municipalProvider
    case cloud
    case other

    public var germanLabel: String {
        switch self {
        case .onPremises: return "Eigenbetrieb (vor Ort)"
        case .municipalProvider: return "Kommunales Rechenzentrum / IT-Dienstleister"
        case .cloud: return "Cloud / SaaS"
        case .other: return "Sonstiges"
        }
    }

    public var englishLabel: String {
        switch self {
        case .onPremises: return "On premises"
        case .municipalProvider: return "Municipal data centre / IT service provider"
        case .cloud: return "Cloud / SaaS"
        case .other: return "Other"
        }
    }

    public var aliases: [String] {
        switch self {
        case .onPremises: return ["Eigenbetrieb", "Vor Ort", "Lokal", "Inhouse", "On-Premises", "Eigenes Rechenzentrum", "Eigener Server"]
        case .municipalProvider: return ["Rechenzentrum", "IT-Dienstleister", "Kommunales Rechenzentrum", "KRZ", "Zweckverband",
                                         "Dienstleister", "Data centre", "Data center", "IT service provider"]
        case .cloud: return ["Cloud", "SaaS", "Software as a Service"]
        case .other: return ["Andere", "Anderes"]
        }
    }
}

/// How much personal data an IT system processes (GDPR): none, personal data, or special categories (Art. 9).
public enum DataProtectionRelevance: String, Codable, CaseIterable, Sendable, LabelledChoice {
    case none
    case personalData
    case specialCategories

    public var germanLabel: String {
        switch self {
        case .none: return "Keine personenbezogenen Daten"
        case .personalData: return "Personenbezogene Daten"
        case .specialCategories: return "Besondere Kategorien (Art. 9 DSGVO)"
        }
    }

    public var englishLabel: String {
        switch self {
        case .none: return "No personal data"
        case .personalData: return "Personal data"
        case .specialCategories: return "Special categories (Art. 9 GDPR)"
        }
    }

    public var aliases: [String] {
        switch self {
        case .none: return ["Keine", "Nein", "Nicht relevant", "No"]
        case .personalData: return ["Ja", "Personenbezogen", "Relevant", "Yes"]
        case .specialCategories: return ["Besondere Kategorien", "Art. 9", "Besonders schutzwürdig", "Sensibel", "Special categories"]
        }
    }
}

/// What the municipality plans for a system.
public enum ITSystemLifecycle: String, Codable, CaseIterable, Sendable, LabelledChoice {
    case keep
    case replace
    case retire

    public var germanLabel: String {
        switch self {
        case .keep: return "Beibehalten"
        case .replace: return "Ersetzen"
        case .retire: return "Abschalten"
        }
    }

    public var englishLabel: String {
        switch self {
        case .keep: return "Keep"
        case .replace: return "Replace"
        case .retire: return "Retire"
        }
    }

    public var aliases: [String] {
        switch self {
        case .keep: return ["Behalten", "Weiterbetrieb", "Weiter betreiben"]
        case .replace: return ["Ablösen", "Ablösung", "Ersatz"]
        case .retire: return ["Außer Betrieb nehmen", "Stilllegen", "Auslaufen", "Abschaffen"]
        }
    }
}

/// An IT system or application in use (e.g. the e-file system, a specialist procedure). Departments, interfaces
/// (other systems) and projects are ids or names; the server resolves them. Hosting, data protection and
/// lifecycle are nil while nobody has recorded them: an inventory grows.
public struct ITSystem: Sendable, Equatable {
    public var name: String
    public var vendor: String?
    public var product: String?
    public var departmentIDs: [String]
    public var hosting: ITHosting?
    public var contractEndsOn: CalendarDay?
    public var interfaces: [String]
    public var dataProtection: DataProtectionRelevance?
    public var lifecycle: ITSystemLifecycle?
    /// Projects that replace or extend the system.
    public var projectIDs: [String]

    public init(name: String, vendor: String? = nil, product: String? = nil, departmentIDs: [String] = [],
                hosting: ITHosting? = nil, contractEndsOn: CalendarDay? = nil, interfaces: [String] = [],
                dataProtection: DataProtectionRelevance? = nil, lifecycle: ITSystemLifecycle? = nil, projectIDs: [String] = []) {
        self.name = name; self.vendor = vendor; self.product = product; self.departmentIDs = departmentIDs
        self.hosting = hosting; self.contractEndsOn = contractEndsOn; self.interfaces = interfaces
        self.dataProtection = dataProtection; self.lifecycle = lifecycle; self.projectIDs = projectIDs
    }
}

/// An IT system as a form, the API or a spreadsheet row sends it.
public struct ITSystemInput: Sendable, Equatable {
    public var name: String?
    public var vendor: String?
    public var product: String?
    public var departmentIDs: [String]
    public var hosting: String?
    public var contractEndsOn: String?
    public var interfaces: [String]
    public var dataProtection: String?
    public var lifecycle: String?
    public var projectIDs: [String]

    public static let maxNameLength = 200
    public static let maxReferenceLength = 200
    public static let maxReferences = 100

    public init(name: String? = nil, vendor: String? = nil, product: String? = nil, departmentIDs: [String] = [],
                hosting: String? = nil, contractEndsOn: String? = nil, interfaces: [String] = [],
                dataProtection: String? = nil, lifecycle: String? = nil, projectIDs: [String] = []) {
        self.name = name; self.vendor = vendor; self.product = product; self.departmentIDs = departmentIDs
        self.hosting = hosting; self.contractEndsOn = contractEndsOn; self.interfaces = interfaces
        self.dataProtection = dataProtection; self.lifecycle = lifecycle; self.projectIDs = projectIDs
    }

    /// The system, or every problem: a blank name, a contract end that is no real day (`31.02.2027`), a hosting,
    /// data protection or lifecycle value that is none of the choices (codes, German or English labels and
    /// aliases are accepted), an interface naming the system itself, lists that repeat an entry or are too long.
    public func validated() throws -> ITSystem {
        var check = Validator()
        let name = check.text("name", name, required: true, max: Self.maxNameLength)
        let vendor = check.text("vendor", vendor, required: false, max: Self.maxNameLength)
        let product = check.text("product", product, required: false, max: Self.maxNameLength)
        let hosting = Self.choice("hosting", hosting, ITHosting.self, &check)
        let dataProtection = Self.choice("dataProtection", dataProtection, DataProtectionRelevance.self, &check)
        let lifecycle = Self.choice("lifecycle", lifecycle, ITSystemLifecycle.self, &check)
        let contractEnd = MonitoringInput.day("contractEndsOn", contractEndsOn, required: false, &check)
        let departments = Self.list("departmentIDs", departmentIDs, &check)
        let interfaces = Self.list("interfaces", interfaces, &check)
        if let name, let index = interfaces.firstIndex(where: { GermanFolding.matchKey($0) == GermanFolding.matchKey(name) }) {
            check.add("interfaces[\(index)]", .cycle)
        }
        let projects = Self.list("projectIDs", projectIDs, &check)
        try check.finish()
        return ITSystem(name: name!, vendor: vendor, product: product, departmentIDs: departments, hosting: hosting,
                        contractEndsOn: contractEnd, interfaces: interfaces, dataProtection: dataProtection,
                        lifecycle: lifecycle, projectIDs: projects)
    }

    static func choice<C: LabelledChoice>(_ field: String, _ raw: String?, _ type: C.Type, _ check: inout Validator) -> C? {
        guard let text = CleanText.normalize(raw, multiline: false) else { return nil }
        guard let value = C(label: text) else { check.add(field, .invalidChoice); return nil }
        return value
    }

    static func list(_ field: String, _ raw: [String], _ check: inout Validator) -> [String] {
        var values: [String] = []
        for (index, entry) in raw.enumerated() {
            guard let value = check.text("\(field)[\(index)]", entry, required: false, max: maxReferenceLength) else { continue }
            if values.contains(value) { check.add("\(field)[\(index)]", .duplicate); continue }
            values.append(value)
        }
        if values.count > maxReferences { check.add(field, .tooMany(max: maxReferences)) }
        return values
    }
}
