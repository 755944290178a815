import Foundation
import Vapor

// What the prioritization set-up templates render. Optional lists are nil when empty: Leaf treats an empty
// array (and 0, and "") as true.

struct PrioritizationOverviewPage: Encodable {
    var chrome: Chrome
    var rounds: [RoundRow]?
    var newRoundURL: String?
    var criteriaURL: String
    var decisionsURL: String
    var criteriaSummary: String
    var notice: String?

    struct RoundRow: Encodable {
        var title: String
        var url: String
        var statusLabel: String
        var statusClass: String
        var projects: Int
        var raters: Int
        var progress: String
        var created: String
        /// The signed-in person's own task in the round ("Ihre Bewertung: 12 von 40"), with the link to it.
        var ownTask: String?
        var rateURL: String?
    }
}

struct CriteriaListPage: Encodable {
    var chrome: Chrome
    var overviewURL: String
    var rows: [Row]?
    var newURL: String?
    /// Offered while the catalog is empty.
    var defaultsURL: String?
    var archived: Bool
    var toggleArchivedURL: String
    var notice: String?
    var totalWeight: String?

    struct Row: Encodable {
        var key: String
        var name: String
        var url: String
        var direction: String
        var source: String
        var scale: String
        var defaultWeight: String
        var share: String
        var archived: Bool
    }
}

struct CriterionDetailPage: Encodable {
    var chrome: Chrome
    var overviewURL: String
    var criteriaURL: String
    var key: String
    var name: String
    var descriptionHTML: String?
    var direction: String
    var source: String
    var sourceHint: String
    var defaultWeight: String
    var levels: [LevelView]?
    var archived: Bool
    var editURL: String?
    var archiveURL: String?
    var restoreURL: String?
    var historyURL: String?
    var notice: String?
    var hasTools: Bool
}

struct CriterionFormPage: Encodable {
    var chrome: Chrome
    var overviewURL: String
    var criteriaURL: String
    var heading: String
    var action: String
    var cancelURL: String
    var values: Values
    var directionOptions: [Option]
    var sourceOptions: [ExplainedOption]
    var levels: [LevelInput]
    var problems: [ProblemLine]?
    var fieldErrors: [String: String]
    var version: Int? = nil
    var conflict: ConflictPanel? = nil

    struct Values: Encodable {
        var key: String
        var name: String
        var description: String
        var defaultWeight: String
    }

    struct LevelInput: Encodable {
        var index: Int
        var number: Int
        var value: String
        var label: String
        var description: String
        var valueError: String?
        var labelError: String?
        var descriptionError: String?
    }
}

/// A project offered for a round's scope.
struct ProjectChoice: Encodable {
    var id: String
    var code: String
    var title: String
    var url: String
    var status: String
    var statusLabel: String
    var selected: Bool
}

struct RoundFormPage: Encodable {
    var chrome: Chrome
    var overviewURL: String
    var heading: String
    var action: String
    var cancelURL: String
    var settings: RoundSettingsValues
    var aggregationOptions: [ExplainedOption]
    var criterionOptions: [Option]?
    var catalogURL: String
    var projects: [ProjectChoice]?
    var raters: [Option]?
    var problems: [ProblemLine]?
    var fieldErrors: [String: String]
}

struct RoundSettingsValues: Encodable {
    var title: String
    var description: String
    var topN: String
    var legalDeadlineFirst: Bool
    var inheritUrgency: Bool
}

struct RoundPage: Encodable {
    struct ScopeSummary: Encodable {
        var text: String
        var url: String
        var label: String
    }

    var chrome: Chrome
    var overviewURL: String
    var title: String
    var statusLabel: String
    var statusClass: String
    var descriptionHTML: String?
    var notice: String?
    var problems: [ProblemLine]?
    var fieldErrors: [String: String]
    /// Said to everyone on a closed round: it never changes silently.
    var closedNote: String?
    var draftNote: String?
    /// The strategy team on a round that is not closed: the forms; everyone else sees the facts.
    var editable: Bool
    var rateURL: String?
    var rateLabel: String?
    var ahpURL: String?
    var rankingURL: String?
    var historyURL: String?
    var facts: [Fact]
    var settingsAction: String
    var settings: RoundSettingsValues
    /// The settings' edit version the settings form is based on.
    var settingsVersion: Int?
    var conflict: ConflictPanel?
    var aggregationOptions: [ExplainedOption]
    var weightsAction: String
    var weighting: String
    var weights: [WeightRow]
    var weightsTotal: String
    var scopeAction: String
    var projects: [ProjectChoice]?
    var projectCount: Int
    /// Instead of the list of projects when there are many (`RoundPageBuilder.scopeListLimit`).
    var scopeSummary: ScopeSummary?
    var raters: [Option]?
    var raterNames: String?
    var progress: [RaterProgress]?
    var openURL: String?
    var close: CloseSection?

