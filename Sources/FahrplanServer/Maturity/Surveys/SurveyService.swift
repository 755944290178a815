import FahrplanCore
import Fluent
import Foundation
import SQLKit

/// Quick-Check survey rounds for the strategy team, shared by the web UI and the API: create, edit (dates,
/// title, invited count; k only upward; the questionnaire fixed once answers exist), close early, and make
/// invitation tokens. Every change is written in one transaction with its audit event (entityType "surveyRound",
/// versioned like other edit forms). Answers themselves never go through here: see `SurveyAnswering` and
/// `SurveySubmissionWriter`; they are not audited (anonymity, see `CreateMaturity`).
struct SurveyService {
    var db: any Database
    var context: MunicipalityContext

    static let entityType = "surveyRound"
    static let auditedFields = ["title", "questionnaire", "opensOn", "closesOn", "access", "invitedCount", "minimumGroupSize", "status", "invitations"]

    struct QuestionnaireChoice: Sendable {
        var id: UUID
        var title: String
        var version: Int
        var label: String { "\(title) (v\(version))" }
    }

    struct Counts: Sendable {
        var responses = 0
        var invitations = 0
        var used = 0
    }

    // MARK: reading

    func round(_ id: String?) async throws -> MaturityRoundRecord {
        let round = try await context.find(MaturityRoundRecord.self, id, on: db, municipalityKey: \.$municipality.$id)
        guard round.archivedAt == nil else { throw FahrplanError.notFound }
        return round
    }

    func rounds() async throws -> [MaturityRoundRecord] {
        try await MaturityRoundRecord.query(on: db).filter(\.$municipality.$id == context.municipalityID)
            .filter(\.$archivedAt == nil).sort(\.$opensOn, .descending).sort(\.$title).all()
    }

    /// The questionnaires a round may ask (not archived), newest version first within a key.
    func questionnaires() async throws -> [QuestionnaireChoice] {
        try await QuestionnaireRecord.query(on: db).filter(\.$municipality.$id == context.municipalityID).filter(\.$archivedAt == nil)
            .field(\.$id).field(\.$title).field(\.$questionnaireVersion).field(\.$key).sort(\.$title).sort(\.$questionnaireVersion, .descending).all()
            .map { QuestionnaireChoice(id: try $0.requireID(), title: $0.title, version: $0.questionnaireVersion) }
    }

    func questionnaire(of round: MaturityRoundRecord) async throws -> (record: QuestionnaireRecord, questionnaire: Questionnaire) {
        guard let record = try await QuestionnaireRecord.query(on: db).filter(\.$id == round.$questionnaire.id)
            .filter(\.$municipality.$id == context.municipalityID).first() else { throw FahrplanError.notFound }
        return (record, try record.questionnaire())
    }

    func counts(of ids: [UUID]) async throws -> [UUID: Counts] {
        guard !ids.isEmpty else { return [:] }
        var result: [UUID: Counts] = [:]
        for chunk in ids.chunked(into: 400) {
            for row in try await MaturityResponseRecord.query(on: db).filter(\.$round.$id ~~ Array(chunk)).field(\.$round.$id).rows() {
                result[try row.schema(MaturityResponseRecord.schema).decode("round_id", as: UUID.self), default: Counts()].responses += 1
            }
            for row in try await MaturityInvitationRecord.query(on: db).filter(\.$round.$id ~~ Array(chunk)).field(\.$round.$id).field(\.$used).rows() {
                let output = row.schema(MaturityInvitationRecord.schema)
                let id = try output.decode("round_id", as: UUID.self)
                result[id, default: Counts()].invitations += 1
                if try output.decode("used", as: Bool.self) { result[id, default: Counts()].used += 1 }
            }
        }
        return result
    }

    /// Every answer of a round in questionnaire positions, read by columns (helper R's results read 20,000 at
    /// once). A stored row that does not fit the round's questionnaire stops with an error naming the row.
    func responses(roundID: UUID) async throws -> [MaturityResponse] {
        let round = try await self.round(roundID.uuidString)
        return try await Self.responses(roundID: roundID, questionnaire: try await questionnaire(of: round).questionnaire, on: db)
    }

    static func responses(roundID: UUID, questionnaire: Questionnaire, on db: any Database) async throws -> [MaturityResponse] {
        let statementCount = questionnaire.statements.count
        let levelCount = questionnaire.scale.levels.count
        let rows = try await MaturityResponseRecord.query(on: db).filter(\.$round.$id == roundID)
            .field(\.$submissionKey).field(\.$levels).field(\.$groups).field(\.$freeTexts).sort(\.$id).rows()
        var responses: [MaturityResponse] = []
        responses.reserveCapacity(rows.count)
        for row in rows {
            let output = row.schema(MaturityResponseRecord.schema)
            let text = try output.decode("levels", as: String.self)
            guard let levels = MaturityResponseCoding.decode(text, statementCount: statementCount, levelCount: levelCount) else {
                throw MaturityStorageError.brokenResponse(roundID: roundID, submissionKey: try output.decode("submission_key", as: String.self))
            }
            responses.append(MaturityResponse(
                levels: levels,
                groups: MaturityResponseCoding.decodeOptionals(try output.decode("groups", as: String?.self), count: questionnaire.grouping.count),
                freeTexts: MaturityResponseCoding.decodeOptionals(try output.decode("free_texts", as: String?.self), count: questionnaire.freeText.count)))
        }
        return responses
    }

