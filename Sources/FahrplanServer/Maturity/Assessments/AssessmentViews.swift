import FahrplanCore

struct AssessmentListPage: Encodable {
    struct Row: Encodable {
        var title: String
        var url: String
        var day: String
        var questionnaire: String
        var progress: String
        var resultsURL: String
    }

    var chrome: Chrome
    var hubURL: String
    var newURL: String?
    var rows: [Row]?
    var notice: String?
}

/// Create (with the questionnaire chosen) or edit the details of a Potenzialcheck.
struct AssessmentFormPage: Encodable {
    struct Values: Encodable {
        var title = "", assessedOn = "", participants = "", note = "", version = ""
    }

    var chrome: Chrome
    var heading: String
    var action: String
    var cancelURL: String
    var questionnaires: [Option]?
    var values: Values
    var problems: [ProblemLine]?
    var fieldErrors: [String: String]
    var conflict: ConflictPanel?
}

/// The statements grouped by topic field, for the rating form and the show page.
struct AssessmentStatementView: Encodable {
    struct Choice: Encodable {
        var value: String
        var label: String
        var checked: Bool
        var id: String
    }

    var key: String
    var number: String
    var text: String
    var explanation: String?
    var choices: [Choice]
    /// The rating as text (show page): the level's value and label, "weiß nicht" or "nicht bewertet".
    var rating: String
    var rated: Bool
    var evidence: String
    var error: String?
    var evidenceError: String?
}

struct AssessmentFieldView: Encodable {
    var key: String
    var title: String
    var rated: String
    var statements: [AssessmentStatementView]
}

struct AssessmentPageView: Encodable {
    var chrome: Chrome
    var listURL: String
    var title: String
    var facts: [KPIDetailPage.Fact]
    var progress: String
    var questionnaireURL: String
    var questionnaireTitle: String
    var fields: [AssessmentFieldView]
    var editURL: String?
    var ratingsURL: String?
    var resultsURL: String
    var archiveAction: String?
    var version: Int
    var notice: String?
}

struct AssessmentRatingPage: Encodable {
    var chrome: Chrome
    var title: String
    var showURL: String
    var action: String
    var version: String
    var progress: String
    var fields: [AssessmentFieldView]
    var problems: [ProblemLine]?
    var conflict: ConflictPanel?
}
