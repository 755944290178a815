import FahrplanCore
import Fluent
import Foundation
import Vapor

/// The public answer form of a Quick-Check round, `/q/:token`. Registered outside the session, language and CSRF
/// middlewares (configure.swift): it sets no cookie, reads no account, and keeps nothing of the sender. A form
/// cannot be forged across sites into something harmful here (there is no session to ride on); what a CSRF token
/// would otherwise stop — the same form sent twice — the random submission key of each rendered form stops.
struct SurveyAnswerController {
    func register(on routes: any RoutesBuilder) {
        let pages = routes.sitePages
        pages.get(.publicSurvey(.key), use: form)
        pages.post(.publicSurvey(.key), use: submit)
    }

    func form(_ req: Request) async throws -> Response {
        let answering = SurveyAnswering(req: req)
        guard let target = try await answering.target(req.parameters.get("token")) else { return try await unknown(req) }
        switch target.round.phase(on: req.application.municipalCalendar.today) {
        case .planned: return try await message(req, target, .notOpenYet(opensOn: target.round.opensOnDay))
        case .closed: return try await message(req, target, .closed)
        case .open: break
        }
        if target.invitationUsed { return try await message(req, target, .tokenUsed) }
        return try await render(req, target, answers: [:], submissionKey: Secrets.randomToken(bytes: 16), problems: [], status: .ok)
    }

    func submit(_ req: Request) async throws -> Response {
        let answering = SurveyAnswering(req: req)
        guard let target = try await answering.target(req.parameters.get("token")) else {
            if let limited = answering.unknownTokenAttempt() { return try await message(req, nil, limited) }
            return try await unknown(req)
        }
        let fields = (try? req.content.decode([String: String].self)) ?? [:]
        let input = Self.input(fields)
        let result = try await answering.submit(target, input: input, submissionKey: fields["submissionKey"])
        if case .invalid(let problems) = result {
            var key = fields["submissionKey"] ?? ""
            if !SurveyAnswering.isPlausibleToken(key) { key = Secrets.randomToken(bytes: 16) }
            return try await render(req, target, answers: fields, submissionKey: key, problems: problems, status: .unprocessableEntity)
        }
        return try await message(req, target, result)
    }

    /// Form fields → the core's input: `ratings.<key>` (a level's value or `dontKnow`), `groups.<key>`,
    /// `freeTexts.<key>`. A value that is not a number is kept as one the scale cannot have, so the core names it.
    static func input(_ fields: [String: String]) -> MaturityResponseInput {
        var input = MaturityResponseInput()
        for (name, raw) in fields {
            let value = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if name.hasPrefix("ratings.") {
                let key = String(name.dropFirst("ratings.".count))
                if value.isEmpty { continue }
                input.ratings[key] = value == "dontKnow" ? .dontKnow : Int(value).map { .value($0) } ?? .value(Int.min)
            } else if name.hasPrefix("groups."), !value.isEmpty {
                input.groups[String(name.dropFirst("groups.".count))] = value
            } else if name.hasPrefix("freeTexts."), !value.isEmpty {
                input.freeTexts[String(name.dropFirst("freeTexts.".count))] = raw
            }
        }
        return input
    }

    // MARK: pages

    private func render(_ req: Request, _ target: SurveyAnswering.Target, answers: [String: String], submissionKey: String,
                        problems: [FieldProblem], status: HTTPStatus) async throws -> Response {
        let lang = req.language
        let questionnaire = target.questionnaire
        let byField = Dictionary(problems.map { ($0.field, $0) }, uniquingKeysWith: { first, _ in first })
        let token = req.parameters.get("token") ?? ""
        func anchor(_ text: String) -> String { "q-" + text.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? String($0) : "-" }.joined() }