    // MARK: changes

    func create(_ input: SurveyRoundInput) async throws -> MaturityRoundRecord {
        try context.require(context.permissions.canEditFrame)
        let values = try await checked(input, existing: nil)
        let round = MaturityRoundRecord()
        round.id = UUID()
        round.$municipality.id = context.municipalityID
        round.version = 1
        apply(values.values, to: round)
        round.access = values.values.access.rawValue
        round.publicToken = values.values.access == .public ? Secrets.randomToken(bytes: 18) : nil
        let snapshot = Self.snapshot(round, questionnaire: values.label, invitations: 0)
        try await db.writeTransaction { db in
            try await round.create(on: db)
            try await AuditTrail.record(on: db, municipalityID: context.municipalityID, actor: context.user, action: .create,
                                        entityType: Self.entityType, entityID: round.id, label: round.title,
                                        changes: FieldChange.between([:], snapshot, fields: Self.auditedFields), version: 1)
        }
        return round
    }

    func update(_ round: MaturityRoundRecord, _ input: SurveyRoundInput, expectedVersion: Int?) async throws {
        try context.require(context.permissions.canEditFrame)
        let roundID = try round.requireID()
        let counts = try await self.counts(of: [roundID])[roundID] ?? Counts()
        let before = Self.snapshot(round, questionnaire: try await label(of: round.$questionnaire.id), invitations: counts.invitations)
        let values = try await checked(input, existing: SurveyRoundFacts(
            questionnaireID: round.$questionnaire.id, access: SurveyAccess(rawValue: round.access) ?? .public,
            minimumGroupSize: round.minimumGroupSize, hasResponses: counts.responses > 0))
        apply(values.values, to: round)
        let changes = FieldChange.between(before, Self.snapshot(round, questionnaire: values.label, invitations: counts.invitations),
                                          fields: Self.auditedFields)
        guard !changes.isEmpty else { try RowVersion.check(expectedVersion, against: round.version); return }
        try await db.writeTransaction { db in
            round.version = try await RowVersion.claim(MaturityRoundRecord.schema, id: roundID, expected: expectedVersion, on: db)
            try await round.update(on: db)
            try await AuditTrail.record(on: db, municipalityID: context.municipalityID, actor: context.user, action: .update,
                                        entityType: Self.entityType, entityID: roundID, label: round.title, changes: changes, version: round.version)
        }
    }

    /// Closes a round before its last day; answers sent afterwards are refused. Closing twice changes nothing.
    func close(_ round: MaturityRoundRecord, expectedVersion: Int?) async throws {
        try context.require(context.permissions.canEditFrame)
        guard round.closedAt == nil else { return }
        let roundID = try round.requireID()
        let count = try await MaturityResponseRecord.query(on: db).filter(\.$round.$id == roundID).count()
        try await db.writeTransaction { db in
            round.version = try await RowVersion.claim(MaturityRoundRecord.schema, id: roundID, expected: expectedVersion, on: db)
            round.closedAt = Date()
            try await round.update(on: db)
            // The count of answers at closing is recorded, never the answers (anonymity).
            try await AuditTrail.record(on: db, municipalityID: context.municipalityID, actor: context.user, action: .update,
                                        entityType: Self.entityType, entityID: roundID, label: round.title,
                                        changes: [FieldChange(field: "status", old: "open", new: "closed (\(count) responses)")],
                                        version: round.version)
        }
    }

