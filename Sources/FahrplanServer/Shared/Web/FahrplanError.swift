import FahrplanCore
import Vapor

/// The errors a person can cause, each with a clear message in the UI language and a problem document
/// (RFC 9457) for the API.
enum FahrplanError: Error {
    case csrf
    case notFound
    case forbidden
    case unauthorized
    case invalid([FieldProblem])
    case badRequest(String)
    /// The last member of a strategy team cannot leave it: someone must own the municipality.
    case lastStrategyTeamMember
    /// A merged project lives on in the project it was merged into; restoring it would split the history.
    case mergedProjectCannotBeRestored

    var status: HTTPResponseStatus {
        switch self {
        case .csrf, .forbidden: return .forbidden
        case .notFound: return .notFound
        case .unauthorized: return .unauthorized
        case .invalid: return .unprocessableEntity
        case .badRequest: return .badRequest
        case .lastStrategyTeamMember, .mergedProjectCannotBeRestored: return .conflict
        }
    }

    func message(_ language: Language) -> String {
        switch self {
        case .csrf: return Strings.text("errors.csrf", language)
        case .notFound: return Strings.text("errors.notFound", language)
        case .forbidden: return Strings.text("errors.forbidden", language)
        case .unauthorized: return language == .de ? "Anmeldung erforderlich." : "Authentication required."
        case .invalid: return Strings.text("errors.summary", language)
        case .badRequest(let detail): return detail
        case .lastStrategyTeamMember: return Strings.text("members.lastTeam", language)
        case .mergedProjectCannotBeRestored: return Strings.text("projects.mergedNoRestore", language)
        }
    }
}

extension ValidationFailure {
    var asFahrplanError: FahrplanError { .invalid(problems) }
}
