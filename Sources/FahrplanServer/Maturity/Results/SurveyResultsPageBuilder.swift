import FahrplanCore
import Fluent
import Foundation
import Vapor

/// Builds a Quick-Check round's results page (and its printable form): summary, radar with the earlier round (or a
/// chosen Potenzialcheck) laid over it, a bar chart and distribution per topic field, the breakdown by one
/// grouping question under the anonymity rule, the trend across rounds, free texts, first steps.
struct SurveyResultsPageBuilder {
    struct Choice {
        /// `?group=`: a grouping question's key (unknown keys are ignored on the page; the API refuses them).
        var group: String?
        /// `?assessment=`: a Potenzialcheck of the same questionnaire to compare with.
        var assessment: String?
    }

    var req: Request
    var context: MunicipalityContext
    var sections: ResultsSections { ResultsSections(req: req, context: context) }

    func page(_ round: MaturityRoundRecord, choice: Choice, print: Bool, notice: String? = nil,
              problems: [ProblemLine]? = nil) async throws -> ResultsView {
        let s = sections
        let service = MaturityResultsService(req: req, context: context)
        let loaded = try await service.load.load(round)
        let questionnaire = loaded.questionnaire
        let groupKey = choice.group.flatMap { key in questionnaire.grouping.contains { $0.key == key } ? key : nil }
        let outcome = try await service.results(loaded, groupingKey: groupKey)
        let slug = context.municipality.slug
        let id = loaded.id

        let trend = try await service.trend(outcome)
        let previous = MaturityResultsService.previousComparison(trend, current: id)
        var assessments: [MaturityResultsService.AssessmentResults] = []
        if !print || choice.assessment != nil { assessments = try await service.assessmentTrend(key: questionnaire.key) }
        let chosenAssessment = choice.assessment.flatMap { chosen in assessments.first { $0.loaded.id.uuidString == chosen.uppercased() } }

        var facts = [
            ResultsView.Fact(id: "mres-period", label: s.t("mres.period"), value: s.day(round.opensOn) + " – " + s.day(round.closesOn)),
            ResultsView.Fact(id: "mres-questionnaire", label: s.t("mres.questionnaire"), value: s.fill("mres.questionnaireVersion", questionnaire.title, String(questionnaire.version))),
            ResultsView.Fact(id: "mres-responses", label: s.t("mres.responses"), value: PortfolioDisplay.whole(Int64(outcome.responseCount), s.language)),
        ]
        if let invited = loaded.invited, invited > 0 {
            facts.append(.init(id: "mres-invited", label: s.t("mres.invited"), value: PortfolioDisplay.whole(Int64(invited), s.language)))
            facts.append(.init(id: "mres-rate", label: s.t("mres.rate"), value: s.say.percent(Double(outcome.responseCount) / Double(invited))))
        }
        facts.append(.init(id: "mres-k", label: s.t("mres.k"), value: String(loaded.k)))
        if let results = outcome.results {
            facts.append(.init(id: "mres-overall", label: s.t("mres.overall"),
                               value: s.fill("mres.onScale", s.mean(results.overall), String(results.scaleMinimum), String(results.scaleMaximum))))
        }

        var view = ResultsView(
            chrome: context.chrome(req, title: s.fill("mres.surveyTitle", round.title), section: "maturity"), kind: "survey",
            heading: s.fill("mres.surveyTitle", round.title), subheading: s.t("mres.surveyIntro"),
            backURL: print ? nil : SiteURL.municipality(slug, .survey(.value(id))).path, backLabel: s.t("mres.backToSurvey"),
            notice: notice, problems: problems, facts: facts, firstStepsNote: s.t("mres.firstStepsIntro"))
        let printPath = SiteURL.municipality(slug, .surveyResults(.value(id), .print))
        view.printURL = print ? nil : (queryString(choice).map { printPath.path(query: $0) } ?? printPath.path)
        view.exports = print ? nil : s.exports({ .surveyResults(.value(id), $0) }, query: groupKey.map { "group=\($0)" },
                                               answers: context.permissions.canManagePortfolio && outcome.responseCount >= loaded.k ? s.t("mres.exportAnswers") : nil)

        guard let results = outcome.results else {
            view.withheld = s.fill("mres.withheld", String(loaded.k))
            view.trend = trendTable(trend, current: id)
            return view
        }

        // The comparison laid over the charts: a chosen Potenzialcheck, else the round before.
        let comparison: (label: String, results: MaturityResults)?
        if let chosenAssessment {
            comparison = (s.fill("mres.assessmentLabel", chosenAssessment.loaded.assessment.title), chosenAssessment.results)
        } else if let previous {
            comparison = (s.fill("mres.roundLabel", previous.point.round.title), previous.point.results!)
        } else {
            comparison = nil
        }
        let current = s.fill("mres.roundLabel", round.title)
        view.radar = s.radar(results, current: current, comparison: comparison)
        view.radarNote = comparison.map { s.fill("mres.radarNote", $0.label) }
        view.fields = s.fields(results, questionnaire: questionnaire, comparison: comparison)
        view.trend = trendTable(trend, current: id)
        view.trendNote = previous.map {
            s.fill("mres.trendNote", $0.point.round.title, ResultsCharts.change($0.comparison.overall.later, $0.comparison.overall.earlier, s.say))
        }

        if !print {
            let groups = [Option(value: "", label: s.t("mres.noBreakdown"), selected: groupKey == nil)]
                + questionnaire.grouping.map { Option(value: $0.key, label: $0.text, selected: $0.key == groupKey) }
            let assessmentOptions = assessments.isEmpty ? nil : [Option(value: "", label: s.t("mres.noAssessment"), selected: chosenAssessment == nil)]
                + assessments.map { Option(value: $0.loaded.id.uuidString, label: "\($0.loaded.assessment.title) (\(s.day($0.loaded.assessment.assessedOn)))",
                                           selected: $0.loaded.id == chosenAssessment?.loaded.id) }
            view.groupForm = ResultsView.GroupForm(action: SiteURL.municipality(slug, .surveyResults(.value(id))).path,
                                                   groups: questionnaire.grouping.isEmpty ? [] : groups, assessments: assessmentOptions)
        }
        if let chosenAssessment {
            view.comparisonTitle = s.fill("mres.comparisonTitle", chosenAssessment.loaded.assessment.title)
            view.comparison = ResultsView.Chart(svg: nil, table: comparisonTable(MaturityComparison(earlier: chosenAssessment.results, later: results),
                                                                                  questionnaire: questionnaire, assessment: chosenAssessment.loaded.assessment.title,
                                                                                  round: round.title))
        }
        if let labeled = outcome.breakdown { view.breakdown = breakdownSection(labeled, questionnaire: questionnaire) }
        // Free texts only with the total, never per group: texts are unique, so the same text listed under a department
        // and again under "leadership: yes" would place its writer in the cross cell of the two.
        view.freeTexts = freeTextQuestions(questionnaire, texts: outcome.freeTexts, idPrefix: "mres-text",
                                           limit: print ? nil : Self.freeTextsOnScreen,
                                           jsonURL: SiteURL.municipality(slug, .surveyResults(.value(id), .resultsJSON)).path)
        view.firstSteps = try await s.firstSteps(results, questionnaire: questionnaire) { item in
            s.fill("mres.stepMean", s.mean(item.mean), String(results.scaleMinimum), String(results.scaleMaximum))
        }.nilIfEmpty
        if !print { view.stepForm = try await s.stepForm(sourceKind: .survey, sourceID: id) }
        return view
    }

