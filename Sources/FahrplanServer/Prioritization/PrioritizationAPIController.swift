import FahrplanCore
import Fluent
import Foundation
import Vapor

/// Prioritization over JSON: the criteria catalog, rounds with their weights, ratings and AHP comparisons,
/// the ranking with its sensitivity, event scenarios and the decision log. The work is done by the services
/// of the web UI, so the API follows the same rules (who may do what, validation, one transaction with the
/// audit event and the decision record).
struct PrioritizationAPIController {
    func register(on api: any RoutesBuilder) {
        CriteriaAPIController().register(on: api)
        RoundAPIController().register(on: api)
        RoundInputAPIController().register(on: api)
        RankingAPIController().register(on: api)
        ScenarioAPIController().register(on: api)
        DecisionAPIController().register(on: api)
    }
}

/// What every round operation starts from: the tenant and the round (404 when it is not this municipality's).
struct RoundAPIScope {
    var req: Request
    var context: MunicipalityContext
    var round: PrioritizationRound

    var english: Bool { req.language == .en }
    var rounds: RoundService { RoundService(db: req.db, context: context) }

    static func load(_ req: Request) async throws -> RoundAPIScope {
        let context = try await req.municipalityContext()
        let round = try await RoundService(db: req.db, context: context).round(req.parameters.get("round"))
        return RoundAPIScope(req: req, context: context, round: round)
    }

    /// The round as `GET /rounds/{round}` answers it.
    func roundDTO() async throws -> RoundDTO { try await RoundDTO.load(round, on: req.db) }
}

/// The services name fields as the web forms do (`projectIDs`, `ratings[0].projectID`); the API reports them
/// under the names its JSON uses (`projectIds`, `ratings[0].projectId`).
enum PrioritizationFieldNames {
    static func apiName(_ field: String) -> String {
        // `projectIDs` → `projectIds`; `ID` ending a name part: `projectID`, `ratings[2].projectID`.
        var name = field.replacingOccurrences(of: "IDs", with: "Ids")
            .replacingOccurrences(of: "ID.", with: "Id.").replacingOccurrences(of: "ID[", with: "Id[")
        if name.hasSuffix("ID") { name = String(name.dropLast(2)) + "Id" }
        return name
    }

    static func rename(_ problems: [FieldProblem]) -> [FieldProblem] {
        problems.map { FieldProblem(apiName($0.field), $0.kind) }
    }

    /// Runs `body` and reports its field problems under the API's field names.
    static func translating<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let failure as ValidationFailure {
            throw FahrplanError.invalid(rename(failure.problems))
        } catch FahrplanError.invalid(let problems) {
            throw FahrplanError.invalid(rename(problems))
        }
    }
}

/// JSON numbers handed to services that parse numbers as people type them: written with a decimal comma,
/// which `LocaleNumber` reads unambiguously (`1.234` would be read as a thousands group).
enum APINumberText {
    static func text(_ value: Double) -> String {
        guard value.isFinite else { return "?" }
        var text = String(format: "%.10f", abs(value))
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return (value < 0 ? "-" : "") + text.replacingOccurrences(of: ".", with: ",")
    }
}

extension Response {
    /// `201 Created` with the new item's address.
    static func created<T: Content>(_ value: T, at location: String, for req: Request) async throws -> Response {
        let response = try await value.encodeResponse(status: .created, for: req)
        response.headers.replaceOrAdd(name: .location, value: location)
        return response
    }
}
