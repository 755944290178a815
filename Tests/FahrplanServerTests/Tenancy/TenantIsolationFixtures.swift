import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import NIOHTTP1
import Testing
import Vapor

/// Nachbarstadt as the walk needs it: the fixture, plus a second element of each kind (so that moving
/// one would change positions), a link, a second strategy-team member (so that demoting or removing the
/// first one would be allowed), a vision and an API token, all carrying the marker.
struct OtherTenant {
    var fixture: Fixtures.OtherMunicipality
    var municipalityID: UUID
    var target: WalkTarget
    /// Every id of B that a page or answer for A must never show.
    var ids: [UUID]
    var emails: [String]

    static func make(on server: TestServer) async throws -> OtherTenant {
        let marker = Fixtures.OtherMunicipality.marker
        let fixture = try await Fixtures.otherMunicipality(on: server)
        let municipalityID = try fixture.municipality.requireID()
        let found = try await User.find(fixture.userID, on: server.db)
        let user = try #require(found)
        let context = MunicipalityContext(municipality: fixture.municipality, municipalityID: municipalityID,
                                          user: CurrentUser(user), role: .strategyTeam,
                                          permissions: Permissions(role: .strategyTeam, isInstallationAdmin: false))
        let service = StrategyService(db: server.db, context: context)
        try await service.updateVision(title: "Vision \(marker)", text: "Leitbild \(marker)")
        let principle = try await service.create(.principle, StrategyElementInput(title: "Zweite Leitlinie \(marker)"))
        let field = try await service.create(.fieldOfAction, StrategyElementInput(title: "Zweites Feld \(marker)"))
        let goal = try await service.create(.goal, StrategyElementInput(title: "Zweites Ziel \(marker)", targetStatement: "50 % \(marker)",
                                                                        parentID: fixture.fieldID.uuidString,
                                                                        responsibleDepartmentID: fixture.departmentID.uuidString))
        let program = try await service.create(.program, StrategyElementInput(title: "Zweites Programm \(marker)", parentID: fixture.goalID.uuidString))
        try await service.link(try await service.element(.program, id: fixture.programID.uuidString), to: fixture.principleID.uuidString)

        let accounts = AccountService(db: server.db, hasher: server.app.password.async)
        let second = try await accounts.createUser(email: "zweites-team@nachbarstadt.example", displayName: "Zweites Team \(marker)",
                                                   password: TestServer.demoPassword, isInstallationAdmin: false)
        try await accounts.grant(.strategyTeam, to: second, in: fixture.municipality, departmentID: nil, actor: nil)
        _ = try await Fixtures.token(for: fixture.teamEmail, on: server, slug: fixture.municipality.slug)
        let storedToken = try await APIToken.query(on: server.db).filter(\.$user.$id == fixture.userID).first()
        let token = try #require(storedToken)

        let projects = try await WalkProjects.create(context: context, departmentID: fixture.departmentID, elementID: fixture.goalID,
                                                     suffix: marker, on: server.db)
        let callID = try await WalkCalls.create(context: context, departmentID: fixture.departmentID, suffix: marker, on: server.db)
        let stagedImportID = try await WalkImports.create(municipalityID: municipalityID, userID: fixture.userID, department: fixture.departmentID, suffix: marker, on: server.db)
        let prioritization = try await WalkPrioritization.create(context: context, project: projects.main, raterID: fixture.userID, suffix: marker, on: server.db)
        let prioritizationAPI = try await WalkPrioritizationAPI.create(
            context: context, shared: prioritization, project: projects.main, departmentID: fixture.departmentID, raterID: fixture.userID,
            suffix: marker, on: server.db)

        let plans = try await WalkPlans.create(context: context, suffix: marker, on: server.db)
        var target = WalkTarget(
            slug: fixture.municipality.slug,
            elements: [.principle: fixture.principleID, .fieldOfAction: fixture.fieldID, .goal: fixture.goalID, .program: fixture.programID],
            departmentID: fixture.departmentID, userID: fixture.userID, tokenID: try token.requireID(),
            memberToAdd: Fixtures.strategyTeam, projects: projects, callID: callID, stagedImportID: stagedImportID,
            prioritization: prioritization, prioritizationAPI: prioritizationAPI,
            invitationID: try await Invitations.issue(email: "eingeladen@nachbarstadt.example", displayName: "Eingeladen \(marker)", role: .reader,
                                                      departmentID: nil, in: fixture.municipality, actor: nil, request: nil, on: server.db).0.requireID())
        target.plans = plans
        target.kpiID = try await WalkKPIs.create(context: context, goalID: fixture.goalID, suffix: marker, on: server.db)
        target.cycles = try await WalkCycles.create(context: context, on: server.db)
        target.status = try await WalkStatus.create(context: context, departmentID: fixture.departmentID, elementID: fixture.goalID,
                                                    ownerID: fixture.userID, suffix: marker, on: server.db)
        target.inventory = try await WalkInventory.create(context: context, departmentID: fixture.departmentID, suffix: marker, on: server.db)
        target.surveys = try await WalkSurveys.create(context: context, suffix: marker, on: server.db)
        target.maturity = try await WalkMaturity.create(context: context, suffix: marker, on: server.db)
        target.newsletter = try await WalkNewsletter.create(context: context, suffix: marker, on: server.db)
        target.strategyVersions = try await WalkStrategyVersions.create(context: context, suffix: marker, on: server.db)
        let ids = [target.newsletter!.newsletterID, target.strategyVersions!.versionID] + target.maturity!.all + target.surveys!.all + target.inventory!.all + [target.kpiID!, target.cycles!.cycleID, target.cycles!.lockID] + target.status!.all + plans.all + [municipalityID, fixture.principleID, fixture.fieldID, fixture.goalID, fixture.programID, fixture.departmentID, fixture.userID,
                   try principle.requireID(), try field.requireID(), try goal.requireID(), try program.requireID(),
                   try second.requireID(), try token.requireID()] + projects.all + [callID, stagedImportID] + prioritization.all + prioritizationAPI.all
        return OtherTenant(fixture: fixture, municipalityID: municipalityID, target: target, ids: ids,
                           emails: [fixture.teamEmail, second.email])
    }

