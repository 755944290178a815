import Foundation

/// The maturity results part of the API's route table (`APIURL.maturityResults`): a Quick-Check round's and a
/// Potenzialcheck's results, and turning a first step into a project idea. It lives with the table because Shared
/// may not name the Maturity layer's types. `:survey` and `:assessment` are the parameter names the
/// tenant-isolation walk fills (the same as the round and assessment routes of the web pages).
enum MaturityResultsAPIEndpoint: Sendable {
    case surveyResults(IDParameter)
    case assessmentResults(IDParameter)
    case firstStepProject

    static var allRoutes: [MaturityResultsAPIEndpoint] { [.surveyResults(.key), .assessmentResults(.key), .firstStepProject] }

    var segments: [PathSegment] {
        switch self {
        case .surveyResults(let id): [.fixed("maturity"), .fixed("surveys"), id.segment("survey"), .fixed("results")]
        case .assessmentResults(let id): [.fixed("maturity"), .fixed("assessments"), id.segment("assessment"), .fixed("results")]
        case .firstStepProject: [.fixed("maturity"), .fixed("first-steps"), .fixed("project")]
        }
    }
}
