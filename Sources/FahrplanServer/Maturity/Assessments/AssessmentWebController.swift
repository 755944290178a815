import FahrplanCore
import Fluent
import Vapor

/// The Potenzialcheck pages: the list over time, create, details, the rating page (every statement by topic
/// field with the scale's levels, "weiß nicht", the explanation and an evidence note; partial saves allowed) and
/// the show page with ratings and evidence. Members read; the strategy team rates.
struct AssessmentWebController {
    func register(on routes: any RoutesBuilder) {
        let pages = routes.municipalityPages
        pages.get(.maturity(.assessments), use: list)
        pages.get(.maturity(.newAssessment), use: newForm)
        pages.post(.maturity(.newAssessment), use: create)
        pages.get(.assessment(.key), use: show)
        pages.get(.assessment(.key, .edit), use: editForm)
        pages.post(.assessment(.key, .edit), use: update)
        pages.get(.assessment(.key, .ratings), use: ratingForm)
        pages.post(.assessment(.key, .ratings), use: saveRatings)
        pages.post(.assessment(.key, .archive), use: archive)
    }

    struct DetailsForm: Content, VersionedForm {
        var questionnaireID: String?
        var title: String?
        var assessedOn: String?
        var participants: String?
        var note: String?
        var version: Int?

        var details: AssessmentService.Details {
            .init(questionnaireID: questionnaireID, title: title, assessedOn: assessedOn, participants: participants, note: note)
        }
    }

    /// `r.<statement key>`: a level's value, `dontKnow` or empty; `e.<statement key>`: the evidence note.
    struct RatingForm: Decodable {
        var version: Int?
        var values: [String: String]

        init(from decoder: any Decoder) throws {
            values = try [String: String](from: decoder)
            version = values["version"].flatMap { Int($0) }
        }

        func inputs(for questionnaire: Questionnaire) -> [String: AssessmentService.RatingInput] {
            var inputs: [String: AssessmentService.RatingInput] = [:]
            for statement in questionnaire.statements {
                let raw = (values["r.\(statement.key)"] ?? "").trimmingCharacters(in: .whitespaces)
                let evidence = values["e.\(statement.key)"]
                let rating: MaturityRating = raw.isEmpty ? .skipped : raw == "dontKnow" ? .dontKnow : Int(raw).map { .value($0) } ?? .value(Int.min)
                if rating != .skipped || CleanText.normalize(evidence, multiline: true) != nil {
                    inputs[statement.key] = .init(rating: rating, evidence: evidence)
                }
            }
            return inputs
        }
    }

    static func link(_ slug: String, _ page: MunicipalityPage) -> String { SiteURL.municipality(slug, page).path }

    static func day(_ iso: String, _ req: Request) -> String {
        CalendarDay(iso: iso).map { req.language == .de ? $0.german : $0.iso } ?? iso
    }

    static func progress(_ rated: Int, of total: Int, _ req: Request) -> String {
        req.t("assessment.progress").replacingOccurrences(of: "{rated}", with: String(rated)).replacingOccurrences(of: "{total}", with: String(total))
    }

    // MARK: list, create, details

