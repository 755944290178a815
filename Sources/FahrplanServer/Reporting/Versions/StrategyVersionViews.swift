import FahrplanCore
import Foundation
import Vapor

/// What the strategy version templates render; words and links are decided in `StrategyVersionWebController`.
struct StrategyVersionLinks: Encodable {
    var list, new, diff, sinceLast: String
    var canCreate: Bool

    init(slug: String, canCreate: Bool) {
        func link(_ page: MunicipalityPage.StrategyVersionsPage) -> String { SiteURL.municipality(slug, .strategyVersions(page)).path }
        list = link(.list); new = link(.new); diff = link(.diff); sinceLast = link(.sinceLast)
        self.canCreate = canCreate
    }
}

struct StrategyVersionListPage: Encodable {
    struct Row: Encodable {
        var id: String
        var number: Int
        var name: String
        var url: String
        var adoptedOn: String
        var adoptedBy: String?
        var contents: String
        var takenBy: String
        var takenAt: String
        var fromChecked: Bool
        var toChecked: Bool
        var fromLabel: String
        var toLabel: String
    }

    var chrome: Chrome
    var links: StrategyVersionLinks
    var rows: [Row]?
    var canCompare: Bool
    var notice: String?
}

struct StrategyVersionFormPage: Encodable {
    struct Values: Encodable {
        var name, adoptedOn, adoptedBy, note: String
    }

    var chrome: Chrome
    var links: StrategyVersionLinks
    var action: String
    var values: Values
    var problems: [ProblemLine]?
    var fieldErrors: [String: String]
}

struct StrategyVersionShowPage: Encodable {
    struct ElementTable: Encodable {
        struct Row: Encodable {
            var code: String
            var title: String
            var parent: String
            var target: String
        }
        var id: String
        var heading: String
        var showsParent: Bool
        var showsTarget: Bool
        var rows: [Row]
    }

    struct KPIRow: Encodable {
        var name: String
        var goal: String
        var baseline: String
        var target: String
        var direction: String
    }

    struct RankingRow: Encodable {
        var position: Int
        var code: String
        var title: String
    }

    struct RoadmapRow: Encodable {
        var code: String
        var title: String
        var status: String
        var start: String
        var end: String
    }

    var chrome: Chrome
    var links: StrategyVersionLinks
    var heading: String
    var facts: [Fact]
    var note: String?
    var vision: String?
    var elementTables: [ElementTable]
    var kpis: [KPIRow]?
    var ranking: [RankingRow]?
    var roadmap: [RoadmapRow]?
    var compareURL: String?
}

struct StrategyVersionDiffPage: Encodable {
    var chrome: Chrome
    var links: StrategyVersionLinks
    var fromOptions: [Option]
    var toOptions: [Option]
    var canCompare: Bool
    var heading: String?
    var fromURL: String?
    var toURL: String?
    var summary: [Fact]?
    var sections: [VersionDiffSection]
    var noDifferences: Bool
    var problems: [ProblemLine]?
    var fieldErrors: [String: String]
}

struct StrategyVersionSincePage: Encodable {
    var chrome: Chrome
    var links: StrategyVersionLinks
    var versionLabel: String?
    var versionURL: String?
    var summary: [Fact]?
    var sections: [VersionDiffSection]
    var noDifferences: Bool
    var events: [AuditEntryView]?
    var moreEvents: Bool
    var auditURL: String?
}

extension Request {
    /// Problems of a version form or comparison, labelled with the `versions.field.*` names.
    func versionProblems(_ problems: [FieldProblem]) -> ([ProblemLine]?, [String: String]) {
        guard !problems.isEmpty else { return (nil, [:]) }
        var byField: [String: String] = [:]
        let lines = problems.map { problem -> ProblemLine in
            var message = Strings.problem(problem, language)
            if problem.field == "to", problem.kind == .duplicate { message = t("versions.sameVersion") }
            if problem.kind == .unknownReference { message = t("versions.unknownVersion") }
            if problem.field == "from" || problem.field == "to", problem.kind == .required { message = t("versions.chooseTwo") }
            if byField[problem.field] == nil { byField[problem.field] = message }
            let key = "versions.field.\(problem.field)"
            return ProblemLine(field: Strings.table[key] == nil ? problem.field : t(key), message: message)
        }
        return (lines, byField)
    }
}
