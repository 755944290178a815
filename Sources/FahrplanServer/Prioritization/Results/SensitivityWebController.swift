import FahrplanCore
import Fluent
import Vapor

/// How stable the ranking is: for each weight the range within which the top N stay the same, and a seeded
/// Monte-Carlo run that lets all weights wobble at once.
extension PrioritizationResultsWebController {
    /// Rows of the Monte-Carlo table per page.
    static let outcomePageSize = 25

    func sensitivity(_ req: Request) async throws -> Response {
        let scope = try await ResultsScope.load(req)
        if let hidden = try await scope.hiddenResponse(.sensitivity) { return hidden }
        let lang = scope.language
        let samplesText = req.query[String.self, at: "samples"] ?? ""
        let concentrationText = req.query[String.self, at: "concentration"] ?? ""
        var check = Validator()
        let samples = samplesText.isEmpty ? SensitivityRequestLimits.defaultSamples
            : check.integer("samples", samplesText, required: true, range: 1...SensitivityRequestLimits.maximumSamples)
        var concentration: Double? = SensitivityRequestLimits.defaultConcentration
        if !concentrationText.isEmpty {
            if let number = try? LocaleNumber.parse(concentrationText), number > 0,
               NSDecimalNumber(decimal: number).doubleValue <= SensitivityRequestLimits.maximumConcentration {
                concentration = NSDecimalNumber(decimal: number).doubleValue
            } else {
                check.add("concentration", .notADecimal)
                concentration = nil
            }
        }
        var problems = check.problems

        let request = problems.isEmpty ? samples.flatMap { samples in concentration.map { concentration in
            MonteCarloRequest(samples: samples, concentration: concentration, seed: UInt64(max(0, scope.round.seed)))
        } } : nil
        let analysis = try await SensitivityService(req: req, context: scope.context).analyse(scope.round, monteCarlo: request)
        let (criteria, projects, names, topN) = (analysis.criteria, analysis.projects, analysis.names, analysis.topN)
        var ranges: [SensitivityPage.RangeRow] = []
        var outcomes: [SensitivityPage.OutcomeRow] = []
        var computeProblem: String?
        var stability: StabilitySummary?
        var (outcomePage, outcomePageCount) = (1, 1)
        let weightSum = criteria.reduce(0) { $0 + $1.weight }
        for (index, range) in analysis.ranges.enumerated() {
            let name = names[range.key] ?? range.key
            let (current, lower, upper) = (ResultsFormat.percent(range.current, lang), ResultsFormat.percent(range.lower, lang),
                                           ResultsFormat.percent(range.upper, lang))
            let title = lang == .de ? "Gewicht \(name)" : "Weight \(name)"
            let description = lang == .de ? "Aktuell \(current); die ersten \(topN) bleiben gleich von \(lower) bis \(upper)."
                                          : "Now \(current); the top \(topN) stay the same from \(lower) to \(upper)."
            let points = criteria.first { $0.criterion.key == range.key }?.weight ?? 0
            ranges.append(.init(name: name, points: ResultsFormat.weightInput(points), current: current, lower: lower, upper: upper,
                                share: weightSum > 0 ? ResultsFormat.percent(points / weightSum, lang) : "–",
                                chart: RankingChart.rangeBar(id: "range-\(index)", current: range.current, lower: range.lower,
                                                             upper: range.upper, title: title, description: description)))
        }
        if analysis.monteCarlo != nil {
            let byID = Dictionary(projects.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            let sorted = analysis.outcomes.sorted {
                if $0.probabilityTopN != $1.probabilityTopN { return $0.probabilityTopN > $1.probabilityTopN }
                if $0.medianRank != $1.medianRank { return $0.medianRank < $1.medianRank }
                return (byID[$0.id]?.code ?? "") < (byID[$1.id]?.code ?? "")
            }
            // The summary counts every project; the table shows one page of them (500 rows were 475 KB).
            stability = StabilitySummary(sorted.map(\.probabilityTopN), topN: topN, lang)
            let pageCount = max(1, (sorted.count + Self.outcomePageSize - 1) / Self.outcomePageSize)
            outcomePage = min(max(1, req.query[String.self, at: "page"].flatMap { Int($0) } ?? 1), pageCount)
            outcomePageCount = pageCount
            let offset = (outcomePage - 1) * Self.outcomePageSize
            outcomes = sorted.dropFirst(offset).prefix(Self.outcomePageSize).enumerated().map { index, outcome in
                let index = offset + index
                let code = byID[outcome.id]?.code ?? "?"
                let probability = ResultsFormat.percent(outcome.probabilityTopN, lang)
                let description = lang == .de
                    ? "In \(probability) der Stichproben unter den ersten \(topN); Rang \(outcome.rank5) bis \(outcome.rank95) (5–95 %), Median \(outcome.medianRank)."
                    : "Among the top \(topN) in \(probability) of the samples; rank \(outcome.rank5) to \(outcome.rank95) (5–95%), median \(outcome.medianRank)."
                return .init(code: code, title: byID[outcome.id]?.title ?? "",
                             url: UUID(uuidString: outcome.id).map { SiteURL.municipality(scope.slug, .roundProject(round: .value(scope.roundID), project: .value($0))).path } ?? "",
                             probability: probability, best: outcome.bestRank, worst: outcome.worstRank,
                             rank5: outcome.rank5, rank95: outcome.rank95, median: outcome.medianRank,
                             chart: RankingChart.rankBar(id: "ranks-\(index)", best: outcome.rank5, worst: outcome.rank95,
                                                         median: outcome.medianRank, count: projects.count,
                                                         title: "\(code): \(probability)", description: description))
            }
        }
        if !analysis.problems.isEmpty {
            if analysis.problems.allSatisfy({ ["samples", "concentration"].contains($0.field) }) {
                problems += analysis.problems
            } else {
                computeProblem = analysis.problems.map { Strings.problem($0, lang) }.joined(separator: " ")
            }
        }

        let (lines, byField) = req.problemLines(problems)
        func pageURL(_ number: Int) -> String {
            var items: [String] = []
            if !samplesText.isEmpty { items.append("samples=" + (samplesText.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")) }
            if !concentrationText.isEmpty { items.append("concentration=" + (concentrationText.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")) }
            if number > 1 { items.append("page=\(number)") }
            let base = SiteURL.municipality(scope.slug, .round(.value(scope.roundID), .sensitivity)).path
            return base + (items.isEmpty ? "" : "?" + items.joined(separator: "&")) + "#montecarlo-heading"
        }
        let outcomePaging: SensitivityPage.Paging? = outcomePageCount > 1 ? .init(
            text: lang == .de ? "Seite \(outcomePage) von \(outcomePageCount)" : "Page \(outcomePage) of \(outcomePageCount)",
            previousURL: outcomePage > 1 ? pageURL(outcomePage - 1) : nil,
            nextURL: outcomePage < outcomePageCount ? pageURL(outcomePage + 1) : nil,
            pages: (1...outcomePageCount).map { RankingPaging.PageLink(number: $0, url: pageURL($0), current: $0 == outcomePage) }) : nil
        let page = SensitivityPage(
            chrome: scope.chrome(req.t("results.sensitivity")), header: scope.header(.sensitivity),
            provisional: !analysis.isOfficial, versionNumber: analysis.version?.version, scenarioName: analysis.scenario?.name,
            topN: topN, projectCount: projects.count,
            seed: String(scope.round.seed), samples: samples.map { ResultsFormat.whole($0, lang) } ?? "–",
            concentration: concentration.map { ResultsFormat.weightInput($0) } ?? "–",
            samplesValue: samplesText.isEmpty ? String(SensitivityRequestLimits.defaultSamples) : samplesText,
            concentrationValue: concentrationText.isEmpty ? ResultsFormat.weightInput(SensitivityRequestLimits.defaultConcentration) : concentrationText,
            maximumSamples: ResultsFormat.whole(SensitivityRequestLimits.maximumSamples, lang),
            action: SiteURL.municipality(scope.slug, .round(.value(scope.roundID), .sensitivity)).path,
            ranges: ranges.isEmpty ? nil : ranges, outcomes: outcomes.isEmpty ? nil : outcomes,
            stability: stability, outcomePaging: outcomePaging,
            computeProblem: computeProblem, problems: lines, fieldErrors: byField)
        let view = try await req.view.render("prioritization/round-sensitivity", page)
        return try await view.response(problems.isEmpty ? .ok : .unprocessableEntity, for: req)
    }
}

struct SensitivityPage: Encodable {
    var chrome: Chrome
    var header: RoundHeader
    var provisional: Bool
    var versionNumber: Int?
    var scenarioName: String?
    var topN: Int
    var projectCount: Int
    var seed: String
    var samples: String
    var concentration: String
    var samplesValue: String
    var concentrationValue: String
    var maximumSamples: String
    var action: String
    var ranges: [RangeRow]?
    var outcomes: [OutcomeRow]?
    var stability: StabilitySummary?
    var outcomePaging: Paging?
    var computeProblem: String?
    var problems: [ProblemLine]?
    var fieldErrors: [String: String]

    struct RangeRow: Encodable {
        var name: String
        var points: String
        var current: String
        var lower: String
        var upper: String
        var share: String
        var chart: String
    }

    struct Paging: Encodable {
        var text: String
        var previousURL: String?
        var nextURL: String?
        var pages: [RankingPaging.PageLink]
    }

    struct OutcomeRow: Encodable {
        var code: String
        var title: String
        var url: String
        var probability: String
        var best: Int
        var worst: Int
        var rank5: Int
        var rank95: Int
        var median: Int
        var chart: String
    }
}


/// How stable the top N are, over every project of the run: how many are in the top N in (almost) every sample,
/// how many in none, and how many sometimes — the figure a committee asks first.
struct StabilitySummary: Encodable {
    var certain: Int
    var uncertain: Int
    var outside: Int
    var text: String

    init(_ probabilities: [Double], topN: Int, _ language: Language) {
        certain = probabilities.filter { $0 >= 0.95 }.count
        outside = probabilities.filter { $0 <= 0.05 }.count
        uncertain = probabilities.count - certain - outside
        text = language == .de
            ? "\(certain) Projekte sind in mindestens 95 % der Stichproben unter den ersten \(topN), \(outside) in höchstens 5 %; bei \(uncertain) hängt es von den Gewichten ab."
            : "\(certain) projects are among the top \(topN) in at least 95% of the samples, \(outside) in at most 5%; for \(uncertain) it depends on the weights."
    }
}