    func list(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        let service = AssessmentService(db: req.db, context: context)
        let slug = context.municipality.slug
        let assessments = try await service.list()
        let counts = try await service.ratedCounts(assessments.compactMap(\.id))
        let questionnaires = Dictionary(try await QuestionnaireService(db: req.db, context: context).summaries(includingArchived: true)
            .map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let rows = try assessments.map { a in
            let id = try a.requireID()
            let q = questionnaires[a.$questionnaire.id]
            return AssessmentListPage.Row(title: a.title, url: Self.link(slug, .assessment(.value(id))), day: Self.day(a.assessedOn, req),
                                          questionnaire: q.map { "\($0.title) (v\($0.questionnaireVersion))" } ?? "",
                                          progress: Self.progress(counts[id] ?? 0, of: q?.statementCount ?? 0, req),
                                          resultsURL: Self.link(slug, .assessmentResults(.value(id))))
        }
        return try await req.view.render("maturity/assessments", AssessmentListPage(
            chrome: context.chrome(req, title: req.t("assessment.list"), section: "maturity"), hubURL: Self.link(slug, .maturity()),
            newURL: service.canManage ? Self.link(slug, .maturity(.newAssessment)) : nil, rows: rows.isEmpty ? nil : rows,
            notice: req.query[String.self, at: "archived"] != nil ? req.t("assessment.archived") : nil))
    }

    func newForm(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        try context.require(context.permissions.canEditFrame)
        var form = DetailsForm()
        form.questionnaireID = req.query[String.self, at: "questionnaire"]
        form.assessedOn = context.calendar.today.german
        return try await renderDetails(req, context, form, assessment: nil, problems: [], conflict: nil)
    }

    func create(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        let service = AssessmentService(db: req.db, context: context)
        return try await req.handleForm(DetailsForm.self, permission: service.canManage, perform: { form in
            try await service.create(form.details)
        }, onInvalid: { form, problems in
            try await renderDetails(req, context, form, assessment: nil, problems: problems, conflict: nil)
        }, success: { assessment in
            Self.link(context.municipality.slug, .assessment(.value(assessment.id), .ratings))
        })
    }

    func editForm(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        let service = AssessmentService(db: req.db, context: context)
        let assessment = try await service.find(req.parameters.get("assessment"))
        try context.require(service.canManage)
        let form = DetailsForm(questionnaireID: assessment.$questionnaire.id.uuidString, title: assessment.title,
                               assessedOn: Self.day(assessment.assessedOn, req), participants: assessment.participants,
                               note: assessment.note, version: assessment.version)
        return try await renderDetails(req, context, form, assessment: assessment, problems: [], conflict: nil)
    }

    func update(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        let service = AssessmentService(db: req.db, context: context)
        let assessment = try await service.find(req.parameters.get("assessment"))
        return try await req.handleForm(DetailsForm.self, permission: service.canManage, perform: { form in
            try await service.update(assessment, form.details, expectedVersion: form.version)
        }, onInvalid: { form, problems in
            try await renderDetails(req, context, form, assessment: assessment, problems: problems, conflict: nil)
        }, onConflict: { form in
            let current = try await service.find(req.parameters.get("assessment"))
            return try await ConflictPanel.refusedEdit(
                req, form: form, municipalityID: context.municipalityID, entityID: try current.requireID(), currentVersion: current.version,
                fields: AssessmentService.auditedFields, current: AssessmentService.snapshot(current)
            ) { form, conflict in
                try await renderDetails(req, context, form, assessment: current, problems: FormVersion.staleProblem, conflict: conflict)
            }
        }, success: { _ in
            Self.link(context.municipality.slug, .assessment(.value(assessment.id))) + "?saved=1"
        })
    }

    private func renderDetails(_ req: Request, _ context: MunicipalityContext, _ form: DetailsForm, assessment: MaturityAssessmentRecord?,
                               problems: [FieldProblem], conflict: ConflictPanel?) async throws -> View {
        let slug = context.municipality.slug
        let (lines, byField) = req.problemLines(problems)
        var options: [Option]?
        if assessment == nil {
            let summaries = try await QuestionnaireService(db: req.db, context: context).summaries()
            options = [Option(value: "", label: req.t("assessment.chooseQuestionnaire"), selected: (form.questionnaireID ?? "").isEmpty)]
                + summaries.map { Option(value: $0.id.uuidString, label: "\($0.title) (v\($0.questionnaireVersion))",
                                         selected: $0.id.uuidString.lowercased() == form.questionnaireID?.lowercased()) }
        }
        let id = assessment?.id
        return try await req.view.render("maturity/assessment-form", AssessmentFormPage(
            chrome: context.chrome(req, title: req.t(assessment == nil ? "assessment.new" : "assessment.edit"), section: "maturity"),
            heading: assessment.map { "\(req.t("assessment.edit")): \($0.title)" } ?? req.t("assessment.new"),
            action: id.map { Self.link(slug, .assessment(.value($0), .edit)) } ?? Self.link(slug, .maturity(.newAssessment)),
            cancelURL: id.map { Self.link(slug, .assessment(.value($0))) } ?? Self.link(slug, .maturity(.assessments)),
            questionnaires: options,
            values: .init(title: form.title ?? "", assessedOn: form.assessedOn ?? "", participants: form.participants ?? "",
                          note: form.note ?? "", version: form.version.map(String.init) ?? ""),
            problems: lines, fieldErrors: byField, conflict: conflict))
    }

    func archive(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        let service = AssessmentService(db: req.db, context: context)
        let assessment = try await service.find(req.parameters.get("assessment"))
        try context.require(service.canManage)
        let form = try req.content.decode(QuestionnaireWebController.ArchiveForm.self)
        try await service.archive(assessment, expectedVersion: form.expectedVersion)
        return req.redirect(to: Self.link(context.municipality.slug, .maturity(.assessments)) + "?archived=1", redirectType: .normal)
    }

    // MARK: show and rate

    func show(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        let service = AssessmentService(db: req.db, context: context)
        let assessment = try await service.find(req.parameters.get("assessment"))
        let record = try await service.questionnaire(of: assessment)
        let questionnaire = try record.questionnaire()
        let ratings = try await service.ratings(of: assessment)
        let slug = context.municipality.slug
        let id = try assessment.requireID()
        let rated = questionnaire.statements.filter { ratings[$0.key]?.isRated == true }.count
        var facts = [KPIDetailPage.Fact(label: req.t("field.assessedOn"), value: Self.day(assessment.assessedOn, req))]
        if let participants = assessment.participants { facts.append(.init(label: req.t("field.participants"), value: participants)) }
        if let note = assessment.note { facts.append(.init(label: req.t("field.note"), value: note)) }
        if let by = assessment.createdByName { facts.append(.init(label: req.t("assessment.createdBy"), value: by)) }
        let active = service.canManage && assessment.archivedAt == nil
        return try await req.view.render("maturity/assessment", AssessmentPageView(
            chrome: context.chrome(req, title: assessment.title, section: "maturity"), listURL: Self.link(slug, .maturity(.assessments)),
            title: assessment.title, facts: facts, progress: Self.progress(rated, of: questionnaire.statements.count, req),
            questionnaireURL: Self.link(slug, .questionnaire(.value(record.id))),
            questionnaireTitle: "\(record.title) (v\(record.questionnaireVersion))",
            fields: Self.fieldViews(questionnaire, ratings: ratings, problems: [:], req),
            editURL: active ? Self.link(slug, .assessment(.value(id), .edit)) : nil,
            ratingsURL: active ? Self.link(slug, .assessment(.value(id), .ratings)) : nil,
            resultsURL: Self.link(slug, .assessmentResults(.value(id))),
            archiveAction: active ? Self.link(slug, .assessment(.value(id), .archive)) : nil, version: assessment.version,
            notice: req.query[String.self, at: "saved"] != nil ? req.t("assessment.saved") : nil))
    }

    func ratingForm(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        let service = AssessmentService(db: req.db, context: context)
        let assessment = try await service.find(req.parameters.get("assessment"))
        try context.require(service.canManage && assessment.archivedAt == nil)
        let questionnaire = try await service.questionnaire(of: assessment).questionnaire()
        return try await renderRatings(req, context, assessment, questionnaire, ratings: try await service.ratings(of: assessment),
                                       version: assessment.version, problems: [], conflict: nil)
    }

    func saveRatings(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        let service = AssessmentService(db: req.db, context: context)
        let assessment = try await service.find(req.parameters.get("assessment"))
        try context.require(service.canManage && assessment.archivedAt == nil)
        let questionnaire = try await service.questionnaire(of: assessment).questionnaire()
        let form = try req.content.decode(RatingForm.self)
        let inputs = form.inputs(for: questionnaire)
        // What the person sent, shown again when the save is refused (values off the scale stay unchecked).
        var posted: [String: AssessmentService.Rating] = [:]
        for (key, input) in inputs {
            switch input.rating {
            case .value(let v): posted[key] = .init(level: v, dontKnow: false, evidence: input.evidence)
            case .dontKnow: posted[key] = .init(level: nil, dontKnow: true, evidence: input.evidence)
            case .skipped: posted[key] = .init(level: nil, dontKnow: false, evidence: input.evidence)
            }
        }
        do {
            try await service.saveRatings(assessment, inputs, expectedVersion: form.version)
            return req.redirect(to: Self.link(context.municipality.slug, .assessment(.value(assessment.id))) + "?saved=1", redirectType: .normal)
        } catch let failure as ValidationFailure {
            return try await renderRatings(req, context, assessment, questionnaire, ratings: posted, version: form.version ?? assessment.version,
                                           problems: failure.problems, conflict: nil).response(.unprocessableEntity, for: req)
        } catch let stale as StaleEdit {
            let conflict = try await ConflictPanel.load(req, municipalityID: context.municipalityID, entityID: try assessment.requireID(),
                                                        baseVersion: form.version ?? 0, fields: [], current: [:])
            return try await renderRatings(req, context, assessment, questionnaire, ratings: posted, version: stale.currentVersion,
                                           problems: FormVersion.staleProblem, conflict: conflict).response(.conflict, for: req)
        }
    }

    private func renderRatings(_ req: Request, _ context: MunicipalityContext, _ assessment: MaturityAssessmentRecord, _ questionnaire: Questionnaire,
                               ratings: [String: AssessmentService.Rating], version: Int, problems: [FieldProblem],
                               conflict: ConflictPanel?) async throws -> View {
        let slug = context.municipality.slug
        let id = try assessment.requireID()
        var byField: [String: String] = [:]
        for problem in problems where byField[problem.field] == nil { byField[problem.field] = Strings.problem(problem, req.language) }
        let texts = Dictionary(questionnaire.statements.map { ($0.key, $0.text) }, uniquingKeysWith: { a, _ in a })
        let lines = problems.isEmpty ? nil : problems.map { problem -> ProblemLine in
            let parts = problem.field.split(separator: ".", maxSplits: 1).map(String.init)
            if parts.count == 2, let text = texts[parts[1]] {
                let label = req.t(parts[0] == "evidence" ? "assessment.evidenceFor" : "assessment.statementLabel")
                return ProblemLine(field: "\(label) „\(text)“", message: Strings.problem(problem, req.language))
            }
            return ProblemLine(field: Strings.fieldLabel(problem.field, req.language), message: Strings.problem(problem, req.language))
        }
        let rated = questionnaire.statements.filter { ratings[$0.key]?.isRated == true }.count
        return try await req.view.render("maturity/assessment-rate", AssessmentRatingPage(
            chrome: context.chrome(req, title: "\(req.t("assessment.rate")): \(assessment.title)", section: "maturity"),
            title: assessment.title, showURL: Self.link(slug, .assessment(.value(id))), action: Self.link(slug, .assessment(.value(id), .ratings)),
            version: String(version), progress: Self.progress(rated, of: questionnaire.statements.count, req),
            fields: Self.fieldViews(questionnaire, ratings: ratings, problems: byField, req), problems: lines, conflict: conflict))
    }

    static func fieldViews(_ questionnaire: Questionnaire, ratings: [String: AssessmentService.Rating], problems: [String: String],
                           _ req: Request) -> [AssessmentFieldView] {
        let scale = questionnaire.scale
        return questionnaire.fields.enumerated().map { f, field in
            let statements = field.statements.enumerated().map { s, statement -> AssessmentStatementView in
                let rating = ratings[statement.key]
                var choices = scale.levels.map { level in
                    AssessmentStatementView.Choice(value: String(level.value), label: "\(level.value) – \(level.label)",
                                                   checked: rating?.level == level.value, id: "r-\(statement.key)-\(level.value)")
                }
                if let dontKnow = scale.dontKnow {
                    choices.append(.init(value: "dontKnow", label: dontKnow, checked: rating?.dontKnow == true, id: "r-\(statement.key)-dk"))
                }
                let text: String = if let level = rating?.level {
                    scale.levels.first { $0.value == level }.map { "\($0.value) – \($0.label)" } ?? String(level)
                } else if rating?.dontKnow == true { scale.dontKnow ?? "?" } else { req.t("assessment.notRated") }
                return AssessmentStatementView(key: statement.key, number: "\(f + 1).\(s + 1)", text: statement.text,
                                               explanation: statement.explanation, choices: choices, rating: text,
                                               rated: rating?.isRated == true, evidence: rating?.evidence ?? "",
                                               error: problems["ratings.\(statement.key)"], evidenceError: problems["evidence.\(statement.key)"])
            }
            return AssessmentFieldView(key: field.key, title: field.title,
                                       rated: progress(statements.filter(\.rated).count, of: statements.count, req), statements: statements)
        }
    }
}