        var number = 0
        var statementTitles: [String: (anchor: String, label: String)] = [:]
        let fields = questionnaire.fields.enumerated().map { fieldIndex, field in
            SurveyAnswerPage.Field(id: anchor("field-\(fieldIndex)"), title: field.title, description: field.description,
                                   statements: field.statements.map { statement in
                number += 1
                let name = "ratings.\(statement.key)"
                let id = anchor("s-\(statement.key)")
                statementTitles[name] = (id, "\(Strings.text("survey.statement", lang)) \(number) („\(Self.short(statement.text))“)")
                var choices = questionnaire.scale.levels.map { level in
                    SurveyAnswerPage.Choice(id: "\(id)-\(level.value)", value: String(level.value), label: "\(level.value) – \(level.label)",
                                            checked: answers[name] == String(level.value), dontKnow: false)
                }
                if let dontKnow = questionnaire.scale.dontKnow {
                    choices.append(.init(id: "\(id)-dk", value: "dontKnow", label: dontKnow, checked: answers[name] == "dontKnow", dontKnow: true))
                }
                return SurveyAnswerPage.StatementView(id: id, name: name, number: number, text: statement.text, explanation: statement.explanation,
                                                      choices: choices, error: byField[name].map { Strings.problem($0, lang) })
            })
        }
        let groups = questionnaire.grouping.map { question in
            let name = "groups.\(question.key)"
            let id = anchor("g-\(question.key)")
            statementTitles[name] = (id, question.text)
            let offered: [(String, String)] = question.kind == .department ? target.departments.map { ($0.id, $0.label) } : (question.options ?? []).map { ($0, $0) }
            let options = [Option(value: "", label: Strings.text("survey.noAnswer", lang), selected: (answers[name] ?? "").isEmpty)]
                + offered.map { Option(value: $0.0, label: $0.1, selected: answers[name] == $0.0) }
            return SurveyAnswerPage.Group(id: id, name: name, text: question.text, options: options, error: byField[name].map { Strings.problem($0, lang) })
        }
        let texts = questionnaire.freeText.map { question in
            let name = "freeTexts.\(question.key)"
            let id = anchor("f-\(question.key)")
            statementTitles[name] = (id, question.text)
            return SurveyAnswerPage.FreeText(id: id, name: name, text: question.text, value: answers[name] ?? "",
                                             error: byField[name].map { Strings.problem($0, lang) })
        }
        let summary = problems.map { problem in
            let known = statementTitles[problem.field]
            return SurveyAnswerPage.Problem(href: "#" + (known?.anchor ?? "survey-form"),
                                            text: "\(known?.label ?? Strings.fieldLabel(problem.field, lang)): \(Strings.problem(problem, lang))")
        }
        let k = target.round.minimumGroupSize
        let page = SurveyAnswerPage(
            lang: lang.rawValue, title: target.round.title, municipality: target.municipality.name, description: questionnaire.description,
            action: SiteURL.publicSurvey(.value(token)).path + (req.query[String.self, at: "lang"] != nil ? "?lang=\(lang.rawValue)" : ""),
            promise: Strings.text("survey.promise", lang).replacingOccurrences(of: "{k}", with: String(k)),
            closesOn: SurveyDisplay.day(target.round.closesOnDay, lang), storageKey: Self.storageKey(token), submissionKey: submissionKey,
            switchLanguageURL: SiteURL.publicSurvey(.value(token)).path + "?lang=\(lang == .de ? "en" : "de")",
            switchLanguageLabel: lang == .de ? "English" : "Deutsch", switchLanguageCode: lang == .de ? "en" : "de",
            groups: groups.isEmpty ? nil : groups, fields: fields, freeTexts: texts.isEmpty ? nil : texts,
            problems: summary.isEmpty ? nil : summary, statementCount: questionnaire.statements.count)
        return Self.tidy(try await req.view.render("survey/answer", page).encodeResponse(status: status, for: req), req)
    }

    private func unknown(_ req: Request) async throws -> Response {
        try await page(req, municipality: nil, heading: "survey.unknown", text: "survey.unknownText", detail: nil, status: .notFound, clear: false)
    }

    private func message(_ req: Request, _ target: SurveyAnswering.Target?, _ result: SurveyAnswering.Result) async throws -> Response {
        let lang = req.language
        let name = target?.municipality.name
        switch result {
        case .stored:
            return try await page(req, municipality: name, heading: "survey.thanks", text: "survey.thanksText", detail: nil, status: .ok, clear: true)
        case .alreadyReceived:
            return try await page(req, municipality: name, heading: "survey.already", text: "survey.alreadyText", detail: nil, status: .ok, clear: true)
        case .tokenUsed:
            return try await page(req, municipality: name, heading: "survey.used", text: "survey.usedText", detail: nil, status: .conflict, clear: true)
        case .closed:
            return try await page(req, municipality: name, heading: "survey.closed", text: "survey.closedText",
                                  detail: target.map { "\(Strings.text("surveys.closesOn", lang)): \(SurveyDisplay.day($0.round.closesOnDay, lang))" },
                                  status: .gone, clear: false)
        case .notOpenYet(let day):
            return try await page(req, municipality: name, heading: "survey.notOpen", text: "survey.notOpenText",
                                  detail: "\(Strings.text("surveys.opensOn", lang)): \(SurveyDisplay.day(day, lang))", status: .gone, clear: false)
        case .rateLimited(let wait):
            let response = try await page(req, municipality: name, heading: "survey.limited", text: "survey.limitedText",
                                          detail: Strings.text("survey.limitedWait", lang).replacingOccurrences(of: "{s}", with: String(wait)),
                                          status: .tooManyRequests, clear: false)
            response.headers.replaceOrAdd(name: .retryAfter, value: String(wait))
            return response
        case .invalid:
            return try await unknown(req)
        }
    }

    private func page(_ req: Request, municipality: String?, heading: String, text: String, detail: String?, status: HTTPStatus,
                      clear: Bool) async throws -> Response {
        let lang = req.language
        let token = req.parameters.get("token") ?? ""
        let page = SurveyMessagePage(
            lang: lang.rawValue, title: Strings.text(heading, lang), municipality: municipality, heading: Strings.text(heading, lang),
            text: Strings.text(text, lang), detail: detail,
            switchLanguageURL: SurveyAnswering.isPlausibleToken(token) ? SiteURL.publicSurvey(.value(token)).path + "?lang=\(lang == .de ? "en" : "de")" : "?lang=\(lang == .de ? "en" : "de")",
            switchLanguageLabel: lang == .de ? "English" : "Deutsch", switchLanguageCode: lang == .de ? "en" : "de",
            clearStorageKey: clear ? Self.storageKey(token) : nil)
        return Self.tidy(try await req.view.render("survey/message", page).encodeResponse(status: status, for: req), req)
    }

    /// The form's saved answers are kept in the browser under this name: derived from the token, never the token
    /// itself (local storage outlives the page; an invitation token there could be read by the next person).
    static func storageKey(_ token: String) -> String { "fahrplan-survey-" + Secrets.sha256("survey-storage " + token).prefix(16) }

    /// No cookie leaves these pages, and no cache keeps them (the token is in the address).
    static func tidy(_ response: Response, _ req: Request) -> Response {
        response.headers.remove(name: .setCookie)
        response.headers.replaceOrAdd(name: .contentLanguage, value: req.language.rawValue)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    static func short(_ text: String) -> String {
        text.count <= 70 ? text : String(text.prefix(67)).trimmingCharacters(in: .whitespaces) + "…"
    }
}