    /// Makes `count` invitation tokens for an invitation round and returns them: this is the only time they exist
    /// in plain text (only their SHA-256 is stored). The round's invited count becomes the number of tokens.
    func makeInvitations(_ round: MaturityRoundRecord, count raw: String?) async throws -> [String] {
        try context.require(context.permissions.canEditFrame)
        var check = Validator()
        if round.access != SurveyAccess.invitation.rawValue { check.add("count", .invalidChoice) }
        let count = check.integer("count", raw, required: true, range: 1...SurveyLimits.maximumTokensPerBatch)
        if round.closedAt != nil { check.add("count", .roundClosed) }
        try check.finish()
        let roundID = try round.requireID()
        let tokens = (0..<(count ?? 0)).map { _ in Secrets.randomToken(bytes: 18) }
        let municipalityID = context.municipalityID
        try await db.writeTransaction { db in
            guard let sql = db as? any SQLDatabase else { throw FahrplanError.badRequest("SQL database required") }
            for chunk in tokens.chunked(into: 500) {
                var insert = sql.insert(into: MaturityInvitationRecord.schema).columns("id", "municipality_id", "round_id", "token_hash", "used")
                for token in chunk {
                    insert = insert.values(SQLBind(UUID()), SQLBind(municipalityID), SQLBind(roundID), SQLBind(Secrets.sha256(token)), SQLBind(false))
                }
                try await insert.run()
            }
            let total = try await MaturityInvitationRecord.query(on: db).filter(\.$round.$id == roundID).count()
            round.version = try await RowVersion.claim(MaturityRoundRecord.schema, id: roundID, expected: nil, on: db)
            let before = round.invitedCount
            round.invitedCount = total
            try await round.update(on: db)
            try await AuditTrail.record(on: db, municipalityID: municipalityID, actor: context.user, action: .update,
                                        entityType: Self.entityType, entityID: roundID, label: round.title,
                                        changes: [FieldChange(field: "invitations", old: String(total - tokens.count), new: String(total)),
                                                  FieldChange(field: "invitedCount", old: before.map(String.init), new: String(total))],
                                        version: round.version)
        }
        return tokens
    }

    /// Of the tokens a page hands back for the CSV, those that belong to this round (the CSV is made from what
    /// the browser still shows; nothing is stored to remake it).
    func ownTokens(_ round: MaturityRoundRecord, _ tokens: [String]) async throws -> [String] {
        let roundID = try round.requireID()
        let cleaned = tokens.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { SurveyAnswering.isPlausibleToken($0) }
        var known: Set<String> = []
        for chunk in cleaned.chunked(into: 400) {
            for row in try await MaturityInvitationRecord.query(on: db).filter(\.$round.$id == roundID)
                .filter(\.$tokenHash ~~ chunk.map(Secrets.sha256)).field(\.$tokenHash).rows() {
                known.insert(try row.schema(MaturityInvitationRecord.schema).decode("token_hash", as: String.self))
            }
        }
        return cleaned.filter { known.contains(Secrets.sha256($0)) }
    }

    // MARK: helpers

    private func checked(_ input: SurveyRoundInput, existing: SurveyRoundFacts?) async throws -> (values: SurveyRoundValues, label: String) {
        var problems: [FieldProblem] = []
        var values: SurveyRoundValues?
        do { values = try input.validated(existing: existing) } catch { problems = error.problems }
        var label = ""
        if let id = values?.questionnaireID ?? input.questionnaireID.flatMap({ UUID(uuidString: $0.trimmingCharacters(in: .whitespaces)) }) {
            let found = try await QuestionnaireRecord.query(on: db).filter(\.$id == id).filter(\.$municipality.$id == context.municipalityID).first()
            if let found, found.archivedAt == nil || id == existing?.questionnaireID {
                label = "\(found.title) (v\(found.questionnaireVersion))"
                if found.statementCount == 0 { problems.append(FieldProblem("questionnaireID", .invalidChoice)) }
            } else if !problems.contains(where: { $0.field == "questionnaireID" }) {
                problems.append(FieldProblem("questionnaireID", .unknownReference))
            }
        }
        guard problems.isEmpty, let values else { throw ValidationFailure(problems) }
        return (values, label)
    }

    private func label(of questionnaireID: UUID) async throws -> String {
        guard let found = try await QuestionnaireRecord.find(questionnaireID, on: db) else { return questionnaireID.uuidString }
        return "\(found.title) (v\(found.questionnaireVersion))"
    }

    private func apply(_ values: SurveyRoundValues, to round: MaturityRoundRecord) {
        round.$questionnaire.id = values.questionnaireID
        round.title = values.title
        round.opensOn = values.opensOn.iso
        round.closesOn = values.closesOn.iso
        round.invitedCount = values.invitedCount ?? (values.access == .invitation ? round.invitedCount : nil)
        round.minimumGroupSize = values.minimumGroupSize
    }

    static func snapshot(_ round: MaturityRoundRecord, questionnaire: String, invitations: Int) -> [String: String?] {
        ["title": round.title, "questionnaire": questionnaire, "opensOn": round.opensOn, "closesOn": round.closesOn,
         "access": round.access, "invitedCount": round.invitedCount.map(String.init), "minimumGroupSize": String(round.minimumGroupSize),
         "status": round.closedAt == nil ? "open" : "closed", "invitations": String(invitations)]
    }
}

extension MaturityRoundRecord {
    var opensOnDay: CalendarDay { CalendarDay(iso: opensOn) ?? CalendarDay(year: 2000, month: 1, day: 1)! }
    var closesOnDay: CalendarDay { CalendarDay(iso: closesOn) ?? opensOnDay }
    var surveyAccess: SurveyAccess { SurveyAccess(rawValue: access) ?? .public }

    func phase(on today: CalendarDay) -> SurveyPhase {
        SurveyPhase.on(today, opensOn: opensOnDay, closesOn: closesOnDay, closedEarly: closedAt != nil)
    }
}
