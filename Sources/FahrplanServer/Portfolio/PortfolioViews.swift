import FahrplanCore
import Foundation
import Vapor

/// Numbers and dates the way a German (or English) reader expects them on a page.
enum PortfolioDisplay {
    /// Whole euros with thousands grouped (`12.501 €`, `€12,501`); list pages call this for every row, so no
    /// NumberFormatter is built per call.
    static func euros(_ cents: Int64, _ language: Language) -> String {
        let euros = (cents + (cents >= 0 ? 50 : -50)) / 100
        let number = whole(euros, language)
        return language == .de ? "\(number) €" : "€\(number)"
    }

    /// A count with thousands grouped: `1.200` (German), `1,200` (English).
    static func whole(_ value: Int64, _ language: Language) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { grouped.append(language == .de ? "." : ",") }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped
    }

    static func fte(_ hundredths: Int, _ language: Language) -> String {
        let german = LocaleNumber.german(hundredths: hundredths)
        return language == .de ? german : german.replacingOccurrences(of: ",", with: ".")
    }

    static func day(_ iso: String?, _ language: Language) -> String? {
        guard let iso, let day = CalendarDay(parsing: iso) else { return iso }
        return language == .de ? day.german : day.description
    }

    static func status(_ status: ProjectStatus, _ language: Language) -> String { status.label(english: language == .en) }
    static func kind(_ kind: ProjectKind, _ language: Language) -> String { kind.label(english: language == .en) }
}

/// One line of the portfolio list, the board and similar-project lists.
struct ProjectRow: Encodable {
    var id: String
    var code: String
    var title: String
    var url: String
    var status: String
    var statusLabel: String
    var department: String?
    var fields: [String]
    var oneOff: String
    var fte: String
    var archived: Bool
}

struct ProjectListPage: Encodable {
    var chrome: Chrome
    var filter: FilterValues
    /// The long option lists and the rows as HTML (`HTMLBuffer`).
    var departmentOptionsHTML: String
    var statusOptions: [Option]
    var kindOptions: [Option]
    var elementOptionsHTML: String
    var sortOptions: [Option]
    var rowsHTML: String?
    var total: Int
    var page: Int
    var pageCount: Int
    var previousURL: String?
    var nextURL: String?
    var newURL: String?
    var assignURL: String?
    var assignOptionsHTML: String?
    var boardURL: String
    var duplicatesURL: String?
    var importURL: String?
    var exportCSVURL: String
    var exportJSONURL: String
    var notice: String?
    /// A refused bulk assignment.
    var problems: [ProblemLine]? = nil

    struct FilterValues: Encodable {
        var q: String
        var costMin: String
        var costMax: String
        var archived: Bool
    }
}

struct OptionGroup: Encodable {
    var label: String
    var options: [Option]
}

struct ProjectDetailPage: Encodable {
    var chrome: Chrome
    var project: ProjectFacts
    var descriptionHTML: String
    var statusOptions: [Option]
    var statusURL: String?
    var editURL: String?
    var archiveURL: String?
    var restoreURL: String?
    var mergeURL: String?
    var historyURL: String?
    var listURL: String
    var similar: [SimilarRow]
    var statusHistory: [StatusHistoryRow]
    var notice: String?
    /// A refused status change: the summary, the message next to its field and the reason as typed.
    var problems: [ProblemLine]? = nil
    var fieldErrors: [String: String] = [:]
    var reason: String = ""
    /// The project's entries in the decision log (`Application.projectDecisionSlot`).
    var decisionSection: AnyEncodable? = nil
    /// The project's cost-benefit figures (`Application.projectCostBenefitSlot`).
    var costBenefitSection: AnyEncodable? = nil
    /// The IT systems and administrative services linked to the project (`Application.projectInventorySlot`).
    var inventorySection: AnyEncodable? = nil
    /// The project's status reports and milestones (Monitoring).
    var monitoringURL: String? = nil
}

