import FahrplanCore

/// What the questionnaire templates render; texts and links are decided in the controller.
struct QuestionnaireListPage: Encodable {
    struct Row: Encodable {
        var title: String
        var url: String
        var key: String
        var version: Int
        var statements: Int
        var created: String
        var older: [Row]?
    }

    var chrome: Chrome
    var hubURL: String
    var newURL: String?
    var rows: [Row]?
    var notice: String?
}

/// Copy the standard, or import a file.
struct QuestionnaireNewPage: Encodable {
    var chrome: Chrome
    var listURL: String
    var copyAction: String
    var importAction: String
    var standardTitle: String
    var standardStatements: Int
    var standardFields: Int
    var content: String
    var problems: [ProblemLine]?
    var fieldErrors: [String: String]
}

struct QuestionnaireShowPage: Encodable {
    struct Level: Encodable {
        var value: Int
        var label: String
    }

    struct StatementView: Encodable {
        var key: String
        var text: String
        var explanation: String?
        var firstSteps: [String]?
    }

    struct FieldView: Encodable {
        var key: String
        var title: String
        var description: String?
        var statements: [StatementView]
    }

    var chrome: Chrome
    var listURL: String
    var title: String
    var description: String?
    var key: String
    var version: Int
    var language: String
    var statementCount: Int
    var archived: Bool
    var hasAnswers: Bool
    var levels: [Level]
    var dontKnow: String?
    var fields: [FieldView]
    var freeText: [String]?
    var grouping: [String]?
    var editURL: String?
    var downloadURL: String
    var archiveAction: String?
    var rowVersion: Int
    var newAssessmentURL: String?
    var otherVersions: [QuestionnaireListPage.Row]?
    var notice: String?
}

struct QuestionnaireEditPage: Encodable {
    struct LevelInput: Encodable {
        var index: Int
        var value: Int
        var label: String
        var error: String?
    }

    struct StatementInput: Encodable {
        /// The inputs' name prefix, `f0.s1.`.
        var prefix: String
        /// The remove button's action, `removeStatement-0-1`.
        var removeAction: String
        var number: Int
        var key: String
        var text: String
        var explanation: String
        var firstSteps: String
        var textError: String?
        var explanationError: String?
        var firstStepsError: String?
    }

    struct FieldInput: Encodable {
        var index: Int
        var prefix: String
        var number: Int
        var key: String
        var title: String
        var description: String
        var titleError: String?
        var statementsError: String?
        var statementCount: Int
        var statements: [StatementInput]
    }

    var chrome: Chrome
    var heading: String
    var action: String
    var cancelURL: String
    var version: String
    var title: String
    var titleError: String?
    var description: String
    var levelCount: Int
    var levels: [LevelInput]
    var dontKnow: String
    var hasDontKnow: Bool
    var dontKnowError: String?
    var fieldCount: Int
    var fields: [FieldInput]
    var fieldsError: String?
    /// Saving makes version N+1 because answers exist.
    var newVersionNotice: String?
    var problems: [ProblemLine]?
    var conflict: ConflictPanel?
    /// With a conflict: each text where the stored questionnaire and the posted form differ.
    var comparison: [QuestionnaireComparisonRow]? = nil
    /// With a conflict whose posted texts equal the stored ones.
    var comparisonSame: Bool = false
}

/// The maturity hub: the instruments, questionnaires, latest Potenzialchecks and survey rounds.
struct MaturityHubPage: Encodable {
    struct Link: Encodable {
        var title: String
        var url: String
        var detail: String
    }

    var chrome: Chrome
    var questionnairesURL: String
    var assessmentsURL: String
    var surveysURL: String
    var inventoryURL: String
    var newAssessmentURL: String?
    var newQuestionnaireURL: String?
    var questionnaires: [Link]?
    var assessments: [Link]?
    var surveys: [Link]?
}
