import FahrplanCore
import Fluent
import Vapor

/// The maturity model page: the levels and criteria in use; for the strategy team a choice of presets (OZG 0–4,
/// OZG 2.0 0–7) with a preview of what the change does to the current ratings before it is applied, and the
/// model as JSON. A model lacking a level that a service is currently rated on is refused, naming the services.
struct InventoryModelWeb {
    func register(on routes: any RoutesBuilder) {
        let pages = routes.municipalityPages
        pages.get(.inventory(.model), use: modelPage)
        pages.post(.inventory(.model), use: saveModel)
    }

    struct ModelForm: Content {
        var model: String?
        var version: String?
        /// A preset's key; then `model` is ignored and `confirm` must be present (sent by the preview's button).
        var preset: String?
        var confirm: String?
    }

    func modelPage(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        let service = InventoryService(db: req.db, context: context)
        let (model, version) = try await service.modelSettings()
        let preset = req.query[String.self, at: "preset"].flatMap(MaturityModelPreset.init(rawValue:))
        return try await render(req, context, json: InventoryModelWeb.json(model), version: String(version), model: model, preview: preset,
                                notice: req.query[String.self, at: "saved"] != nil ? req.t("inventory.saved") : nil, problems: [])
    }

    func saveModel(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        let service = InventoryService(db: req.db, context: context)
        try context.require(service.canManage)
        let current = try await service.maturityModel()
        let form = try req.content.decode(ModelForm.self)
        let preset = form.preset.flatMap { $0.isEmpty ? nil : $0 }.map { MaturityModelPreset(rawValue: $0) }
        func page(_ problems: [FieldProblem], status: HTTPResponseStatus, preview: MaturityModelPreset? = nil,
                  refused: [MaturityModelChange.LevelImpact] = []) async throws -> Response {
            try await render(req, context, json: preset == nil ? (form.model ?? "") : InventoryModelWeb.json(current), version: form.version ?? "",
                             model: current, preview: preview, notice: nil, problems: problems, refused: refused)
                .encodeResponse(status: status, for: req)
        }
        let model: MaturityModel
        switch preset {
        case .some(.none):
            return try await page([FieldProblem("preset", .invalidChoice)], status: .unprocessableEntity)
        case .some(.some(let chosen)):
            // Applying a preset is a two-step action: without the preview's confirmation show the preview.
            guard form.confirm != nil else { return try await page([], status: .ok, preview: chosen) }
            model = chosen.model
        case .none:
            guard let data = form.model?.data(using: .utf8), let decoded = try? JSONDecoder().decode(MaturityModel.self, from: data) else {
                return try await page([FieldProblem("model", .invalidChoice)], status: .unprocessableEntity)
            }
            model = decoded
        }
        do {
            try await service.saveModel(model, expected: form.version.flatMap { Int($0) })
        } catch let failure as ValidationFailure {
            return try await page(failure.problems, status: .unprocessableEntity)
        } catch let refusal as InventoryService.ModelLevelsInUse {
            return try await page([], status: .unprocessableEntity, preview: preset ?? nil, refused: refusal.missing)
        } catch is StaleEdit {
            return try await page([FieldProblem("version", .staleEdit)], status: .conflict)
        }
        return req.redirect(to: SiteURL.municipality(context.municipality.slug, .inventory(.model)).path(query: "saved=1"), redirectType: .normal)
    }

