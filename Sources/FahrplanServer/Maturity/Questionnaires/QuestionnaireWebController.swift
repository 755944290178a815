import FahrplanCore
import Fluent
import Vapor

/// The questionnaire pages: list, copy of the standard or import of a file, one questionnaire with its scale,
/// fields and statements, the structured edit form (with the notice that saving makes a new version once answers
/// exist), the file download, archive. Members read; the strategy team changes.
struct QuestionnaireWebController {
    func register(on routes: any RoutesBuilder) {
        let pages = routes.municipalityPages
        pages.get(.maturity(.questionnaires), use: list)
        pages.get(.maturity(.newQuestionnaire), use: newForm)
        pages.post(.maturity(.copyStandard), use: copyStandard)
        let upload = pages.on(.POST, .maturity(.importQuestionnaire), body: .collect(maxSize: "3mb"), use: importFile)
        upload.userInfo[BodyLimits.routeKey] = QuestionnaireService.maxFileBytes + 64 * 1024
        pages.get(.questionnaire(.key), use: show)
        pages.get(.questionnaire(.key, .edit), use: editForm)
        pages.post(.questionnaire(.key, .edit), use: update)
        pages.get(.questionnaire(.key, .download), use: download)
        pages.post(.questionnaire(.key, .archive), use: archive)
    }

    struct UploadForm: Content {
        var file: File?
        var content: String?
    }

