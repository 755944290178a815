import FahrplanCore
import Foundation
import Vapor

/// Plain values the strategy templates render; built from Fluent models but free of them.
struct ElementSummary: Encodable {
    var id: String
    var code: String?
    var title: String
    var url: String
    var archived: Bool
    var targetStatement: String?
    var targetYear: Int?
    var children: [ElementSummary]

    init(_ element: StrategySnapshot.Element, slug: String, children: [ElementSummary] = []) {
        self.id = element.id.uuidString
        self.code = element.code
        self.title = element.title
        self.url = SiteURL.municipality(slug, .element(element.kind, .value(element.id))).path
        self.archived = element.archivedAt != nil
        self.targetStatement = element.targetStatement
        self.targetYear = element.targetYear
        self.children = children
    }

    init(_ element: StrategyElement, slug: String, children: [ElementSummary] = []) throws {
        self.init(try StrategySnapshot.Element(element), slug: slug, children: children)
    }
}

struct OverviewPage: Encodable {
    var chrome: Chrome
    /// Where the rendered `overview-content` (cached per frame version, language and edit right) goes.
    var contentHTML: String
    static let contentMarker = "<!--fahrplan:overview-content-->"
}

struct OverviewContent: Encodable {
    /// Only the language: the content part is shared by everyone with the same rights.
    struct Language: Encodable { var lang: String }
    var chrome: Language
    var municipalityName: String
    var visionTitle: String
    var visionHTML: String
    var visionEditURL: String?
    var principles: [ElementSummary]
    var fields: [ElementSummary]
    var kindLinks: [KindLink]
}

struct KindLink: Encodable {
    var label: String
    var url: String
}

struct ElementListPage: Encodable {
    var chrome: Chrome
    var heading: String
    var kind: String
    var groups: [Group]
    var newURL: String?
    var showArchived: Bool
    var toggleArchivedURL: String
    var movable: Bool

    struct Group: Encodable {
        var heading: String?
        var headingURL: String?
        var items: [Row]
    }

    struct Row: Encodable {
        var summary: ElementSummary
        var moveURL: String
        var responsible: String?
        var canMoveUp: Bool
        var canMoveDown: Bool
    }
}

struct ElementDetailPage: Encodable {
    var chrome: Chrome
    var kindLabel: String
    var element: ElementSummary
    var descriptionHTML: String
    var parent: ElementSummary?
    var parentKindLabel: String?
    var childKindLabel: String?
    var children: [ElementSummary]
    var responsible: String?
    var links: [ElementSummary]
    var linkCandidates: [Option]
    var editURL: String?
    var archiveURL: String?
    var restoreURL: String?
    var linksURL: String?
    var historyURL: String?
    var listURL: String
    var listLabel: String
}

struct ElementFormPage: Encodable {
    var chrome: Chrome
    var heading: String
    var action: String
    var cancelURL: String
    var values: Values
    var problems: [ProblemLine]?
    var fieldErrors: [String: String]
    var hasParent: Bool
    var parentLabel: String?
    var parentOptions: [Option]
    var hasTarget: Bool
    var hasDepartment: Bool
    var departmentOptions: [Option]
    /// The edit version the form is based on (nil for a new item).
    var version: Int?
    var conflict: ConflictPanel?

    struct Values: Encodable {
        var code: String
        var title: String
        var description: String
        var targetStatement: String
        var targetYear: String
    }
}

struct VisionFormPage: Encodable {
    var chrome: Chrome
    var action: String
    var cancelURL: String
    var visionTitle: String
    var vision: String
    var problems: [ProblemLine]?
    var fieldErrors: [String: String]
    var version: Int?
    var conflict: ConflictPanel?
}