    struct Fact: Encodable {
        var label: String
        var value: String
    }

    struct WeightRow: Encodable {
        var key: String
        var name: String
        var url: String?
        var source: String
        var points: String
        var percent: String
        var error: String?
    }

    struct RaterProgress: Encodable {
        var name: String
        var rated: Int
        var needed: Int
        var text: String
        var submitted: String?
    }

    struct CloseSection: Encodable {
        var action: String
        /// nil when nothing is missing: then no policy is asked.
        var missingText: String?
        var policies: [ExplainedOption]?
        var decidedBy: String
        var decidedOn: String
        var rationale: String
    }
}

struct RatingPage: Encodable {
    var chrome: Chrome
    var overviewURL: String
    var roundURL: String
    var roundTitle: String
    var heading: String
    var notice: String?
    var problems: [ProblemLine]?
    /// Why nothing can be entered (not open yet, submitted, closed); nil while the rater is at work.
    var readOnlyNote: String?
    var editable: Bool
    var progressText: String
    var action: String
    var submitURL: String?
    var resultsURL: String?
    var page: Int
    var filter: String
    var filters: [FilterLink]
    var pageText: String?
    var previousURL: String?
    var nextURL: String?
    var scales: [Scale]?
    /// The page's projects, rendered from `prioritization/rate-projects` (kept per round stamp and rater).
    var projectsHTML: String?

    /// The context of `prioritization/rate-projects`.
    struct Projects: Encodable {
        var chrome: FragmentChrome
        var editable: Bool
        var projects: [ProjectBlock]
    }

    struct FilterLink: Encodable {
        var label: String
        var url: String
        var current: Bool
    }

    struct Scale: Encodable {
        var key: String
        var name: String
        var descriptionHTML: String?
        var direction: String
        var levels: [LevelView]
    }

    struct ProjectBlock: Encodable {
        var id: String
        var code: String
        var title: String
        var summary: String?
        var url: String
        var stateText: String
        var cells: [Cell]
        var derived: [Derived]?
    }

    struct Cell: Encodable {
        var fieldID: String
        var projectID: String
        var key: String
        var name: String
        var options: [Option]
        var justification: String
        var scoreError: String?
        var justificationError: String?
        var scoreText: String?
    }

    struct Derived: Encodable {
        var name: String
        var value: String
        var why: String
    }
}

struct SubmitRatingsPage: Encodable {
    var chrome: Chrome
    var overviewURL: String
    var roundURL: String
    var rateURL: String
    var roundTitle: String
    var action: String
    var progressText: String
    var missingText: String?
}

struct PairwisePage: Encodable {
    var chrome: Chrome
    var overviewURL: String
    var roundURL: String
    var roundTitle: String
    var heading: String
    var notice: String?
    var problems: [ProblemLine]?
    var readOnlyNote: String?
    var action: String?
    var pairs: [Pair]?
    var tooFew: Bool
    var own: Result?
    var group: Result?
    var participants: [Participant]?
    var adoptURL: String?
    var weightingNote: String

    struct Pair: Encodable {
        var id: String
        var a: String
        var b: String
        var label: String
        var options: [Option]
        var error: String?
        var chosen: String?
    }

    struct Result: Encodable {
        var weights: [Share]
        var lambdaMax: String
        var consistencyIndex: String
        var randomIndex: String
        var consistencyRatio: String
        var acceptable: Bool
        var worst: [String]?
    }

    struct Share: Encodable {
        var name: String
        var percent: String
        var value: String
    }

    struct Participant: Encodable {
        var name: String
        var complete: String
        var consistencyRatio: String
    }
}
