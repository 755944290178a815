import FahrplanCore
import Fluent
import Foundation

/// Potenzialchecks: the strategy team rates every statement of a questionnaire together (or in a workshop), with a
/// note on the evidence. Partial saves are allowed. The strategy team writes; members read. Every write runs in one
/// transaction with its audit event (entity type `assessment`); ratings are checked against the questionnaire's
/// scale in the core (`Questionnaire.validatedResponse`), so a value off the scale stores nothing.
struct AssessmentService {
    var db: any Database
    var context: MunicipalityContext

    static let entityType = "assessment"
    static let maxEvidenceLength = 4000
    static let auditedFields = ["title", "assessedOn", "participants", "note", "questionnaire"]

    /// Title, date, participants, note as a form or the API sends them.
    struct Details: Sendable {
        var questionnaireID: String?
        var title: String?
        var assessedOn: String?
        var participants: String?
        var note: String?
    }

    /// One statement's rating as sent: the rating and the evidence note.
    struct RatingInput: Sendable, Equatable {
        var rating: MaturityRating
        var evidence: String?
    }

    /// A stored rating, by statement key.
    struct Rating: Sendable, Equatable {
        var level: Int?
        var dontKnow: Bool
        var evidence: String?
        var isRated: Bool { level != nil || dontKnow }
    }

    var canManage: Bool { context.permissions.canEditFrame }

    // MARK: reads

    /// The municipality's assessments, newest first.
    func list(includingArchived: Bool = false) async throws -> [MaturityAssessmentRecord] {
        var query = MaturityAssessmentRecord.query(on: db).filter(\.$municipality.$id == context.municipalityID)
        if !includingArchived { query = query.filter(\.$archivedAt == nil) }
        return try await query.sort(\.$assessedOn, .descending).sort(\.$createdAt, .descending).all()
    }

    func find(_ id: String?) async throws -> MaturityAssessmentRecord {
        try await context.find(MaturityAssessmentRecord.self, id, on: db, municipalityKey: \.$municipality.$id)
    }

    func questionnaire(of assessment: MaturityAssessmentRecord) async throws -> QuestionnaireRecord {
        try await QuestionnaireService(db: db, context: context).find(id: assessment.$questionnaire.id)
    }

    func ratings(of assessment: MaturityAssessmentRecord) async throws -> [String: Rating] {
        let rows = try await MaturityAssessmentRatingRecord.query(on: db).filter(\.$municipality.$id == context.municipalityID)
            .filter(\.$assessment.$id == assessment.requireID()).all()
        var result: [String: Rating] = [:]
        for row in rows { result[row.statementKey] = Rating(level: row.level, dontKnow: row.dontKnow, evidence: row.evidence) }
        return result
    }