    func queryString(_ choice: Choice) -> String? {
        let parts = [choice.group.map { "group=\($0)" }, choice.assessment.map { "assessment=\($0)" }].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: "&")
    }

    // MARK: sections

    /// One row per group (the total first): responses, overall, each field; a withheld group says why, never how many.
    func breakdownSection(_ labeled: MaturityResultsService.LabeledBreakdown, questionnaire: Questionnaire) -> ResultsView.Breakdown {
        let s = sections
        let say = s.say
        let breakdown = labeled.breakdown
        var out = ChartBuffer(capacity: 4_096)
        ResultsCharts.tableStart(&out, id: "mres-breakdown-table", caption: s.fill("mres.breakdownCaption", labeled.question.text))
        var headings = [(s.t("mres.group"), false), (s.t("mres.responses"), true), (s.t("mres.overall"), true), (s.t("mres.againstTotal"), true)]
        headings += questionnaire.fields.map { ($0.title, true) }
        ResultsCharts.headerRow(&out, headings)
        let total = breakdown.total.results
        func row(_ label: String, _ outcome: MaturityGroupOutcome, isTotal: Bool) {
            out.raw(isTotal ? "<tr class=\"total\">" : "<tr>")
            out.raw("<th scope=\"row\">"); out.escaped(label); out.raw("</th>")
            switch outcome {
            case .shown(let results, _):
                ResultsCharts.cell(&out, PortfolioDisplay.whole(Int64(results.responseCount), s.language))
                ResultsCharts.cell(&out, s.mean(results.overall), strong: true)
                ResultsCharts.cell(&out, isTotal ? "" : ResultsCharts.change(results.overall, total?.overall, say))
                for field in results.fields { ResultsCharts.cell(&out, s.mean(field.mean)) }
            case .suppressed(let reason):
                out.raw("<td colspan=\"\(3 + questionnaire.fields.count)\" class=\"mres-withheld\">"); out.escaped(suppression(reason)); out.raw("</td>")
            }
            out.raw("</tr>")
        }
        row(s.t("mres.total"), breakdown.total, isTotal: true)
        for group in breakdown.groups { row(labeled.label(group.option), group.outcome, isTotal: false) }
        out.raw("</tbody></table></div>")
        let suppressed = breakdown.groups.compactMap { group -> String? in
            guard case .suppressed(let reason) = group.outcome else { return nil }
            return "\(labeled.label(group.option)): \(suppression(reason))"
        }
        return ResultsView.Breakdown(question: labeled.question.text, table: out.text, suppressed: suppressed.nilIfEmpty)
    }

    func suppression(_ reason: MaturitySuppression) -> String {
        switch reason {
        case .tooFewResponses(let minimum): sections.fill("mres.tooFew", String(minimum))
        case .differenceProtection: sections.t("mres.difference")
        }
    }

    /// Distinct answers per question on the screen page; the printable page and the JSON export have all of them.
    /// A round of 20,000 people can bring thousands of texts, which nobody reads in one list on a page (and which
    /// made up a third of its size).
    static let freeTextsOnScreen = 200

    /// Free texts per question, sorted (`texts` come sorted: the order of arrival would let answers of one person be
    /// matched across questions); the same text given several times is listed once with its count.
    func freeTextQuestions(_ questionnaire: Questionnaire, texts: [[String]], idPrefix: String, limit: Int? = nil,
                           jsonURL: String? = nil) -> [ResultsView.FreeTextQuestion]? {
        guard !questionnaire.freeText.isEmpty else { return nil }
        let s = sections
        return questionnaire.freeText.enumerated().map { index, question in
            let all = index < texts.count ? texts[index] : []
            var times: [String: Int] = [:]
            for text in all { times[text, default: 0] += 1 }
            var answers: [ResultsView.FreeTextAnswer] = []
            var counts: [Int] = []
            for text in all {
                guard let count = times.removeValue(forKey: text) else { continue }
                answers.append(.init(text: text, times: nil))
                counts.append(count)
            }
            for position in answers.indices where counts[position] > 1 {
                answers[position].times = s.fill("mres.textTimes", PortfolioDisplay.whole(Int64(counts[position]), s.language))
            }
            var more: String?
            if let limit, answers.count > limit {
                let hidden = counts[limit...].reduce(0, +)
                answers.removeSubrange(limit...)
                more = s.fill("mres.moreTexts", PortfolioDisplay.whole(Int64(hidden), s.language))
            }
            return ResultsView.FreeTextQuestion(id: "\(idPrefix)-\(index + 1)", question: question.text, answers: answers.nilIfEmpty,
                                                more: more, moreURL: more == nil ? nil : jsonURL)
        }
    }

    /// Every round of the questionnaire: responses and means, or why it is withheld.
    func trendTable(_ trend: [MaturityResultsService.TrendPoint], current: UUID) -> ResultsView.Chart? {
        guard trend.count > 1 else { return nil }
        let s = sections
        var out = ChartBuffer(capacity: 4_096)
        ResultsCharts.tableStart(&out, id: "mres-trend-table", caption: s.t("mres.trendCaption"))
        let fields = trend.last { $0.id == current }?.results?.fields ?? trend.compactMap(\.results).last?.fields ?? []
        var headings = [(s.t("mres.round"), false), (s.t("mres.period"), false), (s.t("mres.responses"), true), (s.t("mres.overall"), true)]
        headings += fields.map { ($0.title, true) }
        ResultsCharts.headerRow(&out, headings)
        for point in trend {
            out.raw(point.id == current ? "<tr class=\"current\">" : "<tr>")
            out.raw("<th scope=\"row\"><a href=\"")
            out.escaped(SiteURL.municipality(context.municipality.slug, .surveyResults(.value(point.id))).path); out.raw("\">")
            out.escaped(point.round.title); out.raw("</a></th><td>")
            out.escaped(s.day(point.round.opensOn) + " – " + s.day(point.round.closesOn)); out.raw("</td>")
            ResultsCharts.cell(&out, PortfolioDisplay.whole(Int64(point.responseCount), s.language))
            if let results = point.results {
                ResultsCharts.cell(&out, s.mean(results.overall), strong: true)
                for field in fields { ResultsCharts.cell(&out, s.mean(results.fields.first { $0.key == field.key }?.mean)) }
            } else {
                out.raw("<td colspan=\"\(1 + fields.count)\" class=\"mres-withheld\">"); out.escaped(s.t("mres.trendWithheld")); out.raw("</td>")
            }
            out.raw("</tr>")
        }
        out.raw("</tbody></table></div>")
        return ResultsView.Chart(svg: nil, table: out.text)
    }

    /// Potenzialcheck against the round, per field and overall (statements matched by key).
    func comparisonTable(_ comparison: MaturityComparison, questionnaire: Questionnaire, assessment: String, round: String) -> String {
        let s = sections
        var out = ChartBuffer(capacity: 2_048)
        ResultsCharts.tableStart(&out, id: "mres-comparison-table", caption: s.fill("mres.comparisonTitle", assessment))
        ResultsCharts.headerRow(&out, [(s.t("mres.field"), false), (s.fill("mres.assessmentLabel", assessment), true),
                                       (s.fill("mres.roundLabel", round), true), (s.t("mres.difference.column"), true)])
        let titles = Dictionary(questionnaire.fields.map { ($0.key, $0.title) }, uniquingKeysWith: { a, _ in a })
        for change in comparison.fields + [comparison.overall] {
            out.raw(change.key == "overall" ? "<tr class=\"total\"><th scope=\"row\">" : "<tr><th scope=\"row\">")
            out.escaped(change.key == "overall" ? s.t("mres.overall") : titles[change.key] ?? change.key); out.raw("</th>")
            ResultsCharts.cell(&out, s.mean(change.earlier))
            ResultsCharts.cell(&out, s.mean(change.later))
            ResultsCharts.cell(&out, ResultsCharts.change(change.later, change.earlier, s.say), strong: true)
            out.raw("</tr>")
        }
        out.raw("</tbody></table></div>")
        return out.text
    }
}

extension Array {
    /// nil for an empty list, so a template shows its "nothing to show" sentence.
    var nilIfEmpty: [Element]? { isEmpty ? nil : self }
}