    static func json(_ model: MaturityModel) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(model)) ?? Data(), as: UTF8.self)
    }

    /// "Stufe 6 Datenzentriert (Once-Only) – aktuelle Bewertung von: A, B": one line per level a change would drop.
    static func refusalLines(_ missing: [MaturityModelChange.LevelImpact], _ req: Request) -> [ProblemLine] {
        let english = req.language != .de
        return missing.map { impact in
            let level = "\(req.t("inventory.field.level")) \(impact.level)" + (impact.before.map { " \($0.label(english: english))" } ?? "")
            return ProblemLine(field: level, message: "\(req.t("inventory.levelInUse")): \(impact.services.joined(separator: ", "))")
        }
    }

    private func render(_ req: Request, _ context: MunicipalityContext, json: String, version: String, model: MaturityModel,
                        preview: MaturityModelPreset?, notice: String?, problems: [FieldProblem],
                        refused: [MaturityModelChange.LevelImpact] = []) async throws -> View {
        let service = InventoryService(db: req.db, context: context)
        let english = req.language != .de
        var (lines, byField) = req.inventoryProblems(problems)
        if problems.contains(where: { $0.field == "model" }) {
            lines = [ProblemLine(field: req.t("inventory.field.model"), message: req.t("inventory.modelInvalidJSON"))]
            byField["model"] = req.t("inventory.modelInvalidJSON")
        } else if problems.contains(where: { $0.field == "preset" }) {
            lines = [ProblemLine(field: req.t("inventory.presets"), message: Strings.problem(FieldProblem("preset", .invalidChoice), req.language))]
        } else if !problems.isEmpty && problems.allSatisfy({ $0.field != "version" }) {
            // The model's own problems name its parts (`levels[2].number`): shown as they are, under the one field.
            lines = problems.map { ProblemLine(field: $0.field, message: Strings.problem($0, req.language)) }
            byField["model"] = lines?.first?.message
        }
        if !refused.isEmpty {
            lines = (lines ?? []) + Self.refusalLines(refused, req)
            byField["model"] = req.t("inventory.levelsInUse")
        }
        let action = SiteURL.municipality(context.municipality.slug, .inventory(.model)).path
        var previewPage: InventoryModelPage.Preview?
        if let preview, service.canManage {
            let impact = try await service.modelImpact(of: preview.model)
            func rows(_ list: [MaturityModelChange.LevelImpact]) -> [InventoryModelPage.ImpactRow]? {
                list.isEmpty ? nil : list.map { impact in
                    InventoryModelPage.ImpactRow(level: String(impact.level), before: impact.before?.label(english: english) ?? "–",
                                                 after: impact.after?.label(english: english) ?? "–",
                                                 services: impact.services.joined(separator: ", "), count: impact.services.count)
                }
            }
            previewPage = InventoryModelPage.Preview(
                key: preview.rawValue, name: preview.name(english: english), hint: req.t("inventory.presetHint.\(preview.rawValue)"),
                levels: preview.model.levels.map { Fact(label: String($0.number), value: $0.label(english: english)) },
                criteria: preview.model.criteria.map { Fact(label: $0.key, value: $0.name(english: english)) },
                missing: rows(impact.missing), renamed: rows(impact.renamed), unchanged: preview.model == model,
                noImpact: impact.missing.isEmpty && impact.renamed.isEmpty, canApply: impact.isSafe && preview.model != model)
        }
        let inUse = MaturityModelPreset.matching(model)
        return try await req.view.render("inventory/model", InventoryModelPage(
            chrome: context.chrome(req, title: req.t("inventory.model"), section: "inventory"),
            links: InventoryLinks(slug: context.municipality.slug, service: service),
            action: action, json: json, ozgJSON: Self.json(.ozg), version: version,
            levels: model.levels.map { Fact(label: String($0.number), value: $0.label(english: english)) },
            criteria: model.criteria.map { Fact(label: $0.key, value: $0.name(english: english)) },
            currentPreset: inUse?.name(english: english) ?? model.key,
            presets: MaturityModelPreset.allCases.map { preset in
                InventoryModelPage.PresetOption(key: preset.rawValue, name: preset.name(english: english),
                                                hint: req.t("inventory.presetHint.\(preset.rawValue)"),
                                                selected: preset == (preview ?? inUse), id: "preset-\(preset.rawValue)")
            },
            preview: previewPage,
            notice: notice, problems: lines, fieldErrors: byField, canEdit: service.canManage))
    }
}
