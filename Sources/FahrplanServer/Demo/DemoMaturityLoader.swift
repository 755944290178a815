import FahrplanCore
import Fluent
import Foundation
import Vapor

extension Application {
    private struct DemoMaturityKey: StorageKey { typealias Value = Bool }

    /// Whether the demo municipality gets its maturity data and inventory (`DemoMaturityLoader`,
    /// `DemoInventoryLoader`). Off for test servers (environment `testing`), whose maturity and inventory tests
    /// start from none; `DemoMaturityTests` switches it on. `fahrplan demo` and `serve --demo` load it.
    var loadsDemoMaturity: Bool {
        get { storage[DemoMaturityKey.self] ?? (environment != .testing) }
        set { storage[DemoMaturityKey.self] = newValue }
    }
}

/// Loads Musterstadt's maturity data in the demo's transaction (`DemoMaturityContent`): the standard questionnaire
/// copied, the Quick-Check rounds, the Potenzialchecks with their ratings and evidence, and the project idea made
/// from a first step all go through the services the strategy team's pages use (checks, audit). Only the anonymous
/// answers are written as rows: they arrived over weeks through the public form, and each is checked by the
/// questionnaire (`validatedResponse`) exactly as a submission is.
///
/// Days count back from the day the demo is loaded, so the open round is open and last year's round a year old
/// whenever the demo is loaded.
struct DemoMaturityLoader {
    var db: any Database
    var municipality: Municipality
    var userIDs: [String: UUID]
    var departmentIDs: [String: UUID]
    var calendar: MunicipalCalendar
    var enabled: Bool

    init(app: Application, db: any Database, municipality: Municipality, userIDs: [String: UUID], departmentIDs: [String: UUID]) {
        self.db = db
        self.municipality = municipality
        self.userIDs = userIDs
        self.departmentIDs = departmentIDs
        self.calendar = app.municipalCalendar
        self.enabled = app.loadsDemoMaturity
    }

    /// The rows it made, for the inventory loader and the tests.
    struct Loaded {
        var questionnaireID: UUID
        var roundIDs: [UUID]
        var assessmentIDs: [UUID]
        var projectID: UUID
    }

    @discardableResult
    func load(_ content: DemoMunicipality) async throws -> Loaded? {
        guard enabled, let team = try await DemoContexts.context(DemoMaturityContent.team, content, municipality: municipality,
                                                                 userIDs: userIDs, calendar: calendar, on: db) else { return nil }
        let today = calendar.today
        let record = try await QuestionnaireService(db: db, context: team).copyStandard()
        let questionnaire = try record.questionnaire()
        let questionnaireID = try record.requireID()
        for key in DemoMaturityContent.statementOffsets.keys.sorted() + [DemoMaturityContent.firstStepStatement]
            where !questionnaire.statements.contains(where: { $0.key == key }) {
            throw DemoMaturityError.missingStatement(key)
        }

        var roundIDs: [UUID] = []
        for round in [DemoMaturityContent.lastYear, DemoMaturityContent.thisYear, DemoMaturityContent.trainees] {
            roundIDs.append(try await loadRound(round, questionnaire: questionnaire, questionnaireID: questionnaireID, today: today, team: team))
        }
        var assessmentIDs: [UUID] = []
        for (index, check) in [DemoMaturityContent.workshop, DemoMaturityContent.strategyTeam].enumerated() {
            assessmentIDs.append(try await loadAssessment(check, questionnaire: questionnaire, questionnaireID: questionnaireID,
                                                          today: today, seed: UInt64(100 + index), team: team))
        }
        let projectID = try await loadProjectIdea(sourceRoundID: roundIDs[1], team: team)
        return Loaded(questionnaireID: questionnaireID, roundIDs: roundIDs, assessmentIDs: assessmentIDs, projectID: projectID)
    }

