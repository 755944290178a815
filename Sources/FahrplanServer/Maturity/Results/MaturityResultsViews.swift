/// What `maturity/results.leaf` (and its printable form `maturity/results-print.leaf`) renders for a Quick-Check
/// round or a Potenzialcheck: every text and number is formatted in Swift, charts and their tables come as
/// markup from `ResultsCharts`; the templates only place them. An empty list is nil.
struct ResultsView: Encodable {
    struct Fact: Encodable {
        var id: String
        var label: String
        var value: String
    }

    struct Chart: Encodable {
        var svg: String?
        var table: String
    }

    struct FieldSection: Encodable {
        var id: String
        var title: String
        var mean: String
        var chart: String
        var table: String
    }

    struct Link: Encodable {
        var id: String
        var label: String
        var url: String
    }

    struct GroupForm: Encodable {
        var action: String
        var groups: [Option]
        var assessments: [Option]?
    }

    struct Breakdown: Encodable {
        var question: String
        var table: String
        /// "Fachdienst 32: withheld — fewer than 5 responses" — the reason, never the size.
        var suppressed: [String]?
    }

    /// One free-text answer; identical answers are listed once with how often they were given ("3 ×").
    struct FreeTextAnswer: Encodable {
        var text: String
        var times: String?
    }

    struct FreeTextQuestion: Encodable {
        var id: String
        var question: String
        var answers: [FreeTextAnswer]?
        /// On the screen page of a big round: "… and 1,234 more answers: in the results as JSON".
        var more: String?
        var moreURL: String?
    }

    struct ProjectRef: Encodable {
        var label: String
        var url: String
    }

    struct Step: Encodable {
        var index: Int
        var text: String
        var project: ProjectRef?
    }

    struct FirstStep: Encodable {
        var id: String
        var statementKey: String
        var statement: String
        var field: String
        var score: String
        var steps: [Step]
    }

    struct StepForm: Encodable {
        var action: String
        var sourceKind: String
        var sourceID: String
        var departments: [Option]
    }

    struct EvidenceRow: Encodable {
        var statement: String
        var rating: String
        var evidence: String?
    }

    struct EvidenceField: Encodable {
        var id: String
        var title: String
        var rows: [EvidenceRow]
    }

    var chrome: Chrome
    /// "survey" or "assessment".
    var kind: String
    var heading: String
    var subheading: String
    var backURL: String?
    var backLabel: String?
    var notice: String?
    var problems: [ProblemLine]?
    var facts: [Fact]
    /// Why nothing is shown (fewer than k responses).
    var withheld: String?
    var radar: Chart?
    var radarNote: String?
    var fields: [FieldSection]?
    var groupForm: GroupForm?
    var breakdown: Breakdown?
    var breakdownEmpty: String?
    var comparison: Chart?
    var comparisonTitle: String?
    var trend: Chart?
    var trendNote: String?
    var freeTexts: [FreeTextQuestion]?
    var firstSteps: [FirstStep]?
    var firstStepsNote: String
    var stepForm: StepForm?
    var evidence: [EvidenceField]?
    var exports: [Link]?
    var printURL: String?
}
