import FahrplanCore
import Fluent
import Vapor

/// The results pages of Quick-Check rounds and Potenzialchecks, their printable form and exports, and the button
/// that turns a first step into a project idea.
///
/// Who sees what: every member of the municipality reads results (leadership — mayors, heads of department, council
/// members — are readers in the role model, and the results are reported to them); the anonymous answers as a file
/// and the project button are the strategy team's (`canManagePortfolio`), as is the portfolio they feed.
struct MaturityResultsWebController {
    func register(on routes: any RoutesBuilder) {
        let pages = routes.municipalityPages
        pages.get(.surveyResults(.key), use: surveyPage)
        pages.get(.surveyResults(.key, .print), use: surveyPrint)
        pages.get(.surveyResults(.key, .answersCSV), use: surveyAnswers)
        pages.get(.surveyResults(.key, .resultsCSV), use: surveyResultsCSV)
        pages.get(.surveyResults(.key, .resultsJSON), use: surveyResultsJSON)
        pages.get(.assessmentResults(.key), use: assessmentPage)
        pages.get(.assessmentResults(.key, .print), use: assessmentPrint)
        pages.get(.assessmentResults(.key, .answersCSV), use: assessmentRatings)
        pages.get(.assessmentResults(.key, .resultsCSV), use: assessmentResultsCSV)
        pages.get(.assessmentResults(.key, .resultsJSON), use: assessmentResultsJSON)
        pages.post(.firstSteps(.project), use: createProject)
    }

    static func choice(_ req: Request) -> SurveyResultsPageBuilder.Choice {
        func value(_ name: String) -> String? {
            req.query[String.self, at: name].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        }
        return .init(group: value("group"), assessment: value("assessment"))
    }

    // MARK: rounds

    func surveyPage(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        let round = try await MaturityResultsLoad(req: req, context: context).round(req.parameters.get("survey"))
        let notice = try await Self.createdNotice(req, context)
        let view = try await SurveyResultsPageBuilder(req: req, context: context).page(round, choice: Self.choice(req), print: false, notice: notice)
        return try await req.view.render("maturity/results", view)
    }

    func surveyPrint(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        let round = try await MaturityResultsLoad(req: req, context: context).round(req.parameters.get("survey"))
        let view = try await SurveyResultsPageBuilder(req: req, context: context).page(round, choice: Self.choice(req), print: true)
        return try await req.view.render("maturity/results-print", view)
    }

    private func roundOutcome(_ req: Request) async throws -> (MunicipalityContext, MaturityResultsService.RoundResults) {
        let context = try await req.municipalityContext()
        let service = MaturityResultsService(req: req, context: context)
        let round = try await service.load.round(req.parameters.get("survey"))
        let loaded = try await service.load.load(round)
        let group = Self.choice(req).group.flatMap { key in loaded.questionnaire.grouping.contains { $0.key == key } ? key : nil }
        return (context, try await service.results(loaded, groupingKey: group))
    }

    /// No grouping column whatever `?group=` says (see `ResultsExports`).
    func surveyAnswers(_ req: Request) async throws -> Response {
        let (context, outcome) = try await roundOutcome(req)
        try context.require(context.permissions.canManagePortfolio)
        let responses = outcome.responseCount >= outcome.loaded.k ? try await outcome.loaded.responses(on: req.db) : []
        guard let data = ResultsExports.answersCSV(outcome.loaded, responses: responses, english: req.language != .de) else {
            throw Abort(.conflict, reason: req.t("mres.answersRefused").replacingOccurrences(of: "%1", with: String(outcome.loaded.k)))
        }
        return ImportResponses.download(data, contentType: "text/csv; charset=utf-8", fileName: Self.fileName(req, "antworten", "answers", outcome.loaded.round.title, "csv"))
    }

    func surveyResultsCSV(_ req: Request) async throws -> Response {
        let (_, outcome) = try await roundOutcome(req)
        let data = ResultsExports.roundResultsCSV(outcome, english: req.language != .de) { Self.suppression($0, req) }
        return ImportResponses.download(data, contentType: "text/csv; charset=utf-8", fileName: Self.fileName(req, "ergebnisse", "results", outcome.loaded.round.title, "csv"))
    }

    func surveyResultsJSON(_ req: Request) async throws -> Response {
        let (context, outcome) = try await roundOutcome(req)
        let service = MaturityResultsService(req: req, context: context)
        let dto = MaturityResultsDTO.make(outcome, trend: try await service.trend(outcome), links: try await service.projectLinks())
        return try Self.jsonDownload(dto, fileName: Self.fileName(req, "ergebnisse", "results", outcome.loaded.round.title, "json"))
    }

    // MARK: assessments

    func assessmentPage(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        let record = try await MaturityResultsLoad(req: req, context: context).assessmentRecord(req.parameters.get("assessment"))
        let notice = try await Self.createdNotice(req, context)
        let view = try await AssessmentResultsPageBuilder(req: req, context: context).page(record, print: false, notice: notice)
        return try await req.view.render("maturity/results", view)
    }

    func assessmentPrint(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        let record = try await MaturityResultsLoad(req: req, context: context).assessmentRecord(req.parameters.get("assessment"))
        let view = try await AssessmentResultsPageBuilder(req: req, context: context).page(record, print: true)
        return try await req.view.render("maturity/results-print", view)
    }

    private func assessmentOutcome(_ req: Request) async throws -> (MunicipalityContext, MaturityResultsService.AssessmentResults) {
        let context = try await req.municipalityContext()
        let service = MaturityResultsService(req: req, context: context)
        let record = try await service.load.assessmentRecord(req.parameters.get("assessment"))
        return (context, try await service.results(record))
    }

