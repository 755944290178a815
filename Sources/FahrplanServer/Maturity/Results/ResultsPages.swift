extension MunicipalityPage {
    /// `…/surveys/:survey/results/…` and `…/assessments/:assessment/results/…`: the results page, its printable
    /// form and the exports (anonymous answers — an assessment's ratings with evidence —, results as CSV and JSON).
    enum ResultsPage: String, FixedPages {
        case show = ""
        case print
        case answersCSV = "answers.csv"
        case resultsCSV = "results.csv"
        case resultsJSON = "results.json"
    }

    /// `/m/:m/maturity/first-steps/…`: turning a first step into a project idea.
    enum FirstStepsPage: String, FixedPages {
        case project
    }
}
