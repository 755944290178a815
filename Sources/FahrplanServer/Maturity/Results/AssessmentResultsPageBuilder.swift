import FahrplanCore
import Fluent
import Foundation
import Vapor

/// Builds a Potenzialcheck's results page: the same charts as a round's (one rating per statement, so the "mean"
/// of a statement is its rating), the previous Potenzialcheck of the questionnaire laid over them, every rating with
/// its evidence, the trend across Potenzialchecks and the first steps. No anonymity applies: the strategy team
/// rated together and signs its evidence.
struct AssessmentResultsPageBuilder {
    var req: Request
    var context: MunicipalityContext
    var sections: ResultsSections { ResultsSections(req: req, context: context) }

    func page(_ record: MaturityAssessmentRecord, print: Bool, notice: String? = nil, problems: [ProblemLine]? = nil) async throws -> ResultsView {
        let s = sections
        let service = MaturityResultsService(req: req, context: context)
        let current = try await service.results(record)
        let loaded = current.loaded
        let questionnaire = loaded.questionnaire
        let results = current.results
        let slug = context.municipality.slug
        let id = loaded.id
        let trend = try await service.assessmentTrend(key: questionnaire.key)
        let index = trend.firstIndex { $0.loaded.id == id }
        let previous = index.flatMap { $0 > 0 ? trend[$0 - 1] : nil }

        var facts = [
            ResultsView.Fact(id: "mres-assessed-on", label: s.t("mres.assessedOn"), value: s.day(record.assessedOn)),
            ResultsView.Fact(id: "mres-questionnaire", label: s.t("mres.questionnaire"), value: s.fill("mres.questionnaireVersion", questionnaire.title, String(questionnaire.version))),
            ResultsView.Fact(id: "mres-rated", label: s.t("mres.rated"),
                             value: s.fill("mres.ratedOf", String(results.statements.filter { $0.rated > 0 }.count), String(results.statements.count))),
        ]
        if let participants = record.participants, !participants.isEmpty {
            facts.append(.init(id: "mres-participants", label: s.t("mres.participants"), value: participants))
        }
        facts.append(.init(id: "mres-overall", label: s.t("mres.overall"),
                           value: s.fill("mres.onScale", s.mean(results.overall), String(results.scaleMinimum), String(results.scaleMaximum))))
        var view = ResultsView(
            chrome: context.chrome(req, title: s.fill("mres.assessmentTitle", record.title), section: "maturity"), kind: "assessment",
            heading: s.fill("mres.assessmentTitle", record.title), subheading: record.note ?? s.t("mres.assessmentIntro"),
            backURL: print ? nil : SiteURL.municipality(slug, .assessment(.value(id))).path, backLabel: s.t("mres.backToAssessment"),
            notice: notice, problems: problems, facts: facts, firstStepsNote: s.t("mres.firstStepsIntroAssessment"))
        view.printURL = print ? nil : SiteURL.municipality(slug, .assessmentResults(.value(id), .print)).path
        view.exports = print ? nil : s.exports({ .assessmentResults(.value(id), $0) }, query: nil, answers: s.t("mres.exportAnswersAssessment"))

        let comparison = previous.map { (s.fill("mres.assessmentLabel", $0.loaded.assessment.title), $0.results) }
        view.radar = s.radar(results, current: s.fill("mres.assessmentLabel", record.title), comparison: comparison)
        view.radarNote = comparison.map { s.fill("mres.radarNote", $0.0) }
        view.fields = s.fields(results, questionnaire: questionnaire, comparison: comparison)
        view.evidence = evidence(loaded, results: results)
        view.trend = trendTable(trend, current: id)
        view.firstSteps = try await s.firstSteps(results, questionnaire: questionnaire) { item in
            let level = questionnaire.scale.levels.first { Double($0.value) == item.mean }
            return s.fill("mres.stepRating", level.map { "\($0.value) „\($0.label)“" } ?? s.mean(item.mean))
        }.nilIfEmpty
        if !print { view.stepForm = try await s.stepForm(sourceKind: .assessment, sourceID: id) }
        return view
    }

    /// Every statement's rating with the evidence it rests on, per field.
    func evidence(_ loaded: LoadedAssessment, results: MaturityResults) -> [ResultsView.EvidenceField] {
        let s = sections
        let scale = loaded.questionnaire.scale
        return loaded.questionnaire.fields.enumerated().map { index, field in
            ResultsView.EvidenceField(id: "mres-evidence-\(index + 1)", title: field.title, rows: field.statements.map { statement in
                let rating = loaded.ratings[statement.key]
                let text: String
                if rating?.dontKnow == true {
                    text = scale.dontKnow ?? s.t("mres.dontKnow")
                } else if let value = rating?.value, let level = scale.levels.first(where: { $0.value == value }) {
                    text = "\(level.value) \(level.label)"
                } else {
                    text = s.t("mres.notRated")
                }
                return ResultsView.EvidenceRow(statement: statement.text, rating: text, evidence: rating?.evidence.flatMap { $0.isEmpty ? nil : $0 })
            })
        }
    }

    func trendTable(_ trend: [MaturityResultsService.AssessmentResults], current: UUID) -> ResultsView.Chart? {
        guard trend.count > 1 else { return nil }
        let s = sections
        let fields = trend.first { $0.loaded.id == current }?.results.fields ?? []
        var out = ChartBuffer(capacity: 4_096)
        ResultsCharts.tableStart(&out, id: "mres-trend-table", caption: s.t("mres.assessmentTrendCaption"))
        ResultsCharts.headerRow(&out, [(s.t("mres.assessment"), false), (s.t("mres.assessedOn"), false), (s.t("mres.overall"), true)]
                                + fields.map { ($0.title, true) })
        for item in trend {
            out.raw(item.loaded.id == current ? "<tr class=\"current\">" : "<tr>")
            out.raw("<th scope=\"row\"><a href=\"")
            out.escaped(SiteURL.municipality(context.municipality.slug, .assessmentResults(.value(item.loaded.id))).path); out.raw("\">")
            out.escaped(item.loaded.assessment.title); out.raw("</a></th><td>"); out.escaped(s.day(item.loaded.assessment.assessedOn)); out.raw("</td>")
            ResultsCharts.cell(&out, s.mean(item.results.overall), strong: true)
            for field in fields { ResultsCharts.cell(&out, s.mean(item.results.fields.first { $0.key == field.key }?.mean)) }
            out.raw("</tr>")
        }
        out.raw("</tbody></table></div>")
        return ResultsView.Chart(svg: nil, table: out.text)
    }
}
