/// What `monitoring/dashboard.leaf` renders: every text and number is formatted here, the template only places
/// them. An empty list is nil, so the template shows the section's "nothing to show" sentence instead.
/// The page around the cached dashboard content (`monitoring/dashboard-content`).
struct DashboardFrame: Encodable {
    var chrome: Chrome
    var contentHTML: String
    static let contentMarker = "<!--fahrplan:dashboard-content-->"
}

struct DashboardPage: Encodable {
    struct Figure: Encodable {
        var id: String
        var label: String
        var value: String
        /// The section the figure summarises (`#dash-red`), when there is one.
        var anchor: String?
    }

    struct Chart: Encodable {
        var svg: String
        var table: String
    }

    struct RedLight: Encodable {
        var project: String
        var url: String
        var reportedOn: String
        /// "Termine: Lieferant insolvent".
        var dimensions: [String]
    }

    struct LateMilestone: Encodable {
        var project: String
        var url: String
        var title: String
        var dueOn: String
        var daysLate: Int
    }

    struct StaleProject: Encodable {
        var project: String
        var url: String
        var lastReport: String
    }

    struct KPIBox: Encodable {
        var figures: String
        var strategyProgress: String?
        var explanation: String
        var listURL: String
        var rollupURL: String
        var stale: [KPIDashboardSummary.StaleKPI]?
    }

    struct LateOwner: Encodable {
        var owner: String
        var count: Int
        var longest: Int
    }

    struct Updates: Encodable {
        var hasCycles: Bool
        var owners: [LateOwner]?
        var lateURL: String
        var cyclesURL: String
    }

    var chrome: Chrome
    var asOf: String
    var figures: [Figure]
    var status: Chart?
    var redLights: [RedLight]?
    var redMore: String?
    var lateMilestones: [LateMilestone]?
    var lateMore: String?
    var staleIntro: String
    /// The monitoring settings (stale weeks, calendar feed), for the strategy team.
    var settingsURL: String?
    var stale: [StaleProject]?
    var staleMore: String?
    var budget: Chart?
    var budgetTotals: String?
    var budgetShown: String?
    var kpis: KPIBox?
    /// Only for the strategy team (the late list is theirs).
    var updates: Updates?
}
