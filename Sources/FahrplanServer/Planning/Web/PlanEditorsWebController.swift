import FahrplanCore
import Fluent
import Vapor

/// The capacity editor (budget lines × periods, departments × periods, German numbers), the scenario form and
/// the comparison page.
extension PlanWebController {
    /// Cells are named `amount[<line>_<period>]` and `fte[<department id>_<period>]`; a line without a label
    /// and without amounts, and a department without any FTE, are left out (no row: not limited).
    struct CapacitiesForm: Content {
        var version: Int?
        var label: [String: String]?
        var kind: [String: String]?
        var source: [String: String]?
        var amount: [String: String]?
        var fte: [String: String]?
    }

    func capacitiesForm(_ req: Request) async throws -> View {
        let scope = try await Scope.load(req)
        let data = try await PlanData.load(scope.plan, on: req.db)
        var form = CapacitiesForm(version: scope.plan.version, label: [:], kind: [:], source: [:], amount: [:], fte: [:])
        for (index, line) in data.lines.enumerated() {
            form.label?["\(index)"] = line.label
            form.kind?["\(index)"] = line.kind.rawValue
            form.source?["\(index)"] = line.fundingSource ?? ""
            for (period, value) in line.amounts.enumerated() { form.amount?["\(index)_\(period)"] = PlanFormat.input(value, scope.language) }
        }
        for row in data.staff {
            for (period, value) in row.fte.enumerated() { form.fte?["\(row.departmentID.uuidString)_\(period)"] = PlanFormat.input(value, scope.language) }
        }
        return try await renderCapacities(scope, form, lineCount: data.lines.count, problems: [])
    }

    func saveCapacities(_ req: Request) async throws -> Response {
        let scope = try await Scope.load(req)
        let departments = try await activeDepartments(scope)
        return try await req.handleForm(CapacitiesForm.self, permission: scope.context.permissions.canManagePlanning, perform: { form in
            let periods = scope.plan.periodCount
            let indices = Set((form.label ?? [:]).keys.compactMap(Int.init)).sorted()
            var lines: [CapacitiesInput.Line] = []
            var kept: [Int] = []
            for index in indices {
                let amounts = (0..<periods).map { form.amount?["\(index)_\($0)"] ?? "" }
                let label = form.label?["\(index)"] ?? ""
                if label.trimmingCharacters(in: .whitespaces).isEmpty && amounts.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
                kept.append(index)
                lines.append(.init(label: label, kind: form.kind?["\(index)"], fundingSource: form.source?["\(index)"]?.nonBlank,
                                   eligibleProjectIDs: [], amounts: amounts.map { .text($0) }))
            }
            var staff: [CapacitiesInput.Staff] = []
            for department in departments {
                let id = department.id!.uuidString
                let cells = (0..<periods).map { form.fte?["\(id)_\($0)"] ?? "" }
                if cells.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
                staff.append(.init(departmentID: id, fte: cells.map { .text($0) }))
            }
            do {
                try await PlanService(db: req.db, context: scope.context)
                    .saveCapacities(scope.plan, CapacitiesInput(lines: lines, staff: staff), expectedVersion: form.version)
            } catch let failure as ValidationFailure {
                // The service numbers the rows it was given; the form's cells are named by line index and department.
                throw ValidationFailure(failure.problems.map { Self.formField($0, lines: kept) })
            }
        }, onInvalid: { form, problems in
            try await renderCapacities(scope, form, lineCount: (form.label ?? [:]).count, problems: problems)
        }, onConflict: { form in
            try await renderCapacities(scope, form, lineCount: (form.label ?? [:]).count,
                                       problems: [FieldProblem("version", .alreadyTaken)]).response(.conflict, for: req)
        }, success: { _ in scope.url() })
    }

    /// `budgetLines[k]` of the service is the k-th line kept from the form, whose cells carry the form's index.
    private static func formField(_ problem: FieldProblem, lines kept: [Int]) -> FieldProblem {
        let prefix = "budgetLines["
        guard problem.field.hasPrefix(prefix), let close = problem.field.firstIndex(of: "]"),
              let k = Int(problem.field[problem.field.index(problem.field.startIndex, offsetBy: prefix.count)..<close]), k < kept.count
        else { return problem }
        return FieldProblem(prefix + "\(kept[k])" + problem.field[close...], problem.kind)
    }

    private func activeDepartments(_ scope: Scope) async throws -> [Department] {
        try await Department.query(on: scope.req.db).filter(\.$municipality.$id == scope.context.municipalityID)
            .filter(\.$archivedAt == nil).sort(\.$code).all()
    }

