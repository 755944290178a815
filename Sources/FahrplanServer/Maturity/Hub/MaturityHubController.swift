import FahrplanCore
import Fluent
import Vapor

/// The maturity hub `/m/:m/maturity`: what the two instruments are, the questionnaires, the latest Potenzialchecks
/// and Quick-Check rounds, and the way to the inventory. Every member reads it.
struct MaturityHubController {
    static let latestCount = 5

    func register(on routes: any RoutesBuilder) {
        routes.municipalityPages.get(.maturity(), use: hub)
    }

    func hub(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        let slug = context.municipality.slug
        func link(_ page: MunicipalityPage) -> String { SiteURL.municipality(slug, page).path }
        let english = req.language != .de
        let questionnaires = try await QuestionnaireService(db: req.db, context: context).list().map { family in
            MaturityHubPage.Link(title: family.latest.title, url: link(.questionnaire(.value(family.latest.id))),
                                 detail: "v\(family.latest.questionnaireVersion) · \(family.latest.statementCount) \(req.t("questionnaire.statements"))")
        }
        let assessmentService = AssessmentService(db: req.db, context: context)
        let assessments = Array(try await assessmentService.list().prefix(Self.latestCount))
        let counts = try await assessmentService.ratedCounts(assessments.compactMap(\.id))
        let assessmentLinks = try assessments.map { assessment in
            let id = try assessment.requireID()
            let day = CalendarDay(iso: assessment.assessedOn).map { english ? $0.iso : $0.german } ?? assessment.assessedOn
            return MaturityHubPage.Link(title: assessment.title, url: link(.assessment(.value(id))),
                                        detail: "\(day) · \(counts[id] ?? 0) \(req.t("assessment.rated"))")
        }
        // The rounds are helper S's; the hub only lists the newest with a link to each.
        let rounds = try await MaturityRoundRecord.query(on: req.db).filter(\.$municipality.$id == context.municipalityID)
            .filter(\.$archivedAt == nil).sort(\.$opensOn, .descending).limit(Self.latestCount)
            .field(\.$id).field(\.$title).field(\.$opensOn).field(\.$closesOn).rows()
        let surveyLinks = try rounds.map { row in
            let r = row.schema(MaturityRoundRecord.schema)
            func day(_ iso: String) -> String { CalendarDay(iso: iso).map { english ? $0.iso : $0.german } ?? iso }
            return MaturityHubPage.Link(title: try r.decode("title", as: String.self), url: link(.survey(.value(try r.decode("id", as: UUID.self)))),
                                        detail: "\(day(try r.decode("opens_on", as: String.self))) – \(day(try r.decode("closes_on", as: String.self)))")
        }
        let canManage = context.permissions.canEditFrame
        return try await req.view.render("maturity/maturity-hub", MaturityHubPage(
            chrome: context.chrome(req, title: req.t("maturity.title"), section: "maturity"),
            questionnairesURL: link(.maturity(.questionnaires)), assessmentsURL: link(.maturity(.assessments)),
            surveysURL: link(.surveys()), inventoryURL: link(.inventory()),
            newAssessmentURL: canManage && !questionnaires.isEmpty ? link(.maturity(.newAssessment)) : nil,
            newQuestionnaireURL: canManage ? link(.maturity(.newQuestionnaire)) : nil,
            questionnaires: questionnaires.isEmpty ? nil : questionnaires,
            assessments: assessmentLinks.isEmpty ? nil : assessmentLinks, surveys: surveyLinks.isEmpty ? nil : surveyLinks))
    }
}