    /// What of B a response body shows: the marker (in every text of B), B's ids, B's people.
    /// The home page may name B (public by design): with `allowingName`, B's name does not count.
    func leaks(in body: String, allowingName: Bool = false) -> [String] {
        var text = body
        if allowingName { text = text.replacingOccurrences(of: fixture.municipality.name, with: "") }
        var found: [String] = []
        if text.contains(Fixtures.OtherMunicipality.marker) { found.append("marker \(Fixtures.OtherMunicipality.marker)") }
        for id in ids where text.contains(id.uuidString) || text.contains(id.uuidString.lowercased()) { found.append("id \(id)") }
        for email in emails where text.contains(email) { found.append(email) }
        return found
    }
}

/// The rows a walk points a route's parameters at.
struct WalkTarget {
    var slug: String
    var elements: [StrategyElementKind: UUID]
    var departmentID: UUID
    var userID: UUID
    var tokenID: UUID
    /// Whom the "add member" form adds.
    var memberToAdd: String
    var projects: WalkProjects
    /// An open call that asks `departmentID`.
    var callID: UUID
    /// A staged (previewed) project import.
    var stagedImportID: UUID
    /// Criterion, rounds and scenarios of the prioritization.
    var prioritization: WalkPrioritization
    /// The rounds and the project only the prioritization API's routes work on.
    var prioritizationAPI: WalkPrioritizationAPI
    /// An open invitation of the municipality (renew, withdraw).
    var invitationID: UUID? = nil
    /// Roadmap plans of the municipality.
    var plans: WalkPlans? = nil
    /// A KPI of the municipality's goal, with a measurement.
    var kpiID: UUID? = nil
    /// An update cycle and a locked period of the municipality.
    var cycles: WalkCycles? = nil
    /// A project in implementation with a status report, a milestone and an owner.
    var status: WalkStatus? = nil
    /// A public Quick-Check round with an answer and an invitation round (`:survey`).
    var surveys: WalkSurveys? = nil
    /// An IT system and an administrative service of the municipality.
    var inventory: WalkInventory? = nil
    /// Questionnaires and a rated Potenzialcheck (`:questionnaire`, `:assessment`).
    var maturity: WalkMaturity? = nil
    /// A newsletter draft with content (`:newsletter`).
    var newsletter: WalkNewsletter? = nil
    /// A strategy version (`:version`).
    var strategyVersions: WalkStrategyVersions? = nil

