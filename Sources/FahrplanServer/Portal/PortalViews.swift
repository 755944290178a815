import Foundation

/// The frame of every public page: no account, no CSRF token, links that keep the chosen language.
struct PortalChrome: Encodable {
    var lang: String
    var title: String
    var municipality: String
    var start: String
    var projects: String
    var accessibility: String
    var feed: String
    var switchLanguageURL: String
    var switchLanguageLabel: String
    var switchLanguageCode: String
    var section: String
}

struct PortalLink: Encodable {
    var url: String
    var title: String
    var status: String
    var period: String?
}

struct PortalTableRow: Encodable {
    var label: String
    var value: String
}

struct PortalGoalView: Encodable {
    var title: String
    var field: String
    var targetStatement: String?
    var targetYear: Int?
    var progress: String
    var kpis: [PortalKPIView]?
}

struct PortalKPIView: Encodable {
    var name: String
    var progress: String
    var latest: String
    var target: String
}

struct PortalFieldView: Encodable {
    var title: String
    var descriptionHTML: String
}

struct PortalNewsletterTeaser: Encodable {
    var title: String
    var heading: String
    var url: String
}

struct PortalStartPage: Encodable {
    var chrome: PortalChrome
    var kind: String
    var intro: String?
    var visionTitle: String?
    var visionHTML: String?
    var fields: [PortalFieldView]?
    var goals: [PortalGoalView]?
    var progressChart: String?
    var progressRows: [PortalTableRow]?
    var statusCounts: [PortalTableRow]
    var latestProjects: [PortalLink]
    var projectCount: Int
    var roadmapChart: String?
    var roadmapRows: [PortalTableRow]?
    var newsletter: PortalNewsletterTeaser?
}

struct PortalProjectsPage: Encodable {
    var chrome: PortalChrome
    var projects: [PortalLink]?
    var pageText: String
    var previousURL: String?
    var nextURL: String?
}

struct PortalMilestoneView: Encodable {
    var title: String
    var due: String
    var done: String
}

struct PortalProjectPage: Encodable {
    var chrome: PortalChrome
    var title: String
    var code: String
    var status: String
    var summary: String?
    var descriptionHTML: String?
    var department: String?
    var period: String?
    var serves: [String]?
    var milestones: [PortalMilestoneView]?
}

struct PortalAccessibilityPage: Encodable {
    var chrome: PortalChrome
    var scope: String
    var statusText: String
    var knownLimitations: String?
    var statementDate: String
    var email: String?
    var emailLink: String?
    var phone: String?
    var address: String?
    var enforcementBody: String?
}

struct PortalNewsletterPage: Encodable {
    var chrome: PortalChrome
    var heading: String
    var published: String
    var html: String
}

struct PortalNotFoundPage: Encodable {
    var chrome: PortalChrome
}