struct ProjectFacts: Encodable {
    var code: String
    var title: String
    var summary: String?
    var status: String
    var statusLabel: String
    var kindLabel: String
    var department: String?
    var departmentURL: String?
    var responsiblePerson: String?
    var legalObligation: Bool
    var legalReference: String?
    var legalDeadline: String?
    var administrativeService: String?
    var beneficiaries: [String]
    var benefitDescription: String?
    var hoursSavedPerYear: String?
    var citizenHoursSavedPerYear: String?
    var businessHoursSavedPerYear: String?
    var startOn: String?
    var endOn: String?
    var risks: String?
    var tags: [String]
    var elements: [Link]
    var dependencies: [Link]
    var dependents: [Link]
    var mergedInto: Link?
    var mergedFrom: [Link]
    var call: Link?
    var costs: [CostRow]
    var costTotal: CostRow?
    var effort: [EffortRow]
    var effortTotal: String?
    var archived: Bool

    struct Link: Encodable { var label: String; var url: String }
    struct CostRow: Encodable { var year: String; var oneOff: String; var running: String }
    struct EffortRow: Encodable { var year: Int; var department: String; var fte: String }
}

struct SimilarRow: Encodable {
    var row: ProjectRow
    var percent: Int
}

struct StatusHistoryRow: Encodable {
    var when: String
    var whenISO: String
    var who: String
    var from: String?
    var to: String
    var reason: String?
}

struct ProjectFormPage: Encodable {
    var chrome: Chrome
    var heading: String
    var action: String
    var cancelURL: String
    var values: Values
    var problems: [ProblemLine]?
    var fieldErrors: [String: String]
    var departmentOptions: [Option]
    var kindOptions: [Option]
    var beneficiaryOptions: [Option]
    var elementGroups: [OptionGroup]
    var dependencyOptions: [Option]
    var yearOptions: [Option]
    var costLines: [CostLineValues]
    var effortLines: [EffortLineValues]
    var callID: String?
    var similar: [SimilarRow]
    /// The edit version the form is based on (nil for a new profile).
    var version: Int?
    var conflict: ConflictPanel?

    struct Values: Encodable {
        var code: String
        var title: String
        var summary: String
        var description: String
        var responsiblePerson: String
        var legalObligation: Bool
        var legalReference: String
        var legalDeadline: String
        var administrativeService: String
        var benefitDescription: String
        var hoursSavedPerYear: String
        var citizenHoursSavedPerYear: String
        var businessHoursSavedPerYear: String
        var startOn: String
        var endOn: String
        var risks: String
        var tags: String
    }

    /// One row of the cost table; the errors are those of its cells (`costs[0].oneOff` …), shown in the cell.
    struct CostLineValues: Encodable {
        var index: Int; var number: Int; var year: String; var oneOff: String; var running: String
        var yearError: String? = nil; var oneOffError: String? = nil; var runningError: String? = nil
    }
    struct EffortLineValues: Encodable {
        var index: Int; var number: Int; var departmentOptions: [Option]; var year: String; var fte: String
        var departmentError: String? = nil; var yearError: String? = nil; var fteError: String? = nil
    }
}

struct ProjectMergePage: Encodable {
    var chrome: Chrome
    var project: ProjectRow
    var action: String
    var cancelURL: String
    var targetOptions: [Option]
    var problems: [ProblemLine]?
    var fieldErrors: [String: String]
    var note: String
}

struct ProjectBoardPage: Encodable {
    var chrome: Chrome
    var columns: [Column]
    var listURL: String
    struct Column: Encodable {
        var id: String
        var title: String
        var url: String?
        var count: Int
        var oneOff: String
        var rows: [ProjectRow]
    }
}

struct DuplicatePairsPage: Encodable {
    var chrome: Chrome
    var pairs: [Pair]
    var listURL: String
    var threshold: Int
    struct Pair: Encodable {
        var left: ProjectRow
        var right: ProjectRow
        var percent: Int
        var mergeURL: String?
    }
}

extension StrategySnapshot {
    /// What a project can serve — fields of action, goals, programs — as option groups for filters and selects.
    func projectTargetGroups(_ language: Language, selected: [String]) -> [OptionGroup] {
        [StrategyElementKind.fieldOfAction, .goal, .program].map { kind in
            OptionGroup(label: Strings.kindPlural(kind, language), options: elements(of: kind).map {
                Option(value: $0.id.uuidString, label: $0.label, selected: selected.contains($0.id.uuidString))
            })
        }
    }
}
