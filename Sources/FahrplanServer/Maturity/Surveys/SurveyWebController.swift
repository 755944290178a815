import FahrplanCore
import Fluent
import Vapor

/// Quick-Check survey rounds in the browser, for the strategy team: the list, the form, the round page with the
/// public link or the invitation codes (made and shown once), closing early.
struct SurveyWebController {
    func register(on routes: any RoutesBuilder) {
        let pages = routes.municipalityPages
        pages.get(.surveys(), use: list)
        pages.get(.surveys(.new), use: newForm)
        pages.post(.surveys(), use: create)
        pages.get(.survey(.key), use: detail)
        pages.get(.survey(.key, .edit), use: editForm)
        pages.post(.survey(.key), use: update)
        pages.post(.survey(.key, .close), use: close)
        pages.post(.survey(.key, .invitations), use: invitations)
        pages.post(.survey(.key, .invitationsCSV), use: invitationsCSV)
    }

    struct TokensForm: Content {
        var count: String?
    }

    struct CSVForm: Content {
        var tokens: String?
    }

    func list(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        let service = SurveyService(db: req.db, context: context)
        let rounds = try await service.rounds()
        let counts = try await service.counts(of: rounds.compactMap(\.id))
        let today = context.calendar.today
        let lang = req.language
        let slug = context.municipality.slug
        let rows = rounds.map { round in
            let phase = round.phase(on: today)
            let count = round.id.flatMap { counts[$0] }?.responses ?? 0
            return SurveyListPage.Row(title: round.title, url: SiteURL.municipality(slug, .survey(.value(round.id))).path,
                                      phaseLabel: SurveyDisplay.phase(phase, lang), phaseClass: SurveyDisplay.phaseClass(phase),
                                      opensOn: SurveyDisplay.day(round.opensOnDay, lang), closesOn: SurveyDisplay.day(round.closesOnDay, lang),
                                      access: req.t("surveys.access.\(round.surveyAccess.rawValue)"),
                                      responses: SurveyDisplay.responses(count, invited: round.invitedCount, lang))
        }
        let canManage = context.permissions.canEditFrame
        let hasQuestionnaire = canManage ? !(try await service.questionnaires().isEmpty) : true
        return try await req.view.render("maturity/surveys", SurveyListPage(
            chrome: context.chrome(req, title: req.t("surveys.title"), section: "maturity"), rows: rows.isEmpty ? nil : rows,
            newURL: canManage && hasQuestionnaire ? SiteURL.municipality(slug, .surveys(.new)).path : nil,
            noQuestionnaire: canManage && !hasQuestionnaire))
    }

    func newForm(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        try context.require(context.permissions.canEditFrame)
        var form = SurveyRoundForm()
        let today = context.calendar.today
        form.opensOn = today.german
        form.closesOn = (today.adding(days: 28) ?? today).german
        form.access = SurveyAccess.public.rawValue
        form.minimumGroupSize = String(SurveyLimits.minimumGroupSize)
        form.questionnaireID = try await SurveyService(db: req.db, context: context).questionnaires().first?.id.uuidString
        return try await renderForm(req, context, round: nil, form: form, problems: [])
    }

    func create(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        return try await req.handleForm(SurveyRoundForm.self, permission: context.permissions.canEditFrame, perform: { form in
            try await SurveyService(db: req.db, context: context).create(form.input)
        }, onInvalid: { form, problems in
            try await renderForm(req, context, round: nil, form: form, problems: problems)
        }, success: { round in
            SiteURL.municipality(context.municipality.slug, .survey(.value(round.id))).path + "?created=1"
        })
    }

    func editForm(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        let round = try await SurveyService(db: req.db, context: context).round(req.parameters.get("survey"))
        try context.require(context.permissions.canEditFrame)
        return try await renderForm(req, context, round: round, form: SurveyRoundForm(round), problems: [])
    }

