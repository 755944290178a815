import FahrplanCore
import Foundation

/// Turns a ranking's lines into what the page shows: words for the tier, the stacked bar, the disputed flag.
struct RankingRows {
    var scope: ResultsScope
    var data: RankingData

    private var language: Language { scope.language }

    func rows() -> [RankingRow] { rows(data.orderedLines) }

    /// The rows of some lines (a page of a big round's ranking); chart ids follow the rows' places on the page.
    func rows(_ lines: [RankingData.Line]) -> [RankingRow] {
        lines.enumerated().map { index, line in
            RankingRow(
                id: line.id.uuidString, code: line.code, title: line.title,
                url: SiteURL.municipality(scope.slug, .project(.value(line.id))).path,
                detailURL: SiteURL.municipality(scope.slug, .roundProject(round: .value(scope.roundID), project: .value(line.id))).path,
                computedRank: line.computedRank, decidedRank: line.decidedRank,
                tierLabel: line.tier.label(english: scope.english), tierClass: RankingWords.tierClass(line.tier),
                tierReason: tierReason(line), total: ResultsFormat.points(line.total, language),
                chart: chart(line, id: "bar-\(index)"), explanation: line.explanation,
                disputed: disputed(line), missing: missing(line),
                cells: data.criteria.map { line.contributions[$0.key].map { ResultsFormat.points($0, language) } ?? "–" },
                rowClass: rowClass(line))
        }
    }

    private func rowClass(_ line: RankingData.Line) -> String? {
        var classes: [String] = []
        if (line.decidedRank ?? line.computedRank) <= scope.round.topN { classes.append("top-n") }
        if line.decidedRank != nil { classes.append("overridden") }
        return classes.isEmpty ? nil : classes.joined(separator: " ")
    }

    // Built once per page, not per row (a 500-entry dictionary and a linear search for each of 25 rows before).
    private let codes: [String: String]
    private let deadlines: [UUID: String]

    init(scope: ResultsScope, data: RankingData) {
        self.scope = scope
        self.data = data
        codes = Dictionary(data.evaluation.projects.map { ($0.id.uuidString, $0.code) }, uniquingKeysWith: { a, _ in a })
        deadlines = Dictionary(data.evaluation.projects.compactMap { p in p.legalDeadline.map { (p.id, $0) } }, uniquingKeysWith: { a, _ in a })
    }

    func tierReason(_ line: RankingData.Line) -> String? {
        RankingWords.tierReason(line.tierReason, deadline: deadlines[line.id], scenarioName: data.scenario?.name, codes: codes, language)
    }

    /// Names of the criteria on which the raters' scores lie far apart.
    func disputed(_ line: RankingData.Line) -> String? {
        let summaries = data.evaluation.summaries[line.id] ?? [:]
        let names = data.criteria.filter { summaries[$0.key]?.disputed == true }.map(\.name)
        return names.isEmpty ? nil : names.joined(separator: ", ")
    }

    private func missing(_ line: RankingData.Line) -> String? {
        let names = data.names
        let missing = line.missing.map { names[$0] ?? $0 }
        return missing.isEmpty ? nil : missing.joined(separator: ", ")
    }

    func chart(_ line: RankingData.Line, id: String) -> String {
        let segments = data.criteria.enumerated().compactMap { index, criterion -> RankingChart.Segment? in
            guard let points = line.contributions[criterion.key] else { return nil }
            return RankingChart.Segment(name: criterion.name, points: points, colourIndex: index)
        }
        let de = language == .de
        let total = ResultsFormat.points(line.total, language)
        let title = de ? "\(line.code): \(total) von 100 Punkten" : "\(line.code): \(total) of 100 points"
        let parts = segments.filter { $0.points > 0 }.map { "\($0.name) \(ResultsFormat.points($0.points, language))" }
        let description = parts.isEmpty ? (de ? "Keine Punkte." : "No points.")
            : (de ? "Punkte je Kriterium: " : "Points per criterion: ") + parts.joined(separator: "; ") + "."
        return RankingChart.stackedBar(id: id, segments: segments, title: title, description: description)
    }
}
