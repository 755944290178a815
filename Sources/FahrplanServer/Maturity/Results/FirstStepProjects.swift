import FahrplanCore
import Fluent
import Foundation

/// What the button next to a first step sends: which results showed it (a round or an assessment), the statement,
/// the first step by its position in the statement's list, and the unit that leads the new project.
struct FirstStepProjectInput: Sendable {
    var sourceKind: String?
    var sourceID: String?
    var statementKey: String?
    var firstStep: String?
    var departmentID: String?
}

/// Turns a first step into a project idea in the portfolio, linked back to the statement
/// (`MaturityProjectLinkRecord`), so maturity feeds the strategy. The project is made by the portfolio's own
/// service (checks, code, status history "idea", audit event) in the same transaction as the link; a first step
/// that already became a project is not made twice, it answers with that project.
struct FirstStepProjects {
    enum SourceKind: String, CaseIterable { case survey, assessment }

    struct Outcome: Sendable {
        var projectID: UUID
        var code: String
        var title: String
        var created: Bool
    }

    var db: any Database
    var context: MunicipalityContext

    func create(_ input: FirstStepProjectInput) async throws -> Outcome {
        try context.require(context.permissions.canManagePortfolio)
        var check = Validator()
        let kindText = check.text("sourceKind", input.sourceKind, required: true, max: 20)
        let kind = kindText.flatMap(SourceKind.init(rawValue:))
        if kindText != nil, kind == nil { check.add("sourceKind", .invalidChoice) }
        let sourceText = check.text("sourceID", input.sourceID, required: true, max: 60)
        let statementKey = check.text("statementKey", input.statementKey, required: true, max: 200)
        let stepText = check.text("firstStep", input.firstStep, required: true, max: 10)
        let stepIndex = stepText.flatMap { Int($0) }
        if stepText != nil, stepIndex == nil { check.add("firstStep", .notANumber) }
        try check.finish()

        let source = try await self.source(kind!, id: sourceText!)
        let statements = source.questionnaire.statements
        guard let position = statements.firstIndex(where: { $0.key == statementKey }) else {
            throw ValidationFailure([FieldProblem("statementKey", .unknownReference)])
        }
        let statement = statements[position]
        guard let stepIndex, statement.firstSteps.indices.contains(stepIndex) else {
            throw ValidationFailure([FieldProblem("firstStep", .outOfRange(min: 0, max: max(0, statement.firstSteps.count - 1)))])
        }
        let step = statement.firstSteps[stepIndex]
        if let existing = try await existingProject(statementKey: statement.key, firstStep: step) { return existing }

        let field = source.questionnaire.fields.first { $0.statements.contains { $0.key == statement.key } }
        let english = source.questionnaire.language != "de"
        let projectInput = ProjectInput(
            title: Self.clipped(step, ProjectLimits.title), summary: Self.clipped(statement.text, ProjectLimits.summary),
            description: Self.description(source: source, field: field?.title ?? "", statement: statement, position: position, step: step, english: english),
            departmentID: input.departmentID,
            tags: [english ? "Maturity" : "Reifegrad"])
        let portfolio = PortfolioService(db: db, context: context)
        var references = try await portfolio.references()
        var edges: [UUID: Set<UUID>] = [:]
        let draft = try portfolio.prepare(projectInput, existing: nil, references: &references, edges: &edges)
        let projectID = try draft.project.requireID()
        let link = MaturityProjectLinkRecord()
        link.id = UUID()
        link.$municipality.id = context.municipalityID
        link.$project.id = projectID
        link.$questionnaire.id = source.questionnaireRecordID
        link.statementKey = statement.key
        link.firstStep = step
        link.sourceKind = kind == .survey ? "round" : "assessment"
        link.sourceID = source.id
        let finalReferences = references
        let reason = english ? "From the first steps of \(source.title)" : "Aus den ersten Schritten: \(source.title)"
        let municipalityID = context.municipalityID
        let created = try await db.writeTransaction { db -> Bool in
            // Checked again inside the transaction: two clicks at once make one project.
            let taken = try await MaturityProjectLinkRecord.query(on: db).filter(\.$municipality.$id == municipalityID)
                .filter(\.$statementKey == statement.key).filter(\.$firstStep == step).count() > 0
            guard !taken else { return false }
            try await portfolio.writer(db, finalReferences, reason: Self.clipped(reason, 200)).write([draft])
            try await link.create(on: db)
            return true
        }
        if !created, let found = try await existingProject(statementKey: statement.key, firstStep: step) { return found }
        return Outcome(projectID: projectID, code: draft.project.code, title: draft.project.title, created: true)
    }

