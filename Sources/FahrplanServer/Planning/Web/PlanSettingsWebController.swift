import FahrplanCore
import Fluent
import Vapor

/// The plan's frame (name, periods, discount, ranking, note) and its per-project settings (in the plan, mandatory,
/// fixed start, budget line) in the browser — what the API's PATCH and PUT …/projects do. Both forms carry the
/// plan's edit version: a plan changed since the form was loaded is not overwritten (409, the form shown again).
extension PlanWebController {
    // MARK: frame

    func frameForm(_ req: Request) async throws -> View {
        let scope = try await Scope.load(req)
        try scope.context.require(scope.context.permissions.canManagePlanning && scope.plan.archivedAt == nil)
        let plan = scope.plan
        return try await renderFrame(scope, PlanForm(name: plan.name, periodLength: plan.periodLength, firstYear: String(plan.firstYear),
                                                     periodCount: String(plan.periodCount), discount: PlanFormat.input(plan.discount, scope.language),
                                                     roundId: plan.$round.id?.uuidString, scenarioNote: plan.scenarioNote, version: plan.version),
                                     problems: [])
    }

    /// A change of the horizon discards the stored result (`PlanService.update`); the plan page then says so.
    func saveFrame(_ req: Request) async throws -> Response {
        let scope = try await Scope.load(req)
        let before = (scope.plan.periodLength, scope.plan.firstYear, scope.plan.periodCount)
        let hadResult = try await PlanResult.query(on: req.db).filter(\.$plan.$id == scope.planID).count() > 0
        let allowed = scope.context.permissions.canManagePlanning && scope.plan.archivedAt == nil
        return try await req.handleForm(PlanForm.self, permission: allowed, perform: { form in
            try await PlanService(db: req.db, context: scope.context).update(scope.plan, form.input, expectedVersion: form.version)
        }, onInvalid: { form, problems in
            try await renderFrame(scope, form, problems: problems)
        }, onConflict: { form in
            try await renderFrame(scope, form, problems: [FieldProblem("version", .staleEdit)]).response(.conflict, for: req)
        }, success: { plan in
            let moved = (plan.periodLength, plan.firstYear, plan.periodCount) != before
            return scope.url() + (moved && hadResult ? "?notice=resultDiscarded" : "?notice=frameSaved")
        })
    }

    private func renderFrame(_ scope: Scope, _ form: PlanForm, problems: [FieldProblem]) async throws -> View {
        let req = scope.req
        return try await renderForm(req, scope.context, form, problems: problems, frame: PlanFormPage.Frame(
            title: req.t("plan.editFrame"), planName: scope.plan.name, planURL: scope.url(), action: scope.url(.edit),
            version: form.version ?? scope.plan.version, hint: req.t("plan.frameHint")))
    }

    // MARK: per-project settings

    /// One row per project: `row[]` names the projects the form shows (so an unticked box counts as "not in
    /// the plan"), the other fields are keyed by project id. `mandatory`: "" (by the rules), "yes", "no";
    /// `start`: "" or a period index; `line`: "" or a budget line id.
    struct SettingsForm: Content {
        var version: Int?
        var row: [String]?
        var included: [String: String]?
        var mandatory: [String: String]?
        var start: [String: String]?
        var line: [String: String]?
    }

    /// All projects, or with `?project=<id>` the one project a row of the plan page links to.
    func settingsForm(_ req: Request) async throws -> View {
        let scope = try await Scope.load(req)
        let data = try await PlanData.load(scope.plan, on: req.db)
        var projects = data.projects
        if let only = req.query[String.self, at: "project"] {
            projects = projects.filter { $0.id.uuidString == only.uppercased() }
            guard !projects.isEmpty else { throw FahrplanError.notFound }
        }
        var form = SettingsForm(version: scope.plan.version, row: [], included: [:], mandatory: [:], start: [:], line: [:])
        for facts in projects {
            let id = facts.id.uuidString
            form.row?.append(id)
            if facts.setting.included { form.included?[id] = "on" }
            form.mandatory?[id] = facts.setting.mandatory.map { $0 ? "yes" : "no" } ?? ""
            form.start?[id] = facts.setting.pinnedStart.map(String.init) ?? ""
            form.line?[id] = facts.setting.budgetLineID?.uuidString ?? ""
        }
        return try await renderSettings(scope, data, form, problems: [])
    }