    func with(slug: String) -> WalkTarget {
        var copy = self
        copy.slug = slug
        return copy
    }

    func parent(of kind: StrategyElementKind) -> UUID? { kind.parentKind.flatMap { elements[$0] } }
    func linkTarget(for kind: StrategyElementKind) -> UUID? { elements[kind == .principle ? .fieldOfAction : .principle] }

    /// Musterstadt's own rows, for the walk that proves the paths and forms are real.
    static func musterstadt(on server: TestServer) async throws -> WalkTarget {
        let municipality = try await Fixtures.musterstadt(on: server)
        var elements: [StrategyElementKind: UUID] = [:]
        for kind in StrategyElementKind.allCases { elements[kind] = try await Fixtures.firstElement(kind, on: server).requireID() }
        let firstDepartment = try await Department.query(on: server.db).filter(\.$municipality.$id == municipality.requireID()).sort(\.$code).first()
        let department = try #require(firstDepartment)
        let storedReader = try await User.query(on: server.db).filter(\.$email == Fixtures.reader).first()
        let reader = try #require(storedReader)
        _ = try await Operations.createToken(server.app, email: Fixtures.strategyTeam, municipalitySlug: municipality.slug, name: "revoke-me")
        let storedToken = try await APIToken.query(on: server.db).filter(\.$name == "revoke-me").first()
        let token = try #require(storedToken)
        let team = try await WalkProjects.strategyTeamContext(municipality, email: Fixtures.strategyTeam, on: server.db)
        let projects = try await WalkProjects.create(context: team, departmentID: try department.requireID(), elementID: elements[.goal]!,
                                                     suffix: "Musterstadt", on: server.db)
        let callID = try await WalkCalls.create(context: team, departmentID: try department.requireID(), suffix: "Musterstadt", on: server.db)
        let stagedImportID = try await WalkImports.create(municipalityID: try municipality.requireID(), userID: team.user.id,
                                                          department: try department.requireID(), suffix: "Musterstadt", on: server.db)
        let rater = try await PrioritizationFixtures.userID(Fixtures.rater, on: server.db)
        let prioritization = try await WalkPrioritization.create(context: team, project: projects.main, raterID: rater, suffix: "Musterstadt", on: server.db)
        let prioritizationAPI = try await WalkPrioritizationAPI.create(
            context: team, shared: prioritization, project: projects.main, departmentID: try department.requireID(), raterID: rater,
            suffix: "Musterstadt", on: server.db)
        let plans = try await WalkPlans.create(context: team, suffix: "Musterstadt", on: server.db)
        var target = WalkTarget(slug: municipality.slug, elements: elements, departmentID: try department.requireID(),
                          userID: try reader.requireID(), tokenID: try token.requireID(), memberToAdd: "walk-neu@musterstadt.example", projects: projects,
                          callID: callID, stagedImportID: stagedImportID, prioritization: prioritization, prioritizationAPI: prioritizationAPI,
                          invitationID: try await Invitations.issue(email: "walk-eingeladen@musterstadt.example", displayName: nil, role: .reader,
                                                                    departmentID: nil, in: municipality, actor: nil, request: nil, on: server.db).0.requireID())
        target.plans = plans
        target.kpiID = try await WalkKPIs.create(context: team, goalID: elements[.goal]!, suffix: "Musterstadt", on: server.db)
        target.cycles = try await WalkCycles.create(context: team, on: server.db)
        target.status = try await WalkStatus.create(context: team, departmentID: try department.requireID(), elementID: elements[.goal]!,
                                                    ownerID: try reader.requireID(), suffix: "Musterstadt", on: server.db)
        target.surveys = try await WalkSurveys.create(context: team, suffix: "Musterstadt", on: server.db)
        target.maturity = try await WalkMaturity.create(context: team, suffix: "Musterstadt", on: server.db)
        target.inventory = try await WalkInventory.create(context: team, departmentID: try department.requireID(), suffix: "Musterstadt", on: server.db)
        target.newsletter = try await WalkNewsletter.create(context: team, suffix: "Musterstadt", on: server.db)
        target.strategyVersions = try await WalkStrategyVersions.create(context: team, suffix: "Musterstadt", on: server.db)
        return target
    }
}

// MARK: - The walk
