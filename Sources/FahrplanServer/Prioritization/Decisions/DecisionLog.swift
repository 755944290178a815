import FahrplanCore
import Fluent
import Foundation
import Vapor

/// What the decision log is narrowed to (query string of the page, the API and the export).
struct DecisionFilter: Content, Sendable {
    var kind: String?
    var project: String?
    var round: String?
    /// ISO or German days, inclusive.
    var from: String?
    var to: String?
}

/// Reads the decision log: filterable, newest first, exportable as CSV.
struct DecisionLog {
    var db: any Database
    var context: MunicipalityContext

    func decisions(_ filter: DecisionFilter) async throws -> [Decision] {
        var check = Validator()
        let query = Decision.query(on: db).filter(\.$municipality.$id == context.municipalityID)
        if let kind = filter.kind?.nonBlank {
            if DecisionKind(rawValue: kind) == nil { check.add("kind", .invalidChoice) } else { query.filter(\.$kind == kind) }
        }
        for (field, raw, key) in [("project", filter.project, "project_id"), ("round", filter.round, "round_id")] {
            guard let raw = raw?.nonBlank else { continue }
            guard let id = UUID(uuidString: raw) else { check.add(field, .invalidChoice); continue }
            query.filter(.path([FieldKey(stringLiteral: key)], schema: Decision.schema), .equal, .bind(id))
        }
        for (field, raw, after) in [("from", filter.from, true), ("to", filter.to, false)] {
            guard let raw = raw?.nonBlank else { continue }
            guard let day = CalendarDay(parsing: raw) else { check.add(field, .invalidDate); continue }
            query.filter(\.$decidedOn, after ? .greaterThanOrEqual : .lessThanOrEqual, day.description)
        }
        try check.finish()
        return try await query.sort(\.$decidedOn, .descending).sort(\.$createdAt, .descending).all()
    }

    static let csvHeader = ["Datum", "Art", "Entscheidung", "Entschieden von", "Begründung", "Runde", "Projekt",
                            "Berechneter Rang", "Beschlossener Rang", "Erfasst von", "Erfasst am"]

    /// The log as a German spreadsheet (semicolons, BOM); formulas neutralised by the writer.
    func csv(_ decisions: [Decision], kindLabel: (DecisionKind) -> String) async throws -> Data {
        let roundIDs = Array(Set(decisions.compactMap { $0.$round.id }))
        let projectIDs = Array(Set(decisions.compactMap { $0.$project.id }))
        let rounds = roundIDs.isEmpty ? [] : try await PrioritizationRound.query(on: db).filter(\.$id ~~ roundIDs).all()
        let projects = projectIDs.isEmpty ? [] : try await Project.query(on: db).filter(\.$id ~~ projectIDs).all()
        let roundTitles = Dictionary(rounds.compactMap { r in r.id.map { ($0, r.title) } }, uniquingKeysWith: { a, _ in a })
        let projectLabels = Dictionary(projects.compactMap { p in p.id.map { ($0, p.label) } }, uniquingKeysWith: { a, _ in a })
        let formatter = ISO8601DateFormatter()
        let rows = decisions.map { decision -> [String] in
            [decision.decidedOn, kindLabel(decision.decisionKind), decision.summary, decision.decidedBy, decision.rationale,
             decision.$round.id.flatMap { roundTitles[$0] } ?? "", decision.$project.id.flatMap { projectLabels[$0] } ?? "",
             decision.computedRank.map(String.init) ?? "", decision.decidedRank.map(String.init) ?? "",
             decision.recordedByName, decision.createdAt.map { formatter.string(from: $0) } ?? ""]
        }
        return CSVWriter().data([Self.csvHeader] + rows)
    }
}

extension String {
    /// nil for an empty or blank text.
    var nonBlank: String? {
        let trimmed = trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }
}
