import FahrplanCore
import Foundation

/// The results as spreadsheets (`;`, UTF-8 with BOM, formulas neutralised: `CSVWriter`, like the project export).
///
/// The anonymous answers of a round are the rawest thing Fahrplan gives out, so the anonymity rule is applied to
/// the file itself:
/// - a round with fewer than k responses gives no file at all;
/// - the file has at most one grouping column (the one asked for): two columns side by side would be a cross table
///   (department × leadership), whose cells can hold a single person;
/// - in that column, the answer of a group the breakdown withholds (fewer than k, or difference protection) is
///   blank, so the blank rows are the withheld groups and the non-answers together — R ≥ k by the same rule;
/// - rows are sorted by their answers, not stored order, so the order of arrival identifies nobody.
enum ResultsExports {
    /// `None` when the round has fewer than k responses.
    static func answersCSV(_ outcome: MaturityResultsService.RoundResults, english: Bool) -> Data? {
        let loaded = outcome.loaded
        guard loaded.responses.count >= loaded.k else { return nil }
        let questionnaire = loaded.questionnaire
        let statements = questionnaire.statements
        let levels = questionnaire.scale.levels
        let dontKnow = questionnaire.scale.dontKnow ?? (english ? "don't know" : "weiß nicht")
        // The grouping column: the breakdown's question, its answers mapped to labels, withheld groups blank.
        var groupColumn: (position: Int, shown: [String: String])?
        if let labeled = outcome.breakdown, let position = questionnaire.grouping.firstIndex(where: { $0.key == labeled.question.key }) {
            var shown: [String: String] = [:]
            for group in labeled.breakdown.groups where group.outcome.results != nil { shown[group.option] = labeled.label(group.option) }
            groupColumn = (position, shown)
        }
        var header = [english ? "Response" : "Antwort"] + statements.map(\.key)
        if let groupColumn { header.append(questionnaire.grouping[groupColumn.position].key) }
        header += questionnaire.freeText.map(\.key)

        var rows: [[String]] = []
        rows.reserveCapacity(loaded.responses.count)
        for response in loaded.responses {
            var row: [String] = [""]
            row.reserveCapacity(header.count)
            for (index, _) in statements.enumerated() {
                let code = index < response.levels.count ? response.levels[index] : MaturityResponse.skippedCode
                switch code {
                case MaturityResponse.dontKnowCode: row.append(dontKnow)
                case MaturityResponse.skippedCode: row.append("")
                default: row.append(Int(code) < levels.count ? String(levels[Int(code)].value) : "")
                }
            }
            if let groupColumn {
                let option = groupColumn.position < response.groups.count ? response.groups[groupColumn.position] : nil
                row.append(option.flatMap { groupColumn.shown[$0] } ?? "")
            }
            for index in questionnaire.freeText.indices { row.append(index < response.freeTexts.count ? response.freeTexts[index] ?? "" : "") }
            rows.append(row)
        }
        rows.sort { $0.lexicographicallyPrecedes($1) }
        for index in rows.indices { rows[index][0] = String(index + 1) }
        return CSVWriter().data([header] + rows)
    }

    /// Total, fields and statements with their distribution; with a breakdown the same rows for each shown group and
    /// one line per withheld group with its reason.
    static func roundResultsCSV(_ outcome: MaturityResultsService.RoundResults, english: Bool, withheldText: (MaturitySuppression) -> String) -> Data {
        let questionnaire = outcome.loaded.questionnaire
        var rows = [header(questionnaire, english: english)]
        let total = english ? "Total" : "Gesamt"
        switch outcome.total {
        case .shown(let results, _): rows += resultRows(results, group: total, english: english)
        case .suppressed(let reason): rows.append([total, english ? "withheld" : "nicht gezeigt", "", withheldText(reason)])
        }
        if let labeled = outcome.breakdown {
            for group in labeled.breakdown.groups {
                let label = labeled.label(group.option)
                switch group.outcome {
                case .shown(let results, _): rows += resultRows(results, group: label, english: english)
                case .suppressed(let reason): rows.append([label, english ? "withheld" : "nicht gezeigt", "", withheldText(reason)])
                }
            }
        }
        return CSVWriter().data(rows)
    }

    static func assessmentResultsCSV(_ current: MaturityResultsService.AssessmentResults, english: Bool) -> Data {
        var rows = [header(current.loaded.questionnaire, english: english)]
        rows += resultRows(current.results, group: current.loaded.assessment.title, english: english)
        return CSVWriter().data(rows)
    }

    /// A Potenzialcheck's ratings with their evidence, one row per statement.
    static func assessmentRatingsCSV(_ loaded: LoadedAssessment, english: Bool) -> Data {
        let questionnaire = loaded.questionnaire
        var rows = [[english ? "Topic field" : "Themenfeld", english ? "Statement key" : "Aussage (Schlüssel)", english ? "Statement" : "Aussage",
                     english ? "Rating" : "Bewertung", english ? "Level" : "Stufe", english ? "Evidence" : "Begründung"]]
        for field in questionnaire.fields {
            for statement in field.statements {
                let rating = loaded.ratings[statement.key]
                let level = rating?.value.flatMap { value in questionnaire.scale.levels.first { $0.value == value } }
                let value = rating?.dontKnow == true ? (questionnaire.scale.dontKnow ?? (english ? "don't know" : "weiß nicht")) : level.map { String($0.value) } ?? ""
                rows.append([field.title, statement.key, statement.text, value, level?.label ?? "", rating?.evidence ?? ""])
            }
        }
        return CSVWriter().data(rows)
    }

    static func header(_ questionnaire: Questionnaire, english: Bool) -> [String] {
        [english ? "Group" : "Gruppe", english ? "Level" : "Ebene", english ? "Key" : "Schlüssel", english ? "Text" : "Text",
         english ? "Responses" : "Antworten", english ? "Mean" : "Mittelwert"]
            + questionnaire.scale.levels.map { "\($0.value) \($0.label)" }
            + [questionnaire.scale.dontKnow ?? (english ? "don't know" : "weiß nicht"), english ? "no answer" : "ohne Antwort"]
    }

    static func resultRows(_ results: MaturityResults, group: String, english: Bool) -> [[String]] {
        func number(_ value: Double?) -> String {
            guard let value else { return "" }
            let text = String(format: "%.2f", value)
            return english ? text : text.replacingOccurrences(of: ".", with: ",")
        }
        let empty = [String](repeating: "", count: results.statements.first?.counts.count ?? 0) + ["", ""]
        var rows = [[group, english ? "overall" : "gesamt", "", "", String(results.responseCount), number(results.overall)] + empty]
        for field in results.fields {
            rows.append([group, english ? "field" : "Themenfeld", field.key, field.title, "", number(field.mean)] + empty)
            for statement in results.statements[field.statementRange] {
                rows.append([group, english ? "statement" : "Aussage", statement.key, statement.text,
                             String(statement.rated + statement.dontKnow + statement.skipped), number(statement.mean)]
                            + statement.counts.map(String.init) + [String(statement.dontKnow), String(statement.skipped)])
            }
        }
        return rows
    }
}
