import FahrplanCore
import Foundation
import Vapor

/// The per-field comparison a refused (stale) questionnaire edit shows under the conflict panel: every text
/// where the stored questionnaire ("theirs", saved by someone else since the form was loaded) and the posted
/// form ("yours") differ — titles, scale labels, topic fields and statements. Fields and statements are matched
/// by key, so a statement moved, added or removed on either side is named once, with "–" on the side without it.
struct QuestionnaireComparisonRow: Encodable, Equatable {
    var field: String
    var theirs: String
    var yours: String
}

enum QuestionnaireComparison {
    static func rows(theirs: QuestionnaireForm, yours: QuestionnaireForm, scaleValues: [Int], _ req: Request) -> [QuestionnaireComparisonRow] {
        rows(theirs: theirs, yours: yours, scaleValues: scaleValues) { req.t($0) }
    }

    static func rows(theirs: QuestionnaireForm, yours: QuestionnaireForm, scaleValues: [Int],
                     say: (String) -> String) -> [QuestionnaireComparisonRow] {
        var rows: [QuestionnaireComparisonRow] = []
        func add(_ label: String, _ a: String?, _ b: String?) {
            let a = normalized(a), b = normalized(b)
            if a != b { rows.append(QuestionnaireComparisonRow(field: label, theirs: a ?? "–", yours: b ?? "–")) }
        }
        add(say("field.title"), theirs.title, yours.title)
        add(say("field.description"), theirs.description, yours.description)
        for index in 0..<max(theirs.levelLabels.count, yours.levelLabels.count) {
            let value = index < scaleValues.count ? String(scaleValues[index]) : String(index)
            add("\(say("questionnaire.level")) \(value)", theirs.levelLabels[safe: index], yours.levelLabels[safe: index])
        }
        add(say("questionnaire.dontKnowLabel"), theirs.dontKnow, yours.dontKnow)

        let theirFields = Dictionary(theirs.fields.enumerated().map { ($1.key, ($0, $1)) }, uniquingKeysWith: { a, _ in a })
        let yourFieldKeys = Set(yours.fields.map(\.key).filter { !$0.isEmpty })
        func fieldLabel(_ number: Int, _ part: String) -> String { "\(say("questionnaire.field")) \(number) – \(part)" }
        for (index, field) in yours.fields.enumerated() {
            let other = field.key.isEmpty ? nil : theirFields[field.key]?.1
            add(fieldLabel(index + 1, say("questionnaire.fieldTitle")), other?.title, field.title)
            if let other { add(fieldLabel(index + 1, say("field.description")), other.description, field.description) }
        }
        for (index, field) in theirs.fields.enumerated() where !yourFieldKeys.contains(field.key) {
            add(fieldLabel(index + 1, say("questionnaire.fieldTitle")), field.title, nil)
        }

        var theirStatements: [String: QuestionnaireForm.StatementInput] = [:]
        for field in theirs.fields { for statement in field.statements where !statement.key.isEmpty { theirStatements[statement.key] = statement } }
        var yourStatementKeys: Set<String> = []
        func statementLabel(_ field: Int, _ number: Int, _ key: String, _ part: String) -> String {
            "\(say("questionnaire.statement")) \(field).\(number)" + (key.isEmpty ? "" : " (\(key))") + " – \(part)"
        }
        for (f, field) in yours.fields.enumerated() {
            for (s, statement) in field.statements.enumerated() {
                if !statement.key.isEmpty { yourStatementKeys.insert(statement.key) }
                let other = statement.key.isEmpty ? nil : theirStatements[statement.key]
                add(statementLabel(f + 1, s + 1, statement.key, say("questionnaire.statementText")), other?.text, statement.text)
                // A statement on one side only is named once, by its text.
                guard let other else { continue }
                add(statementLabel(f + 1, s + 1, statement.key, say("questionnaire.explanation")), other.explanation, statement.explanation)
                add(statementLabel(f + 1, s + 1, statement.key, say("questionnaire.firstSteps")), other.firstSteps, statement.firstSteps)
            }
        }
        for (f, field) in theirs.fields.enumerated() {
            for (s, statement) in field.statements.enumerated() where !statement.key.isEmpty && !yourStatementKeys.contains(statement.key) {
                add(statementLabel(f + 1, s + 1, statement.key, say("questionnaire.statementText")), statement.text, nil)
            }
        }
        return rows
    }

    /// Browsers send text areas with CRLF; blank means absent.
    static func normalized(_ text: String?) -> String? {
        guard let text else { return nil }
        let unified = text.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        return unified.isEmpty ? nil : unified
    }
}

private extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