    /// Rated statements (a level or "don't know") per assessment, for lists ("34 von 56 bewertet").
    func ratedCounts(_ ids: [UUID]) async throws -> [UUID: Int] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await MaturityAssessmentRatingRecord.query(on: db).filter(\.$municipality.$id == context.municipalityID)
            .filter(\.$assessment.$id ~~ ids).field(\.$assessment.$id).field(\.$level).field(\.$dontKnow).rows()
        var counts: [UUID: Int] = [:]
        for row in rows {
            let r = row.schema(MaturityAssessmentRatingRecord.schema)
            if try r.decode("level", as: Int?.self) != nil || r.decode("dont_know", as: Bool.self) {
                counts[try r.decode("assessment_id", as: UUID.self), default: 0] += 1
            }
        }
        return counts
    }

    /// The assessment as the results see it: its questionnaire and one `MaturityResponse` (level indices by
    /// statement position; unrated statements skipped). Helper R computes `MaturityResults` from it.
    func response(for assessment: MaturityAssessmentRecord) async throws -> (questionnaire: Questionnaire, response: MaturityResponse) {
        let record = try await questionnaire(of: assessment)
        let questionnaire = try record.questionnaire()
        var input = MaturityResponseInput()
        for (key, rating) in try await ratings(of: assessment) {
            if rating.dontKnow { input.ratings[key] = .dontKnow } else if let level = rating.level { input.ratings[key] = .value(level) }
        }
        do {
            return (questionnaire, try questionnaire.validatedResponse(input))
        } catch {
            throw MaturityStorageError.brokenResponse(roundID: try assessment.requireID(), submissionKey: "assessment")
        }
    }

    // MARK: writes

    func create(_ details: Details) async throws -> MaturityAssessmentRecord {
        try context.require(canManage)
        let assessment = MaturityAssessmentRecord()
        assessment.id = UUID()
        assessment.$municipality.id = context.municipalityID
        assessment.version = 1
        assessment.createdByName = context.user.displayName
        try await apply(try await checked(details, requireQuestionnaire: true), to: assessment)
        let municipalityID = context.municipalityID
        let actor = context.user
        try await db.writeTransaction { db in
            try await assessment.create(on: db)
            try await AuditTrail.record(on: db, municipalityID: municipalityID, actor: actor, action: .create, entityType: Self.entityType,
                                        entityID: assessment.id, label: assessment.title,
                                        changes: FieldChange.between([:], Self.snapshot(assessment), fields: Self.auditedFields), version: 1)
        }
        return assessment
    }

    /// Changes title, date, participants and note (the questionnaire stays: its ratings belong to it).
    func update(_ assessment: MaturityAssessmentRecord, _ details: Details, expectedVersion: Int?) async throws {
        try context.require(canManage)
        var details = details
        details.questionnaireID = assessment.$questionnaire.id.uuidString
        let checkedDetails = try await checked(details, requireQuestionnaire: false)
        let before = Self.snapshot(assessment)
        try await apply(checkedDetails, to: assessment)
        let changes = FieldChange.between(before, Self.snapshot(assessment), fields: Self.auditedFields)
        let id = try assessment.requireID()
        let municipalityID = context.municipalityID
        let actor = context.user
        try await db.writeTransaction { db in
            let version = try await RowVersion.claim(MaturityAssessmentRecord.schema, id: id, expected: expectedVersion, on: db)
            assessment.version = version
            try await assessment.save(on: db)
            try await AuditTrail.record(on: db, municipalityID: municipalityID, actor: actor, action: .update, entityType: Self.entityType,
                                        entityID: id, label: assessment.title, changes: changes, version: version)
        }
    }

    /// Replaces the assessment's ratings with `inputs` (statement key → rating and evidence; a statement left out
    /// is unrated). Problems name `ratings.<key>` (unknown statement, value off the scale, "don't know" where the
    /// scale has none) and `evidence.<key>` (too long); with any problem nothing is stored.
    func saveRatings(_ assessment: MaturityAssessmentRecord, _ inputs: [String: RatingInput], expectedVersion: Int?) async throws {
        try context.require(canManage)
        let questionnaire = try await questionnaire(of: assessment).questionnaire()
        var problems: [FieldProblem] = []
        do {
            _ = try questionnaire.validatedResponse(MaturityResponseInput(ratings: inputs.mapValues(\.rating)))
        } catch { problems += error.problems }
        let scale = questionnaire.scale
        var rows: [(key: String, level: Int?, dontKnow: Bool, evidence: String?)] = []
        for statement in questionnaire.statements {
            guard let input = inputs[statement.key] else { continue }
            let evidence = CleanText.normalize(input.evidence, multiline: true)
            if let evidence, evidence.count > Self.maxEvidenceLength {
                problems.append(FieldProblem("evidence.\(statement.key)", .tooLong(max: Self.maxEvidenceLength)))
            }
            switch input.rating {
            case .value(let value) where scale.levelIndex(of: value) != nil: rows.append((statement.key, value, false, evidence))
            case .dontKnow: rows.append((statement.key, nil, true, evidence))
            default: if evidence != nil { rows.append((statement.key, nil, false, evidence)) }
            }
        }
        try ValidationFailure.throwing(problems)
        let id = try assessment.requireID()
        let municipalityID = context.municipalityID
        let actor = context.user
        let before = try await ratings(of: assessment)
        let rated = rows.filter { $0.level != nil || $0.dontKnow }.count
        let changed = questionnaire.statements.filter { statement in
            let row = rows.first { $0.key == statement.key }
            let old = before[statement.key]
            return old?.level != row?.level || (old?.dontKnow ?? false) != (row?.dontKnow ?? false) || old?.evidence != row?.evidence
        }.count
        let stored = rows
        try await db.writeTransaction { db in
            let version = try await RowVersion.claim(MaturityAssessmentRecord.schema, id: id, expected: expectedVersion, on: db)
            assessment.version = version
            try await MaturityAssessmentRatingRecord.query(on: db).filter(\.$municipality.$id == municipalityID)
                .filter(\.$assessment.$id == id).delete()
            let records = stored.map { row in
                let record = MaturityAssessmentRatingRecord()
                record.id = UUID()
                record.$municipality.id = municipalityID
                record.$assessment.id = id
                record.statementKey = row.key
                record.level = row.level
                record.dontKnow = row.dontKnow
                record.evidence = row.evidence
                return record
            }
            if !records.isEmpty { try await records.create(on: db) }
            try await AuditTrail.record(on: db, municipalityID: municipalityID, actor: actor, action: .update, entityType: Self.entityType,
                                        entityID: id, label: assessment.title,
                                        changes: [FieldChange(field: "ratings", old: nil, new: "\(rated)/\(questionnaire.statements.count)"),
                                                  FieldChange(field: "ratingsChanged", old: nil, new: String(changed))],
                                        version: version)
        }
    }

    func archive(_ assessment: MaturityAssessmentRecord, expectedVersion: Int?) async throws {
        try context.require(canManage)
        guard assessment.archivedAt == nil else { return }
        let id = try assessment.requireID()
        let municipalityID = context.municipalityID
        let actor = context.user
        try await db.writeTransaction { db in
            let version = try await RowVersion.claim(MaturityAssessmentRecord.schema, id: id, expected: expectedVersion, on: db)
            assessment.archivedAt = Date()
            assessment.version = version
            try await assessment.save(on: db)
            try await AuditTrail.record(on: db, municipalityID: municipalityID, actor: actor, action: .archive, entityType: Self.entityType,
                                        entityID: id, label: assessment.title, version: version)
        }
    }

    // MARK: checks

    struct Checked {
        var questionnaireID: UUID
        var title: String
        var assessedOn: CalendarDay
        var participants: String?
        var note: String?
    }

    private func checked(_ details: Details, requireQuestionnaire: Bool) async throws -> Checked {
        var problems: [FieldProblem] = []
        var questionnaireID: UUID?
        if let text = CleanText.normalize(details.questionnaireID, multiline: false) {
            let found = try await UUID(uuidString: text).asyncMap { id in
                try await QuestionnaireRecord.query(on: db).filter(\.$id == id).filter(\.$municipality.$id == context.municipalityID)
                    .filter(\.$archivedAt == nil).first()
            } ?? nil
            if requireQuestionnaire, found == nil { problems.append(FieldProblem("questionnaireID", .unknownReference)) }
            questionnaireID = found?.id ?? UUID(uuidString: text)
        } else {
            problems.append(FieldProblem("questionnaireID", .required))
        }
        let title = CleanText.normalize(details.title, multiline: false)
        if title == nil { problems.append(FieldProblem("title", .required)) } else if title!.count > 200 {
            problems.append(FieldProblem("title", .tooLong(max: 200)))
        }
        var day: CalendarDay?
        if let text = CleanText.normalize(details.assessedOn, multiline: false) {
            day = CalendarDay(parsing: text)
            if day == nil { problems.append(FieldProblem("assessedOn", .invalidDate)) }
        } else {
            problems.append(FieldProblem("assessedOn", .required))
        }
        let participants = CleanText.normalize(details.participants, multiline: true)
        if let participants, participants.count > 2000 { problems.append(FieldProblem("participants", .tooLong(max: 2000))) }
        let note = CleanText.normalize(details.note, multiline: true)
        if let note, note.count > 4000 { problems.append(FieldProblem("note", .tooLong(max: 4000))) }
        for (field, value) in [("title", details.title), ("participants", details.participants), ("note", details.note)] {
            if let value, CleanText.containsForbiddenControlCharacters(value, multiline: field != "title") {
                problems.append(FieldProblem(field, .controlCharacters))
            }
        }
        try ValidationFailure.throwing(problems)
        return Checked(questionnaireID: questionnaireID!, title: title!, assessedOn: day!, participants: participants, note: note)
    }

    private func apply(_ details: Checked, to assessment: MaturityAssessmentRecord) async throws {
        assessment.$questionnaire.id = details.questionnaireID
        assessment.title = details.title
        assessment.assessedOn = details.assessedOn.iso
        assessment.participants = details.participants
        assessment.note = details.note
    }

    static func snapshot(_ assessment: MaturityAssessmentRecord) -> [String: String?] {
        ["title": assessment.title, "assessedOn": assessment.assessedOn, "participants": assessment.participants,
         "note": assessment.note, "questionnaire": assessment.$questionnaire.id.uuidString]
    }
}