    func update(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        let service = SurveyService(db: req.db, context: context)
        let round = try await service.round(req.parameters.get("survey"))
        return try await req.handleForm(SurveyRoundForm.self, permission: context.permissions.canEditFrame, perform: { form in
            try await service.update(round, form.input, expectedVersion: try FormVersion.required(form.version))
            req.application.surveyTargets.removeAll()
        }, onInvalid: { form, problems in
            let fresh = try await service.round(req.parameters.get("survey"))
            return try await renderForm(req, context, round: fresh, form: form, problems: problems)
        }, onConflict: { form in
            let current = try await service.round(req.parameters.get("survey"))
            return try await ConflictPanel.refusedEdit(req, form: form, municipalityID: context.municipalityID, entityID: current.requireID(),
                                                       currentVersion: current.version, fields: SurveyService.auditedFields,
                                                       current: SurveyService.snapshot(current, questionnaire: current.$questionnaire.id.uuidString, invitations: 0)) { form, conflict in
                try await renderForm(req, context, round: current, form: form, problems: FormVersion.staleProblem, conflict: conflict)
            }
        }, success: { _ in
            SiteURL.municipality(context.municipality.slug, .survey(.value(round.id))).path + "?saved=1"
        })
    }

    private func renderForm(_ req: Request, _ context: MunicipalityContext, round: MaturityRoundRecord?, form: SurveyRoundForm,
                            problems: [FieldProblem], conflict: ConflictPanel? = nil) async throws -> View {
        let slug = context.municipality.slug
        let service = SurveyService(db: req.db, context: context)
        let choices = try await service.questionnaires()
        var fixed: String?
        if let round, let id = round.id, (try await service.counts(of: [id])[id]?.responses ?? 0) > 0 {
            fixed = try await service.questionnaire(of: round).record.title
        }
        let (lines, byField) = req.problemLines(problems)
        let heading = round.map { "\(req.t("surveys.edit")): \($0.title)" } ?? req.t("surveys.new")
        let back = round.map { SiteURL.municipality(slug, .survey(.value($0.id))).path } ?? SiteURL.municipality(slug, .surveys()).path
        return try await req.view.render("maturity/survey-form", SurveyFormPage(
            chrome: context.chrome(req, title: heading, section: "maturity"), heading: heading,
            action: round.map { SiteURL.municipality(slug, .survey(.value($0.id))).path } ?? SiteURL.municipality(slug, .surveys()).path,
            cancelURL: back, values: form,
            questionnaires: choices.map { Option(value: $0.id.uuidString, label: $0.label, selected: $0.id.uuidString == form.questionnaireID) },
            questionnaireFixed: fixed,
            accessOptions: SurveyAccess.allCases.map { Option(value: $0.rawValue, label: req.t("surveys.access.\($0.rawValue)"), selected: form.access == $0.rawValue) },
            accessFixed: round.map { req.t("surveys.access.\($0.surveyAccess.rawValue)") },
            minimumGroupSizeMin: max(SurveyLimits.minimumGroupSize, round?.minimumGroupSize ?? 0),
            problems: lines, fieldErrors: byField, conflict: conflict))
    }

    // MARK: the round page

    func detail(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        let round = try await SurveyService(db: req.db, context: context).round(req.parameters.get("survey"))
        var notice: String?
        if req.query[String.self, at: "created"] != nil { notice = req.t("surveys.created") }
        if req.query[String.self, at: "saved"] != nil { notice = req.t("surveys.saved") }
        if req.query[String.self, at: "closed"] != nil { notice = req.t("surveys.closedNotice") }
        return try await req.view.render("maturity/survey", try await detailPage(req, context, round, notice: notice)).encodeResponse(for: req)
    }