    private func renderCapacities(_ scope: Scope, _ form: CapacitiesForm, lineCount: Int, problems: [FieldProblem]) async throws -> View {
        let req = scope.req
        let periods = scope.plan.periodLabels
        let (lines, byField) = req.problemLines(problems)
        let departments = try await activeDepartments(scope)
        let count = max(lineCount, Set((form.label ?? [:]).keys.compactMap(Int.init)).count)
        let rows = (0...count).map { index in
            PlanCapacitiesPage.Row(index: index, label: form.label?["\(index)"] ?? "", kind: form.kind?["\(index)"] ?? "investive",
                                   fundingSource: form.source?["\(index)"] ?? "",
                                   cells: periods.indices.map { p in
                                       .init(name: "amount[\(index)_\(p)]", id: "amount-\(index)-\(p)", value: form.amount?["\(index)_\(p)"] ?? "",
                                             error: byField["budgetLines[\(index)].amounts[\(p)]"], label: periods[p])
                                   })
        }
        let staff = departments.map { department in
            let id = department.id!.uuidString
            return PlanCapacitiesPage.StaffRow(departmentID: id, label: "\(department.code) \(department.name)", cells: periods.indices.map { p in
                .init(name: "fte[\(id)_\(p)]", id: "fte-\(id)-\(p)", value: form.fte?["\(id)_\(p)"] ?? "", error: nil, label: periods[p])
            })
        }
        return try await req.view.render("planning/plan-capacities", PlanCapacitiesPage(
            chrome: scope.chrome("\(req.t("plan.capacitiesTitle")): \(scope.plan.name)"), planURL: scope.url(),
            action: scope.context.permissions.canManagePlanning ? scope.url(.capacities) : nil, periods: periods, lines: rows, staff: staff,
            version: form.version ?? scope.plan.version, problems: lines))
    }

    // MARK: scenario

    struct ScenarioForm: Content {
        var name: String?
        var note: String?
        var budgetPercent: String?
        var fte: [String: String]?
        var changeMandatory: String?
        var mandatory: [String]?
    }

    func scenarioForm(_ req: Request) async throws -> View {
        let scope = try await Scope.load(req)
        try scope.context.require(scope.context.permissions.canManagePlanning)
        return try await renderScenario(scope, ScenarioForm(name: "\(scope.plan.name) – Szenario", note: "", budgetPercent: "", fte: [:]), problems: [])
    }

    func createScenario(_ req: Request) async throws -> Response {
        let scope = try await Scope.load(req)
        return try await req.handleForm(ScenarioForm.self, permission: scope.context.permissions.canManagePlanning, perform: { form in
            let mandatory: [String]? = form.changeMandatory == nil ? nil : (form.mandatory ?? [])
            return try await PlanService(db: req.db, context: scope.context).copyAsScenario(scope.plan, ScenarioCopyInput(
                name: form.name, note: form.note, budgetPercent: form.budgetPercent,
                addedFTE: (form.fte ?? [:]).filter { !$0.value.trimmingCharacters(in: .whitespaces).isEmpty }.mapValues { .text($0) },
                mandatoryProjectIDs: mandatory))
        }, onInvalid: { form, problems in
            try await renderScenario(scope, form, problems: problems)
        }, success: { (copy: RoadmapPlan) in
            SiteURL.municipality(scope.slug, .plan(.value(copy.id))).path
        })
    }

    private func renderScenario(_ scope: Scope, _ form: ScenarioForm, problems: [FieldProblem]) async throws -> View {
        let req = scope.req
        let data = try await PlanData.load(scope.plan, on: req.db)
        let (lines, byField) = req.problemLines(problems)
        let chosen = Set(form.mandatory ?? data.projects.filter { $0.setting.mandatory == true }.map(\.id.uuidString))
        return try await req.view.render("planning/plan-scenario", PlanScenarioPage(
            chrome: scope.chrome(req.t("plan.newScenario")), planURL: scope.url(), action: scope.url(.scenario),
            name: form.name ?? "", note: form.note ?? "", budgetPercent: form.budgetPercent ?? "",
            staff: try await activeDepartments(scope).map { .init(departmentID: $0.id!.uuidString, label: "\($0.code) \($0.name)", value: form.fte?[$0.id!.uuidString] ?? "") },
            changeMandatory: form.changeMandatory != nil,
            projects: data.projects.map { Option(value: $0.id.uuidString, label: "\($0.code) \($0.title)", selected: chosen.contains($0.id.uuidString)) },
            problems: lines, fieldErrors: byField))
    }

    // MARK: compare

    func compare(_ req: Request) async throws -> View {
        let scope = try await Scope.load(req)
        let other = try await PlanService(db: req.db, context: scope.context).comparisonPartner(of: scope.plan, with: req.query[String.self, at: "with"])
        let comparison = try await PlanComparison.make(scope.plan, other, results: PlanResultService(db: req.db, context: scope.context))
        let lang = scope.language
        func budget(_ side: PlanComparisonDTO.Side) -> String {
            "\(PlanFormat.number(side.budgetUsed, decimals: 0, lang)) € / \(PlanFormat.number(side.budgetCapacity, decimals: 0, lang)) €"
        }
        return try await req.view.render("planning/plan-compare", PlanComparePage(
            chrome: scope.chrome("\(req.t("plan.compareTitle")): \(scope.plan.name) – \(other.name)"), planURL: scope.url(),
            baseName: scope.plan.name, otherName: other.name,
            baseObjective: PlanFormat.number(comparison.base.objective, lang), otherObjective: PlanFormat.number(comparison.other.objective, lang),
            baseBudget: budget(comparison.base), otherBudget: budget(comparison.other),
            rows: comparison.changes.filter { $0.change != "unchanged" }.map {
                .init(code: $0.code, title: $0.title, change: req.t("plan.change.\($0.change)"), baseStart: $0.baseStart ?? "–", otherStart: $0.otherStart ?? "–")
            }))
    }
}
