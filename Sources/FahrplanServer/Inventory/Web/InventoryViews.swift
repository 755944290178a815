import FahrplanCore
import Foundation
import Vapor

/// What the inventory templates render; labels and links are decided in the controllers.
struct InventoryOverviewPage: Encodable {
    var chrome: Chrome
    var links: InventoryLinks
    var serviceCount: Int
    var systemCount: Int
    var levelsChart: String
    var levelsTable: String
    var departmentChart: String?
    var departmentTable: String?
    var historyChart: String?
    var historyTable: String?
    var onlineShare: String?
    var lifecycle: [Fact]
    var modelName: String
}

struct InventoryLinks: Encodable {
    var overview, systems, services, newSystem, newService, importFile, exportSystems, exportServices, model: String
    var canCreate: Bool
    var canManage: Bool

    init(slug: String, service: InventoryService) {
        func link(_ page: MunicipalityPage.InventoryPage) -> String { SiteURL.municipality(slug, .inventory(page)).path }
        overview = link(.overview); systems = link(.systems); services = link(.services); newSystem = link(.newSystem)
        newService = link(.newService); importFile = link(.import); exportSystems = link(.exportSystems)
        exportServices = link(.exportServices); model = link(.model)
        canCreate = service.canCreate; canManage = service.canManage
    }
}

struct Fact: Encodable {
    var label: String
    var value: String
    var url: String?
}

struct InventorySystemListPage: Encodable {
    struct Row: Encodable {
        var name: String
        var url: String
        var vendorProduct: String
        var departments: String
        var hosting: String
        var contractEnd: String
        var lifecycle: String
        var projects: String
        var archived: Bool
    }

    var chrome: Chrome
    var links: InventoryLinks
    var filter: Filter
    var rows: [Row]?
    var count: Int

    struct Filter: Encodable {
        var text: String
        var departments: [Option]
        var lifecycles: [Option]
        var projects: [Option]
        var includeArchived: Bool
        var resetURL: String
    }
}

struct InventoryServiceListPage: Encodable {
    struct Row: Encodable {
        var name: String
        var url: String
        var department: String
        var cases: String
        var overall: String
        var criteria: [String]
        var project: String
        var archived: Bool
    }

    var chrome: Chrome
    var links: InventoryLinks
    var filter: Filter
    var criteria: [String]
    var rows: [Row]?
    var count: Int

    struct Filter: Encodable {
        var text: String
        var departments: [Option]
        var levels: [Option]
        var projects: [Option]
        var includeArchived: Bool
        var resetURL: String
    }
}

struct InventoryItemPage: Encodable {
    struct AssessmentRow: Encodable {
        var criterion: String
        var level: String
        var day: String
        var note: String
        var recordedBy: String
    }

    var chrome: Chrome
    var links: InventoryLinks
    var heading: String
    var notice: String?
    var archived: Bool
    var facts: [Fact]
    var criteria: [Fact]?
    var overall: String?
    var assessments: [AssessmentRow]?
    var editURL: String?
    var archiveURL: String?
    var restoreURL: String?
    var historyURL: String
    var listURL: String
    var listLabel: String
    var version: Int
}

struct InventorySystemFormPage: Encodable {
    struct Values: Encodable {
        var name = "", vendor = "", product = "", contractEndsOn = "", interfaces = "", note = "", version = ""
    }

    var chrome: Chrome
    var heading: String
    var action: String
    var cancelURL: String
    var listURL: String
    var values: Values
    var departments: [Option]
    var hostings: [Option]
    var dataProtections: [Option]
    var lifecycles: [Option]
    var replacing: [Option]
    var extending: [Option]
    var problems: [ProblemLine]?
    var fieldErrors: [String: String]
    var conflict: Bool
}

struct InventoryServiceFormPage: Encodable {
    struct Values: Encodable {
        var name = "", leikaKey = "", ozgID = "", casesPerYear = "", note = "", version = ""
    }

    struct CriterionRow: Encodable {
        var key: String
        var name: String
        var index: Int
        var levels: [Option]
        var day: String
        var current: String
        var error: String?
    }

    var chrome: Chrome
    var heading: String
    var action: String
    var cancelURL: String
    var listURL: String
    var values: Values
    var departments: [Option]
    var projects: [Option]
    var criteria: [CriterionRow]
    var problems: [ProblemLine]?
    var fieldErrors: [String: String]
    var conflict: Bool
}

struct InventoryImportPage: Encodable {
    struct ProblemRow: Encodable {
        var row: String
        var column: String
        var value: String
        var message: String
    }

    var chrome: Chrome
    var links: InventoryLinks
    var action: String
    var kinds: [Option]
    var dryRun: Bool
    var content: String
    var result: String?
    var summary: String?
    var failed: Bool
    var problems: [ProblemRow]?
    var fieldErrors: [String: String]
}

struct InventoryModelPage: Encodable {
    var chrome: Chrome
    var links: InventoryLinks
    var action: String
    var json: String
    var ozgJSON: String
    var version: String
    var levels: [Fact]
    var criteria: [Fact]
    /// The preset's name when the model is one unchanged, else the model's key.
    var currentPreset: String
    var presets: [PresetOption]
    var preview: Preview?
    var notice: String?
    var problems: [ProblemLine]?
    var fieldErrors: [String: String]
    var canEdit: Bool

    struct PresetOption: Encodable {
        var key: String
        var name: String
        var hint: String
        var selected: Bool
        var id: String
    }

    /// What applying a preset would do, shown before it is applied.
    struct Preview: Encodable {
        var key: String
        var name: String
        var hint: String
        var levels: [Fact]
        var criteria: [Fact]
        /// Levels the preset lacks that services are rated on now: it cannot be applied.
        var missing: [ImpactRow]?
        /// Levels that keep their number (and ratings) under another label.
        var renamed: [ImpactRow]?
        var unchanged: Bool
        var noImpact: Bool
        /// Safe and not the model in use already.
        var canApply: Bool
    }

    struct ImpactRow: Encodable {
        var level: String
        var before: String
        var after: String
        var services: String
        var count: Int
    }
}

extension Request {
    /// Form problems under the inventory's field labels: `departmentIDs[2]` → "Nutzende Fachdienste", an
    /// assessment's field → "<criterion> – Stufe". Errors next to list fields are keyed by the list's name.
    func inventoryProblems(_ problems: [FieldProblem], criterionNames: [String] = []) -> ([ProblemLine]?, [String: String]) {
        guard !problems.isEmpty else { return (nil, [:]) }
        var byField: [String: String] = [:]
        let lines = problems.map { problem -> ProblemLine in
            let message = Strings.problem(problem, language)
            let base = String(problem.field.prefix { $0 != "[" })
            var label: String
            if base == "assessments", let open = problem.field.firstIndex(of: "["), let close = problem.field.firstIndex(of: "]"),
               let index = Int(problem.field[problem.field.index(after: open)..<close]) {
                let part = String(problem.field[problem.field.index(after: close)...].drop { $0 == "." })
                let name = index < criterionNames.count ? criterionNames[index] : t("inventory.field.assessments")
                label = "\(name) – \(Strings.text("inventory.field.\(part)", language))"
            } else {
                let key = "inventory.field.\(base)"
                label = Strings.table[key] == nil ? Strings.fieldLabel(problem.field, language) : Strings.text(key, language)
            }
            if byField[base] == nil { byField[base] = message }
            if label.isEmpty { label = problem.field }
            return ProblemLine(field: label, message: message)
        }
        return (lines, byField)
    }
}
