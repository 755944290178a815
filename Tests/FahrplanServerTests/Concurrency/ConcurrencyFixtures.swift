import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation

/// Edit forms as a browser posts them when nothing is changed, built from the stored rows.
enum ConcurrencyFixtures {
    static func projectFields(_ project: Project, _ details: ProjectDetails) -> [(String, String)] {
        let form = ProjectForm(project, details)
        var fields: [(String, String)] = [
            ("code", form.code ?? ""), ("title", form.title ?? ""), ("summary", form.summary ?? ""), ("description", form.description ?? ""),
            ("departmentID", form.departmentID ?? ""), ("responsiblePerson", form.responsiblePerson ?? ""), ("kind", form.kind ?? ""),
            ("legalObligation", form.legalObligation ?? ""), ("legalReference", form.legalReference ?? ""), ("legalDeadline", form.legalDeadline ?? ""),
            ("administrativeService", form.administrativeService ?? ""), ("benefitDescription", form.benefitDescription ?? ""),
            ("hoursSavedPerYear", form.hoursSavedPerYear ?? ""), ("startOn", form.startOn ?? ""), ("endOn", form.endOn ?? ""),
            ("risks", form.risks ?? ""), ("tags", form.tags ?? ""),
        ]
        fields += (form.beneficiaries ?? []).map { ("beneficiaries[]", $0) }
        fields += (form.strategyElementIDs ?? []).map { ("strategyElementIDs[]", $0) }
        fields += (form.dependencyIDs ?? []).map { ("dependencyIDs[]", $0) }
        for index in (form.costYear ?? []).indices {
            fields += [("costYear[]", form.costYear![index]), ("costOneOff[]", form.costOneOff![index]), ("costRunning[]", form.costRunning![index])]
        }
        for index in (form.effortYear ?? []).indices {
            fields += [("effortDepartment[]", form.effortDepartment![index]), ("effortYear[]", form.effortYear![index]), ("effortFTE[]", form.effortFTE![index])]
        }
        return fields
    }

    static func criterionFields(_ row: CatalogCriterion) -> [(String, String)] {
        let form = CriterionForm(row)
        var fields: [(String, String)] = [
            ("key", form.key ?? ""), ("name", form.name ?? ""), ("description", form.description ?? ""),
            ("direction", form.direction ?? ""), ("source", form.source ?? ""), ("defaultWeight", form.defaultWeight ?? ""),
        ]
        for index in (form.levelValue ?? []).indices {
            fields += [("levelValue[]", form.levelValue![index]), ("levelLabel[]", form.levelLabel![index]),
                       ("levelDescription[]", form.levelDescription![index])]
        }
        return fields
    }

    static func roundFields(_ round: PrioritizationRound) -> [(String, String)] {
        let form = RoundForm(round)
        var fields: [(String, String)] = [("title", form.title ?? ""), ("description", form.description ?? ""),
                                          ("aggregation", form.aggregation ?? ""), ("topN", form.topN ?? "")]
        if let value = form.legalDeadlineFirst { fields.append(("legalDeadlineFirst", value)) }
        if let value = form.inheritUrgency { fields.append(("inheritUrgency", value)) }
        return fields
    }

    /// A round of the demo whose settings can still change.
    static func openRound(on server: TestServer) async throws -> PrioritizationRound {
        let municipality = try await Fixtures.musterstadt(on: server)
        let rounds = try await PrioritizationRound.query(on: server.db).filter(\.$municipality.$id == municipality.requireID())
            .filter(\.$archivedAt == nil).all()
        guard let round = rounds.first(where: { $0.roundStatus != .closed }) else { throw FahrplanError.notFound }
        return round
    }
}