    private func loadRound(_ round: DemoQuickCheckRound, questionnaire: Questionnaire, questionnaireID: UUID,
                           today: CalendarDay, team: MunicipalityContext) async throws -> UUID {
        let opensOn = today.adding(days: -round.opensDaysAgo) ?? today
        let closesOn = today.adding(days: -round.closesDaysAgo) ?? today
        let record = try await SurveyService(db: db, context: team).create(SurveyRoundInput(
            questionnaireID: questionnaireID.uuidString, title: round.title, opensOn: opensOn.iso, closesOn: closesOn.iso,
            access: SurveyAccess.public.rawValue, invitedCount: String(round.invited)))
        let roundID = try record.requireID()
        let answers = try DemoQuickCheckAnswers.make(round, questionnaire: questionnaire, departmentIDs: departmentIDs,
                                                     opensOn: opensOn, lastDay: min(closesOn, today))
        let rows = answers.map { answer -> MaturityResponseRecord in
            let response = MaturityResponseRecord()
            response.id = UUID()
            response.$municipality.id = team.municipalityID
            response.$round.id = roundID
            response.submissionKey = answer.submissionKey
            response.levels = MaturityResponseCoding.encode(answer.response.levels)
            response.groups = MaturityResponseCoding.encodeOptionals(answer.response.groups)
            response.freeTexts = MaturityResponseCoding.encodeOptionals(answer.response.freeTexts)
            response.receivedOn = answer.receivedOn.iso
            return response
        }
        for chunk in rows.chunked(into: 200) { try await chunk.create(on: db) }
        return roundID
    }

    private func loadAssessment(_ check: DemoPotenzialcheck, questionnaire: Questionnaire, questionnaireID: UUID,
                                today: CalendarDay, seed: UInt64, team: MunicipalityContext) async throws -> UUID {
        for key in check.evidence.keys.sorted() + check.dontKnow.sorted()
            where !questionnaire.statements.contains(where: { $0.key == key }) {
            throw DemoMaturityError.missingStatement(key)
        }
        let service = AssessmentService(db: db, context: team)
        let assessment = try await service.create(AssessmentService.Details(
            questionnaireID: questionnaireID.uuidString, title: check.title,
            assessedOn: (today.adding(days: -check.daysAgo) ?? today).iso, participants: check.participants, note: check.note))
        var inputs: [String: AssessmentService.RatingInput] = [:]
        for rated in DemoQuickCheckAnswers.ratings(check, questionnaire: questionnaire, seed: seed) {
            inputs[rated.key] = AssessmentService.RatingInput(rating: rated.level.map { .value($0) } ?? .dontKnow,
                                                              evidence: check.evidence[rated.key])
        }
        try await service.saveRatings(assessment, inputs, expectedVersion: assessment.version)
        return try assessment.requireID()
    }

    /// The 2026 Quick-Check showed no rules for AI assistants; the strategy team turned the statement's
    /// first step into a project idea with the results page's button (`FirstStepProjects`).
    private func loadProjectIdea(sourceRoundID: UUID, team: MunicipalityContext) async throws -> UUID {
        let outcome = try await FirstStepProjects(db: db, context: team).create(FirstStepProjectInput(
            sourceKind: FirstStepProjects.SourceKind.survey.rawValue, sourceID: sourceRoundID.uuidString,
            statementKey: DemoMaturityContent.firstStepStatement, firstStep: "0", departmentID: departmentIDs["SD"]?.uuidString))
        return outcome.projectID
    }
}

/// The contexts demo loaders act in: a demo person with the role the content gives them.
enum DemoContexts {
    static func context(_ email: String, _ content: DemoMunicipality, municipality: Municipality, userIDs: [String: UUID],
                        calendar: MunicipalCalendar, on db: any Database) async throws -> MunicipalityContext? {
        guard let role = content.users.first(where: { $0.email == email })?.role, let id = userIDs[email],
              let user = try await User.find(id, on: db) else { return nil }
        return MunicipalityContext(municipality: municipality, municipalityID: try municipality.requireID(), user: CurrentUser(user),
                                   role: role, permissions: Permissions(role: role, isInstallationAdmin: false), calendar: calendar)
    }
}