    private func detailPage(_ req: Request, _ context: MunicipalityContext, _ round: MaturityRoundRecord, notice: String?,
                            problems: [FieldProblem] = [], tokens: [String]? = nil) async throws -> SurveyDetailPage {
        let service = SurveyService(db: req.db, context: context)
        let lang = req.language
        let slug = context.municipality.slug
        let id = try round.requireID()
        let link = { (page: MunicipalityPage.SurveyPage) in SiteURL.municipality(slug, .survey(.value(id), page)).path }
        let counts = try await service.counts(of: [id])[id] ?? SurveyService.Counts()
        let phase = round.phase(on: context.calendar.today)
        let team = context.permissions.canEditFrame
        let isInvitation = round.surveyAccess == .invitation
        let (lines, byField) = req.problemLines(problems)
        let questionnaire = try await service.questionnaire(of: round).record
        let newTokens = tokens.map { $0.map { SurveyDetailPage.NewToken(token: $0, link: SurveyDisplay.absolute(SiteURL.publicSurvey(.value($0)).path, req)) } }
        return SurveyDetailPage(
            chrome: context.chrome(req, title: round.title, section: "maturity"), title: round.title,
            phaseLabel: SurveyDisplay.phase(phase, lang), phaseClass: SurveyDisplay.phaseClass(phase),
            opensOn: SurveyDisplay.day(round.opensOnDay, lang), closesOn: SurveyDisplay.day(round.closesOnDay, lang),
            questionnaire: "\(questionnaire.title) (v\(questionnaire.questionnaireVersion))",
            accessLabel: req.t("surveys.access.\(round.surveyAccess.rawValue)"), minimumGroupSize: round.minimumGroupSize,
            responses: SurveyDisplay.responses(counts.responses, invited: round.invitedCount, lang),
            closedEarly: round.closedAt.map(req.formatted),
            publicLink: round.publicToken.map { SurveyDisplay.absolute(SiteURL.publicSurvey(.value($0)).path, req) },
            isInvitation: isInvitation, invitations: counts.invitations, invitationsUsed: counts.used,
            listURL: SiteURL.municipality(slug, .surveys()).path,
            editURL: team ? link(.edit) : nil,
            closeURL: team && phase != .closed ? link(.close) : nil,
            invitationsURL: team && isInvitation && round.closedAt == nil ? link(.invitations) : nil,
            csvURL: team && isInvitation ? link(.invitationsCSV) : nil,
            resultsURL: SiteURL.municipality(slug, .surveyResults(.value(id))).path,
            historyURL: nil, version: round.version, notice: notice, problems: lines, fieldErrors: byField,
            newTokens: newTokens.flatMap { $0.isEmpty ? nil : $0 }, newTokensText: tokens.map { $0.joined(separator: " ") })
    }

    func close(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        let service = SurveyService(db: req.db, context: context)
        let round = try await service.round(req.parameters.get("survey"))
        try context.require(context.permissions.canEditFrame)
        // Closing is not an edit of fields: whatever changed since the page was loaded, the round is to close.
        try await service.close(round, expectedVersion: nil)
        req.application.surveyTargets.removeAll()
        return req.redirect(to: SiteURL.municipality(context.municipality.slug, .survey(.value(round.id))).path + "?closed=1", redirectType: .normal)
    }

    /// Makes codes and shows them on this one answer only (the page is not cached: `Cache-Control: no-store`).
    func invitations(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        let service = SurveyService(db: req.db, context: context)
        let round = try await service.round(req.parameters.get("survey"))
        try context.require(context.permissions.canEditFrame)
        let form = try req.content.decode(TokensForm.self)
        do {
            let tokens = try await service.makeInvitations(round, count: form.count)
            let fresh = try await service.round(req.parameters.get("survey"))
            return try await req.view.render("maturity/survey", try await detailPage(req, context, fresh, notice: nil, tokens: tokens)).encodeResponse(for: req)
        } catch let failure as ValidationFailure {
            let page = try await detailPage(req, context, round, notice: nil, problems: failure.problems)
            return try await req.view.render("maturity/survey", page).encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    /// The codes the page shows, as a file: code and full link per line. Made from what the page sends back (the
    /// codes are stored nowhere in plain text); only codes of this round are written.
    func invitationsCSV(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        let service = SurveyService(db: req.db, context: context)
        let round = try await service.round(req.parameters.get("survey"))
        try context.require(context.permissions.canEditFrame)
        let form = try req.content.decode(CSVForm.self)
        let tokens = try await service.ownTokens(round, (form.tokens ?? "").split(whereSeparator: { $0.isWhitespace }).map(String.init))
        let header = req.language == .de ? "code;link" : "code;link"
        let lines = [header] + tokens.map { "\($0);\(SurveyDisplay.absolute(SiteURL.publicSurvey(.value($0)).path, req))" }
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"einladungen.csv\"")
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(string: lines.joined(separator: "\r\n") + "\r\n"))
    }
}
