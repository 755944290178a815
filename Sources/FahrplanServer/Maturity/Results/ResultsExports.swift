import FahrplanCore
import Foundation

/// The results as spreadsheets (`;`, UTF-8 with BOM, formulas neutralised: `CSVWriter`, like the project export).
///
/// The anonymous answers of a round are the rawest thing Fahrplan gives out, so the anonymity rule is applied to
/// the file itself:
/// - a round with fewer than k responses gives no file at all;
/// - the file has no grouping column at all, whatever breakdown is chosen: a row of 60 ratings is nearly unique, so
///   two files with one grouping column each (department, leadership) could be joined on the ratings and rebuild the
///   cross table department × leadership, whose cells can hold a single person. Groups exist only in the aggregated
///   results and breakdowns, where the k rule and difference protection apply;
/// - rows are sorted by their answers, not stored order, so the order of arrival identifies nobody.
enum ResultsExports {
    /// nil when the round has fewer than k responses.
    static func answersCSV(_ loaded: LoadedRound, responses: [MaturityResponse], english: Bool) -> Data? {
        guard responses.count >= loaded.k else { return nil }
        let questionnaire = loaded.questionnaire
        let statements = questionnaire.statements
        let levels = questionnaire.scale.levels
        let dontKnow = questionnaire.scale.dontKnow ?? (english ? "don't know" : "weiß nicht")
        let header = [english ? "Response" : "Antwort"] + statements.map(\.key) + questionnaire.freeText.map(\.key)
        var rows: [[String]] = []
        rows.reserveCapacity(responses.count)
        for response in responses {
            var row: [String] = [""]
            row.reserveCapacity(header.count)
            for index in statements.indices {
                let code = index < response.levels.count ? response.levels[index] : MaturityResponse.skippedCode
                switch code {
                case MaturityResponse.dontKnowCode: row.append(dontKnow)
                case MaturityResponse.skippedCode: row.append("")
                default: row.append(Int(code) < levels.count ? String(levels[Int(code)].value) : "")
                }
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
