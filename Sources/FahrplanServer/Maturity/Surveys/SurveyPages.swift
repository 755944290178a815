extension MunicipalityPage {
    /// `/m/:m/maturity/surveys/…`: Quick-Check survey rounds.
    enum SurveysPage: String, FixedPages {
        case list = ""
        case new
    }

    /// `/m/:m/maturity/surveys/:survey/…` (its results: `ResultsPage`). `invitations` makes tokens (shown once),
    /// `invitationsCSV` hands the same batch out as a file.
    enum SurveyPage: String, FixedPages {
        case show = ""
        case edit, close, invitations
        case invitationsCSV = "invitations.csv"
    }
}

extension APIURL {
    /// `/api/v1/maturity/surveys/:survey/…`
    enum SurveyEndpoint: String, FixedPages {
        case show = ""
        case close, invitations
    }

    /// `/api/v1/surveys/:token/…`: the form's content (GET) and the submission (POST `responses`).
    enum PublicSurveyEndpoint: String, FixedPages {
        case show = ""
        case responses
    }
}