    /// The version the page showed; text, because an empty field means "no precondition" (like the KPI form).
    struct ArchiveForm: Content {
        var version: String?
        var expectedVersion: Int? { version.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } }
    }

    static func link(_ slug: String, _ page: MunicipalityPage) -> String { SiteURL.municipality(slug, page).path }

    // MARK: list, new

    func list(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        let service = QuestionnaireService(db: req.db, context: context)
        let slug = context.municipality.slug
        func row(_ s: QuestionnaireService.Summary) -> QuestionnaireListPage.Row {
            .init(title: s.title, url: Self.link(slug, .questionnaire(.value(s.id))), key: s.key, version: s.questionnaireVersion,
                  statements: s.statementCount, created: req.formatted(s.createdAt), older: nil)
        }
        let rows = try await service.list().map { family in
            var r = row(family.latest)
            r.older = family.older.isEmpty ? nil : family.older.map(row)
            return r
        }
        return try await req.view.render("maturity/questionnaires", QuestionnaireListPage(
            chrome: context.chrome(req, title: req.t("questionnaire.list"), section: "maturity"),
            hubURL: Self.link(slug, .maturity()), newURL: service.canManage ? Self.link(slug, .maturity(.newQuestionnaire)) : nil,
            rows: rows.isEmpty ? nil : rows,
            notice: req.query[String.self, at: "archived"] != nil ? req.t("questionnaire.archived") : nil))
    }

    func newForm(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        try context.require(context.permissions.canEditFrame)
        return try await renderNew(req, context, content: "", problems: [], raw: false)
    }

    /// Import problems are shown by their path in the file (`fields[0].statements[1].text`), as the file names them.
    private func renderNew(_ req: Request, _ context: MunicipalityContext, content: String, problems: [FieldProblem], raw: Bool) async throws -> View {
        let slug = context.municipality.slug
        let standard = try QuestionnaireService.standard()
        let lines = problems.isEmpty ? nil : problems.map { ProblemLine(field: $0.field, message: Strings.problem($0, req.language)) }
        var byField: [String: String] = [:]
        if let first = problems.first { byField[first.field == "key" ? "copy" : "file"] = lines?.map { "\($0.field): \($0.message)" }.joined(separator: "; ") }
        return try await req.view.render("maturity/questionnaire-new", QuestionnaireNewPage(
            chrome: context.chrome(req, title: req.t("questionnaire.new"), section: "maturity"),
            listURL: Self.link(slug, .maturity(.questionnaires)), copyAction: Self.link(slug, .maturity(.copyStandard)),
            importAction: Self.link(slug, .maturity(.importQuestionnaire)), standardTitle: standard.title,
            standardStatements: standard.statements.count, standardFields: standard.fields.count, content: content,
            problems: lines, fieldErrors: byField))
    }

    func copyStandard(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        let service = QuestionnaireService(db: req.db, context: context)
        return try await req.handleForm(ArchiveForm.self, permission: service.canManage, perform: { _ in
            try await service.copyStandard()
        }, onInvalid: { _, problems in
            try await renderNew(req, context, content: "", problems: problems, raw: false)
        }, success: { (record: QuestionnaireRecord) in
            Self.link(context.municipality.slug, .questionnaire(.value(record.id))) + "?saved=copied"
        })
    }

    func importFile(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        let service = QuestionnaireService(db: req.db, context: context)
        return try await req.handleForm(UploadForm.self, permission: service.canManage, perform: { form -> QuestionnaireRecord in
            if let file = form.file, file.data.readableBytes > 0 {
                return try await service.importFile(Array(file.data.readableBytesView))
            }
            return try await service.importFile(Array((form.content ?? "").trimmingCharacters(in: .whitespacesAndNewlines).utf8))
        }, onInvalid: { form, problems in
            try await renderNew(req, context, content: form.content ?? "", problems: problems, raw: true)
        }, success: { (record: QuestionnaireRecord) in
            Self.link(context.municipality.slug, .questionnaire(.value(record.id))) + "?saved=imported"
        })
    }

    // MARK: show, download, archive

    func show(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        let service = QuestionnaireService(db: req.db, context: context)
        let record = try await service.find(req.parameters.get("questionnaire"))
        let questionnaire = try record.questionnaire()
        let slug = context.municipality.slug
        let id = try record.requireID()
        let others = try await service.summaries(includingArchived: true).filter { $0.key == record.key && $0.id != id }
        let notice: String? = switch req.query[String.self, at: "saved"] {
        case "copied": req.t("questionnaire.copied")
        case "imported": req.t("questionnaire.imported")
        case "edited": req.t("questionnaire.saved")
        case "version": req.t("questionnaire.savedAsVersion")
        case "unchanged": req.t("questionnaire.unchanged")
        default: nil
        }
        let active = record.archivedAt == nil && service.canManage
        return try await req.view.render("maturity/questionnaire", QuestionnaireShowPage(
            chrome: context.chrome(req, title: record.title, section: "maturity"),
            listURL: Self.link(slug, .maturity(.questionnaires)), title: questionnaire.title, description: questionnaire.description,
            key: questionnaire.key, version: questionnaire.version, language: questionnaire.language,
            statementCount: questionnaire.statements.count, archived: record.archivedAt != nil,
            hasAnswers: try await service.hasAnswers(record),
            levels: questionnaire.scale.levels.map { .init(value: $0.value, label: $0.label) }, dontKnow: questionnaire.scale.dontKnow,
            fields: questionnaire.fields.map { field in
                .init(key: field.key, title: field.title, description: field.description, statements: field.statements.map {
                    .init(key: $0.key, text: $0.text, explanation: $0.explanation, firstSteps: $0.firstSteps.isEmpty ? nil : $0.firstSteps)
                })
            },
            freeText: questionnaire.freeText.isEmpty ? nil : questionnaire.freeText.map(\.text),
            grouping: questionnaire.grouping.isEmpty ? nil : questionnaire.grouping.map(\.text),
            editURL: active ? Self.link(slug, .questionnaire(.value(id), .edit)) : nil,
            downloadURL: Self.link(slug, .questionnaire(.value(id), .download)),
            archiveAction: active ? Self.link(slug, .questionnaire(.value(id), .archive)) : nil, rowVersion: record.version,
            newAssessmentURL: active ? Self.link(slug, .maturity(.newAssessment)) + "?questionnaire=\(id.uuidString)" : nil,
            otherVersions: others.isEmpty ? nil : others.map {
                .init(title: $0.title, url: Self.link(slug, .questionnaire(.value($0.id))), key: $0.key, version: $0.questionnaireVersion,
                      statements: $0.statementCount, created: req.formatted($0.createdAt), older: nil)
            },
            notice: notice))
    }

    func download(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        let record = try await QuestionnaireService(db: req.db, context: context).find(req.parameters.get("questionnaire"))
        let response = Response(status: .ok, body: .init(string: record.document))
        response.headers.contentType = .json
        response.headers.replaceOrAdd(name: .contentDisposition,
                                      value: "attachment; filename=\"\(record.key)-v\(record.questionnaireVersion).json\"")
        return response
    }

    func archive(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        let service = QuestionnaireService(db: req.db, context: context)
        let record = try await service.find(req.parameters.get("questionnaire"))
        try context.require(service.canManage)
        let form = try req.content.decode(ArchiveForm.self)
        try await service.archive(record, expectedVersion: form.expectedVersion)
        return req.redirect(to: Self.link(context.municipality.slug, .maturity(.questionnaires)) + "?archived=1", redirectType: .normal)
    }

    // MARK: edit

    func editForm(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        let service = QuestionnaireService(db: req.db, context: context)
        let record = try await service.find(req.parameters.get("questionnaire"))
        try context.require(service.canManage && record.archivedAt == nil)
        return try await renderEdit(req, context, record, QuestionnaireForm(try record.questionnaire(), version: record.version),
                                    problems: [], conflict: nil)
    }

    func update(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        let service = QuestionnaireService(db: req.db, context: context)
        let record = try await service.find(req.parameters.get("questionnaire"))
        try context.require(service.canManage && record.archivedAt == nil)
        var form = try req.content.decode(QuestionnaireForm.self)
        if form.applyStructuralAction() {
            return try await renderEdit(req, context, record, form, problems: [], conflict: nil).encodeResponse(for: req)
        }
        let original = try record.questionnaire()
        let slug = context.municipality.slug
        do {
            let outcome = try await service.save(record, edited: form.questionnaire(basedOn: original),
                                                  expectedVersion: form.version)
            let target: String = switch outcome {
            case .unchanged: Self.link(slug, .questionnaire(.value(record.id))) + "?saved=unchanged"
            case .editedInPlace: Self.link(slug, .questionnaire(.value(record.id))) + "?saved=edited"
            case .newVersion(let id, _): Self.link(slug, .questionnaire(.value(id))) + "?saved=version"
            }
            return req.redirect(to: target, redirectType: .normal)
        } catch let failure as ValidationFailure {
            return try await renderEdit(req, context, record, form, problems: failure.problems, conflict: nil)
                .response(.unprocessableEntity, for: req)
        } catch let stale as StaleEdit {
            let current = try await service.find(id: record.requireID())
            let loaded = try await ConflictPanel.load(req, municipalityID: context.municipalityID, entityID: current.requireID(),
                                                      baseVersion: form.version ?? 0, fields: [], current: [:])
            var posted = form
            posted.version = stale.currentVersion
            let stored = try current.questionnaire()
            let comparison = QuestionnaireComparison.rows(theirs: QuestionnaireForm(stored, version: current.version), yours: posted,
                                                          scaleValues: stored.scale.levels.map(\.value), req)
            return try await renderEdit(req, context, current, posted, problems: FormVersion.staleProblem,
                                        conflict: loaded, comparison: comparison).response(.conflict, for: req)
        }
    }

    private func renderEdit(_ req: Request, _ context: MunicipalityContext, _ record: QuestionnaireRecord, _ form: QuestionnaireForm,
                            problems: [FieldProblem], conflict: ConflictPanel?,
                            comparison: [QuestionnaireComparisonRow]? = nil) async throws -> View {
        let slug = context.municipality.slug
        let original = try record.questionnaire()
        let id = try record.requireID()
        var errors: [String: String] = [:]
        for problem in problems where errors[problem.field] == nil { errors[problem.field] = Strings.problem(problem, req.language) }
        let lines = problems.isEmpty ? nil : problems.map {
            ProblemLine(field: $0.field == "version" ? Strings.fieldLabel("version", req.language) : Self.label(of: $0.field, in: form, req),
                        message: Strings.problem($0, req.language))
        }
        var notice: String?
        if try await QuestionnaireService(db: req.db, context: context).hasAnswers(record) {
            let latest = try await QuestionnaireService.latestVersion(key: record.key, municipalityID: context.municipalityID, on: req.db)
            notice = req.t("questionnaire.newVersionNotice").replacingOccurrences(of: "{n}", with: String(max(latest ?? 0, record.questionnaireVersion) + 1))
        }
        return try await req.view.render("maturity/questionnaire-form", QuestionnaireEditPage(
            chrome: context.chrome(req, title: req.t("questionnaire.edit"), section: "maturity"),
            heading: "\(req.t("questionnaire.edit")): \(record.title)",
            action: Self.link(slug, .questionnaire(.value(id), .edit)), cancelURL: Self.link(slug, .questionnaire(.value(id))),
            version: form.version.map(String.init) ?? "", title: form.title, titleError: errors["title"], description: form.description,
            levelCount: original.scale.levels.count,
            levels: original.scale.levels.enumerated().map { i, level in
                .init(index: i, value: level.value, label: i < form.levelLabels.count ? form.levelLabels[i] : level.label,
                      error: errors["scale.levels[\(i)].label"])
            },
            dontKnow: form.dontKnow, hasDontKnow: original.scale.dontKnow != nil, dontKnowError: errors["scale.dontKnow"],
            fieldCount: form.fields.count,
            fields: form.fields.enumerated().map { f, field in
                let base = "fields[\(f)]"
                return .init(index: f, prefix: "f\(f).", number: f + 1, key: field.key, title: field.title, description: field.description,
                             titleError: errors[base + ".title"] ?? errors[base + ".key"], statementsError: errors[base + ".statements"],
                             statementCount: field.statements.count,
                             statements: field.statements.enumerated().map { s, statement in
                                 let path = "\(base).statements[\(s)]"
                                 let stepError = errors.first { $0.key.hasPrefix(path + ".firstSteps") }?.value
                                 return .init(prefix: "f\(f).s\(s).", removeAction: "removeStatement-\(f)-\(s)", number: s + 1, key: statement.key, text: statement.text, explanation: statement.explanation,
                                              firstSteps: statement.firstSteps, textError: errors[path + ".text"] ?? errors[path + ".key"],
                                              explanationError: errors[path + ".explanation"], firstStepsError: stepError)
                             })
            },
            fieldsError: errors["fields"], newVersionNotice: notice, problems: lines, conflict: conflict,
            comparison: (comparison?.isEmpty ?? true) ? nil : comparison, comparisonSame: comparison?.isEmpty ?? false))
    }

    /// "Themenfeld 2, Aussage 3 – Text" for `fields[1].statements[2].text`, with the path for reference.
    static func label(of path: String, in form: QuestionnaireForm, _ req: Request) -> String {
        let label = Strings.fieldLabel(path, req.language)
        return label == path ? path : "\(label) (\(path))"
    }
}