    private func existingProject(statementKey: String, firstStep: String) async throws -> Outcome? {
        let links = try await MaturityResultsService(db: db, context: context).projectLinks()
        guard let link = links[MaturityResultsService.linkKey(statementKey: statementKey, firstStep: firstStep)] else { return nil }
        return Outcome(projectID: link.projectID, code: link.code, title: link.title, created: false)
    }

    /// The results the first step came from, with what the project's description cites.
    struct Source {
        var id: UUID
        var questionnaireRecordID: UUID
        var questionnaire: Questionnaire
        var title: String
        var kind: SourceKind
        var period: String
        var results: MaturityResults?
        var ratings: [String: LoadedAssessment.Rating]
    }

    /// A source of another municipality, or one that does not exist, is the field problem `sourceID`.
    func source(_ kind: SourceKind, id: String) async throws -> Source {
        let service = MaturityResultsService(db: db, context: context)
        do {
            switch kind {
            case .survey:
                let round = try await service.load.round(id)
                let results = try await service.results(round)
                let english = results.loaded.questionnaire.language != "de"
                return Source(id: results.loaded.id, questionnaireRecordID: results.loaded.questionnaireRecordID,
                              questionnaire: results.loaded.questionnaire, title: round.title, kind: kind,
                              period: Self.day(round.opensOn, english) + (english ? " to " : " bis ") + Self.day(round.closesOn, english),
                              results: results.results, ratings: [:])
            case .assessment:
                let record = try await service.load.assessmentRecord(id)
                let results = try await service.results(record)
                return Source(id: results.loaded.id, questionnaireRecordID: results.loaded.questionnaireRecordID,
                              questionnaire: results.loaded.questionnaire, title: record.title, kind: kind,
                              period: Self.day(record.assessedOn, results.loaded.questionnaire.language != "de"),
                              results: results.results, ratings: results.loaded.ratings)
            }
        } catch FahrplanError.notFound {
            throw ValidationFailure([FieldProblem("sourceID", .unknownReference)])
        }
    }

    /// The project's description: where the first step comes from and how the statement scored, in the
    /// questionnaire's language (it is the municipality's text, not the reader's).
    static func description(source: Source, field: String, statement: Statement, position: Int, step: String, english: Bool) -> String {
        let say = ChartWording(language: english ? .en : .de)
        let result = source.results.flatMap { position < $0.statements.count ? $0.statements[position] : nil }
        let scale = source.results.map { "\($0.scaleMinimum)–\($0.scaleMaximum)" } ?? ""
        var lines: [String] = []
        switch source.kind {
        case .survey:
            lines.append(english ? "First step from the results of the Quick-Check survey “\(source.title)” (\(source.period))."
                                 : "Erster Schritt aus den Ergebnissen des Quick-Checks „\(source.title)“ (\(source.period)).")
            if let mean = result?.mean, let results = source.results {
                lines.append(english ? "Statement in the topic field “\(field)”: “\(statement.text)” — mean \(say.decimal(mean, digits: 2)) on the scale \(scale) (\(results.responseCount) responses)."
                                     : "Aussage im Themenfeld „\(field)“: „\(statement.text)“ – Mittelwert \(say.decimal(mean, digits: 2)) auf der Skala \(scale) (\(results.responseCount) Antworten).")
            } else {
                lines.append(english ? "Statement in the topic field “\(field)”: “\(statement.text)”."
                                     : "Aussage im Themenfeld „\(field)“: „\(statement.text)“.")
            }
        case .assessment:
            lines.append(english ? "First step from the Potenzialcheck “\(source.title)” of \(source.period)."
                                 : "Erster Schritt aus dem Potenzialcheck „\(source.title)“ vom \(source.period).")
            let rating = source.ratings[statement.key]
            let label = rating?.value.flatMap { value in source.questionnaire.scale.levels.first { $0.value == value } }
            if let label {
                lines.append(english ? "Statement in the topic field “\(field)”: “\(statement.text)” — rated \(label.value) “\(label.label)” on the scale \(scale)."
                                     : "Aussage im Themenfeld „\(field)“: „\(statement.text)“ – bewertet mit \(label.value) „\(label.label)“ auf der Skala \(scale).")
            } else {
                lines.append(english ? "Statement in the topic field “\(field)”: “\(statement.text)”."
                                     : "Aussage im Themenfeld „\(field)“: „\(statement.text)“.")
            }
            if let evidence = rating?.evidence, !evidence.isEmpty {
                lines.append((english ? "Evidence: " : "Begründung: ") + evidence)
            }
        }
        lines.append((english ? "First step: " : "Erster Schritt: ") + step)
        return clipped(lines.joined(separator: "\n\n"), ProjectLimits.description)
    }

    static func day(_ iso: String, _ english: Bool) -> String {
        CalendarDay(iso: iso).map { english ? $0.iso : $0.german } ?? iso
    }

    static func clipped(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}
