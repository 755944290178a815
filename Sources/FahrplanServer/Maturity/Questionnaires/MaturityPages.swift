extension MunicipalityPage {
    /// `/m/:m/maturity/…`: the maturity hub, the questionnaires and the Potenzialcheck assessments.
    enum MaturityPage: String, FixedPages {
        case overview = ""
        case questionnaires
        case newQuestionnaire = "questionnaires/new"
        /// POST: copies the shipped standard questionnaire.
        case copyStandard = "questionnaires/copy-standard"
        /// POST: a questionnaire file (JSON) uploaded or pasted.
        case importQuestionnaire = "questionnaires/import"
        case assessments
        case newAssessment = "assessments/new"
    }

    /// `/m/:m/maturity/questionnaires/:questionnaire/…`
    enum QuestionnairePage: String, FixedPages {
        case show = ""
        case edit
        /// The questionnaire as its file (`fahrplan-questionnaire/1` JSON).
        case download
        case archive
    }

    /// `/m/:m/maturity/assessments/:assessment/…` (its results: `ResultsPage`).
    enum AssessmentPage: String, FixedPages {
        case show = ""
        /// Title, date, participants, note.
        case edit
        /// The rating of every statement with its evidence.
        case ratings
        case archive
    }
}

extension APIURL {
    /// `/api/v1/maturity/assessments/{assessment}/…`
    enum AssessmentEndpoint: String, FixedPages {
        case show = ""
        case ratings
    }
}