    func saveSettings(_ req: Request) async throws -> Response {
        let scope = try await Scope.load(req)
        let data = try await PlanData.load(scope.plan, on: req.db)
        let allowed = scope.context.permissions.canManagePlanning && scope.plan.archivedAt == nil
        return try await req.handleForm(SettingsForm.self, permission: allowed, perform: { form in
            var check = Validator()
            var inputs: [ProjectSettingInput] = []
            for (index, id) in (form.row ?? []).enumerated() {
                let field = "projects[\(index)]"
                var mandatory: Bool?
                switch form.mandatory?[id] ?? "" {
                case "": mandatory = nil
                case "yes": mandatory = true
                case "no": mandatory = false
                default: check.add("\(field).mandatory", .invalidChoice)
                }
                var pinned: Int?
                if let raw = form.start?[id]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
                    if let number = Int(raw) { pinned = number } else { check.add("\(field).pinnedStart", .notANumber) }
                }
                inputs.append(ProjectSettingInput(projectID: id, included: form.included?[id] != nil, mandatory: mandatory, pinnedStart: pinned,
                                                  budgetLineID: form.line?[id].flatMap { $0.isEmpty ? nil : $0 }))
            }
            try check.finish()
            try await PlanService(db: req.db, context: scope.context).saveSettings(scope.plan, inputs, expectedVersion: form.version)
        }, onInvalid: { form, problems in
            try await renderSettings(scope, data, form, problems: problems)
        }, onConflict: { form in
            try await renderSettings(scope, data, form, problems: [FieldProblem("version", .staleEdit)]).response(.conflict, for: req)
        }, success: { _ in scope.url() + "?notice=settingsSaved" })
    }

    private func renderSettings(_ scope: Scope, _ data: PlanData, _ form: SettingsForm, problems: [FieldProblem]) async throws -> View {
        let req = scope.req
        let lang = scope.language
        let byID = data.projectsByID
        let ids = form.row ?? []
        var rowErrors: [Int: [String: String]] = [:]
        var lines: [ProblemLine] = []
        for problem in problems {
            guard let (index, key) = Self.settingsField(problem.field), ids.indices.contains(index) else {
                lines.append(ProblemLine(field: Strings.fieldLabel(problem.field, lang), message: Strings.problem(problem, lang)))
                continue
            }
            let id = ids[index]
            let excluded = form.included?[id] == nil
            let message: String = switch (problem.kind, key) {
            case (.invalidChoice, "mandatory") where excluded: req.t("plan.excludedMandatory")
            case (.invalidChoice, "pinnedStart") where excluded: req.t("plan.excludedPinned")
            default: Strings.problem(problem, lang)
            }
            rowErrors[index, default: [:]][key] = rowErrors[index]?[key] ?? message
            let code = UUID(uuidString: id).flatMap { byID[$0]?.code } ?? id
            lines.append(ProblemLine(field: "\(code) – \(req.t(Self.settingsColumns[key] ?? "plan.project"))", message: message))
        }
        let periods = scope.plan.periodLabels
        let rows = ids.enumerated().compactMap { index, id -> PlanSettingsPage.Row? in
            guard let uuid = UUID(uuidString: id), let facts = byID[uuid] else { return nil }
            let mandatory = form.mandatory?[id] ?? ""
            let start = form.start?[id] ?? ""
            let line = form.line?[id] ?? ""
            return PlanSettingsPage.Row(
                id: id, code: facts.code, title: facts.title, url: SiteURL.municipality(scope.slug, .project(.value(uuid))).path,
                included: form.included?[id] != nil,
                mandatory: [("", "plan.mandatory.auto"), ("yes", "plan.mandatory.yes"), ("no", "plan.mandatory.no")]
                    .map { Option(value: $0.0, label: req.t($0.1), selected: mandatory == $0.0) },
                starts: [Option(value: "", label: req.t("plan.noPin"), selected: start.isEmpty)]
                    + periods.enumerated().map { Option(value: String($0.offset), label: $0.element, selected: start == String($0.offset)) },
                lines: [Option(value: "", label: req.t("plan.lineAuto"), selected: line.isEmpty)]
                    + data.lines.map { Option(value: $0.id.uuidString, label: $0.label, selected: line == $0.id.uuidString) },
                value: facts.score.map { PlanFormat.number($0, lang) } ?? "–", errors: rowErrors[index] ?? [:])
        }
        let single = rows.count == 1 && data.projects.count > 1
        let title = single ? "\(req.t("plan.settingsOne")): \(rows[0].code) \(rows[0].title)" : req.t("plan.settings")
        let manage = scope.context.permissions.canManagePlanning && scope.plan.archivedAt == nil
        return try await req.view.render("planning/plan-settings", PlanSettingsPage(
            chrome: scope.chrome("\(title) – \(scope.plan.name)"), planURL: scope.url(), planName: scope.plan.name, title: title,
            action: manage ? scope.url(.projects) : nil, readOnly: !manage, version: form.version ?? scope.plan.version, rows: rows,
            allURL: single ? scope.url(.projects) : nil, problems: lines.isEmpty ? nil : lines))
    }

    private static let settingsColumns = ["included": "plan.included", "mandatory": "plan.mandatoryColumn",
                                          "pinnedStart": "plan.pinnedStart", "budgetLineId": "plan.fundingLine", "projectId": "plan.project"]

    /// `projects[3].mandatory` → (3, "mandatory").
    private static func settingsField(_ field: String) -> (Int, String)? {
        let prefix = "projects["
        guard field.hasPrefix(prefix), let close = field.firstIndex(of: "]"),
              let index = Int(field[field.index(field.startIndex, offsetBy: prefix.count)..<close]) else { return nil }
        return (index, String(field[field.index(after: close)...].drop { $0 == "." }))
    }
}