    func assessmentRatings(_ req: Request) async throws -> Response {
        let (_, current) = try await assessmentOutcome(req)
        return ImportResponses.download(ResultsExports.assessmentRatingsCSV(current.loaded, english: req.language != .de),
                                        contentType: "text/csv; charset=utf-8",
                                        fileName: Self.fileName(req, "bewertungen", "ratings", current.loaded.assessment.title, "csv"))
    }

    func assessmentResultsCSV(_ req: Request) async throws -> Response {
        let (_, current) = try await assessmentOutcome(req)
        return ImportResponses.download(ResultsExports.assessmentResultsCSV(current, english: req.language != .de),
                                        contentType: "text/csv; charset=utf-8",
                                        fileName: Self.fileName(req, "ergebnisse", "results", current.loaded.assessment.title, "csv"))
    }

    func assessmentResultsJSON(_ req: Request) async throws -> Response {
        let (context, current) = try await assessmentOutcome(req)
        let service = MaturityResultsService(req: req, context: context)
        let dto = MaturityResultsDTO.make(current, trend: try await service.assessmentTrend(key: current.loaded.questionnaire.key),
                                          links: try await service.projectLinks())
        return try Self.jsonDownload(dto, fileName: Self.fileName(req, "ergebnisse", "results", current.loaded.assessment.title, "json"))
    }

    // MARK: first step → project idea

    struct StepForm: Content {
        var sourceKind: String?
        var sourceID: String?
        var statementKey: String?
        var firstStep: String?
        var departmentID: String?
        /// The results page has one form (the leading unit) and a button per first step, whose value names the step:
        /// "<index> <statement key>". Wins over `statementKey` and `firstStep`.
        var step: String?

        var input: FirstStepProjectInput {
            var key = statementKey, index = firstStep
            if let step, let space = step.firstIndex(of: " ") {
                index = String(step[..<space])
                key = String(step[step.index(after: space)...])
            }
            return FirstStepProjectInput(sourceKind: sourceKind, sourceID: sourceID, statementKey: key, firstStep: index, departmentID: departmentID)
        }
    }

    /// Back to the results the button was on, with the project named there ("already turned into project X"); a
    /// refused form shows the same results page with its problems (422).
    func createProject(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        let slug = context.municipality.slug
        return try await req.handleForm(StepForm.self, permission: context.permissions.canManagePortfolio, perform: { form in
            try await FirstStepProjects(db: req.db, context: context).create(form.input)
        }, onInvalid: { form, problems in
            let (lines, _) = req.problemLines(problems)
            let load = MaturityResultsLoad(req: req, context: context)
            if form.sourceKind == FirstStepProjects.SourceKind.assessment.rawValue, let record = try? await load.assessmentRecord(form.sourceID) {
                let view = try await AssessmentResultsPageBuilder(req: req, context: context).page(record, print: false, problems: lines)
                return try await req.view.render("maturity/results", view)
            }
            if let round = try? await load.round(form.sourceID) {
                let view = try await SurveyResultsPageBuilder(req: req, context: context).page(round, choice: .init(), print: false, problems: lines)
                return try await req.view.render("maturity/results", view)
            }
            throw FahrplanError.invalid(problems)
        }, success: { (outcome: FirstStepProjects.Outcome) in
            let form = try req.content.decode(StepForm.self)
            let query = "created=\(outcome.projectID.uuidString)#mres-first-steps"
            guard let id = form.sourceID.flatMap(UUID.init(uuidString:)) else { return SiteURL.municipality(slug, .project(.value(outcome.projectID))).path }
            return form.sourceKind == FirstStepProjects.SourceKind.assessment.rawValue
                ? SiteURL.municipality(slug, .assessmentResults(.value(id))).path(query: query)
                : SiteURL.municipality(slug, .surveyResults(.value(id))).path(query: query)
        })
    }

    /// After the redirect: "Project idea P-123 … created" for a project of this municipality.
    static func createdNotice(_ req: Request, _ context: MunicipalityContext) async throws -> String? {
        guard let raw = req.query[String.self, at: "created"], let id = UUID(uuidString: raw),
              let project = try await Project.query(on: req.db).filter(\.$id == id).filter(\.$municipality.$id == context.municipalityID).first()
        else { return nil }
        return req.t("mres.created").replacingOccurrences(of: "%1", with: "\(project.code) \(project.title)")
    }

    // MARK: helpers

    static func suppression(_ reason: MaturitySuppression, _ req: Request) -> String {
        switch reason {
        case .tooFewResponses(let minimum): req.t("mres.tooFew").replacingOccurrences(of: "%1", with: String(minimum))
        case .differenceProtection: req.t("mres.difference")
        }
    }

    /// `quick-check-2026-ergebnisse.csv`: the title as a slug, then what the file holds.
    static func fileName(_ req: Request, _ german: String, _ english: String, _ title: String, _ ext: String) -> String {
        let folded = title.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "de_DE")).lowercased()
        let slug = String(folded.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" })
            .split(separator: "-").joined(separator: "-").prefix(60)
        return "\(slug.isEmpty ? "fahrplan" : String(slug))-\(req.language == .de ? german : english).\(ext)"
    }

    static func jsonDownload<T: Encodable>(_ value: T, fileName: String) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return ImportResponses.download(try encoder.encode(value), contentType: "application/json; charset=utf-8", fileName: fileName)
    }
}
