import FahrplanCore
import Fluent
import Foundation
import Vapor

/// The parts a survey's and an assessment's results pages share: the radar, a section per topic field, the first
/// steps with their project buttons, the export links. Wording through the string catalog (`mres.*`).
struct ResultsSections {
    var req: Request
    var context: MunicipalityContext

    var language: Language { req.language }
    var english: Bool { req.language != .de }
    var say: ChartWording { ChartWording(language: req.language) }
    var slug: String { context.municipality.slug }

    func t(_ key: String) -> String { req.t(key) }

    /// A text with `%1`, `%2`, … filled in.
    func fill(_ key: String, _ values: String...) -> String {
        var text = req.t(key)
        for (index, value) in values.enumerated().reversed() { text = text.replacingOccurrences(of: "%\(index + 1)", with: value) }
        return text
    }

    func mean(_ value: Double?) -> String { value.map { say.decimal($0, digits: 2) } ?? "–" }

    func day(_ iso: String) -> String { CalendarDay(iso: iso).map { english ? $0.iso : $0.german } ?? iso }

    /// A comparison's values by statement key.
    static func statementMeans(_ results: MaturityResults?) -> [String: Double]? {
        guard let results else { return nil }
        var means: [String: Double] = [:]
        for statement in results.statements { if let mean = statement.mean { means[statement.key] = mean } }
        return means
    }

    func radar(_ results: MaturityResults, current: String, comparison: (label: String, results: MaturityResults)?) -> ResultsView.Chart {
        let radar = MaturityRadar(results, comparedWith: comparison?.results)
        return ResultsView.Chart(svg: ResultsCharts.radarSVG(id: "mres-radar-chart", radar: radar, current: current, comparison: comparison?.label, language: language),
                                 table: ResultsCharts.radarTable(id: "mres-radar-table", radar: radar, current: current, comparison: comparison?.label, language: language))
    }

    func fields(_ results: MaturityResults, questionnaire: Questionnaire, comparison: (label: String, results: MaturityResults)?) -> [ResultsView.FieldSection] {
        let other = Self.statementMeans(comparison?.results)
        return results.fields.enumerated().map { index, field in
            let bars = results.statements[field.statementRange].map {
                ResultsCharts.Bar(label: $0.text, value: $0.mean, comparison: other?[$0.key])
            }
            return ResultsView.FieldSection(
                id: "mres-field-\(index + 1)", title: field.title, mean: mean(field.mean),
                chart: ResultsCharts.barsSVG(id: "mres-field-\(index + 1)-chart", title: field.title, bars: bars, minimum: results.scaleMinimum,
                                             maximum: results.scaleMaximum, comparison: comparison?.label, language: language),
                table: ResultsCharts.distributionTable(id: "mres-field-\(index + 1)-table", caption: fill("mres.distributionCaption", field.title),
                                                       results: results, field: field, levels: questionnaire.scale.levels,
                                                       dontKnow: questionnaire.scale.dontKnow, comparison: other, comparisonLabel: comparison?.label,
                                                       language: language))
        }
    }

    /// Low-scoring statements with their first steps; each step names the project it became, if any.
    func firstSteps(_ results: MaturityResults, questionnaire: Questionnaire, score: (MaturityFirstStep) -> String) async throws -> [ResultsView.FirstStep] {
        let low = MaturityFirstStep.low(results, questionnaire: questionnaire)
        guard !low.isEmpty else { return [] }
        let links = try await MaturityResultsService(req: req, context: context).projectLinks()
        let fieldTitles = Dictionary(questionnaire.fields.map { ($0.key, $0.title) }, uniquingKeysWith: { a, _ in a })
        return low.enumerated().map { number, item in
            ResultsView.FirstStep(
                id: "mres-step-\(number + 1)", statementKey: item.statementKey, statement: item.text, field: fieldTitles[item.fieldKey] ?? item.fieldKey,
                score: score(item),
                steps: item.firstSteps.enumerated().map { index, text in
                    let link = links[MaturityResultsService.linkKey(statementKey: item.statementKey, firstStep: text)]
                    return ResultsView.Step(index: index, text: text, project: link.map {
                        ResultsView.ProjectRef(label: "\($0.code) \($0.title)", url: SiteURL.municipality(slug, .project(.value($0.projectID))).path)
                    })
                })
        }
    }

    /// The button's form, for the strategy team only: the leading unit defaults to the first active one by code.
    func stepForm(sourceKind: FirstStepProjects.SourceKind, sourceID: UUID) async throws -> ResultsView.StepForm? {
        guard context.permissions.canManagePortfolio else { return nil }
        let units = try await Department.query(on: req.db).filter(\.$municipality.$id == context.municipalityID)
            .filter(\.$archivedAt == nil).sort(\.$code).all()
        guard !units.isEmpty else { return nil }
        return ResultsView.StepForm(action: SiteURL.municipality(slug, .firstSteps(.project)).path, sourceKind: sourceKind.rawValue,
                                    sourceID: sourceID.uuidString,
                                    departments: units.enumerated().map { index, unit in
                                        Option(value: unit.id?.uuidString ?? "", label: "\(unit.code) \(unit.name)", selected: index == 0)
                                    })
    }

    func exports(_ page: (MunicipalityPage.ResultsPage) -> MunicipalityPage, query: String?, answers: String?) -> [ResultsView.Link] {
        func url(_ target: MunicipalityPage.ResultsPage) -> String {
            let path = SiteURL.municipality(slug, page(target))
            return query.map { path.path(query: $0) } ?? path.path
        }
        var links: [ResultsView.Link] = []
        // The answers file has no grouping column (`ResultsExports`), so its link carries no breakdown.
        if let answers { links.append(.init(id: "mres-export-answers", label: answers, url: SiteURL.municipality(slug, page(.answersCSV)).path)) }
        links.append(.init(id: "mres-export-csv", label: t("mres.exportResultsCSV"), url: url(.resultsCSV)))
        links.append(.init(id: "mres-export-json", label: t("mres.exportResultsJSON"), url: url(.resultsJSON)))
        return links
    }
}
