import FahrplanCore
import Fluent
import Foundation

/// The municipality's questionnaires, shared by the web pages, the API and the other maturity helpers: the shipped
/// standard, lists and reads inside the municipality, copy of the standard, import of a file, edits that become a
/// new version once answers exist (`QuestionnaireEditDecision`), archive. The strategy team writes; every member
/// reads. Every write runs in one transaction with its audit event (entity type `questionnaire`).
struct QuestionnaireService {
    var db: any Database
    var context: MunicipalityContext

    static let entityType = "questionnaire"
    static let maxFileBytes = 2 * 1_048_576

    /// One stored questionnaire without its document (lists read only these columns).
    struct Summary: Sendable {
        var id: UUID
        var key: String
        var questionnaireVersion: Int
        var title: String
        var language: String
        var statementCount: Int
        var version: Int
        var createdAt: Date?
        var archived: Bool
    }

    /// A key's questionnaires: the newest version and the older ones (newest first).
    struct Family: Sendable {
        var latest: Summary
        var older: [Summary]
    }

    /// What saving an edit did.
    enum SaveOutcome: Sendable, Equatable {
        case unchanged
        case editedInPlace
        /// The edit became this new row (the edited one stays as it was).
        case newVersion(id: UUID, questionnaireVersion: Int)
    }

    var canManage: Bool { context.permissions.canEditFrame }

    // MARK: the shipped standard

    private static let shipped: Result<Questionnaire, any Error> = Result {
        let path = FahrplanResources.directory + "Resources/Questionnaires/standard-de.json"
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        do throws(ValidationFailure) { return try Questionnaire.decode(data) } catch {
            throw MaturityStorageError.brokenQuestionnaire(id: nil, problems: error.problems.map { $0.field })
        }
    }

    /// The standard German questionnaire Fahrplan ships (read once per process).
    static func standard() throws -> Questionnaire { try shipped.get() }

    // MARK: reads

    /// All questionnaires (archived ones only with `includingArchived`), by key, newest version first.
    func summaries(includingArchived: Bool = false) async throws -> [Summary] {
        var query = QuestionnaireRecord.query(on: db).filter(\.$municipality.$id == context.municipalityID)
        if !includingArchived { query = query.filter(\.$archivedAt == nil) }
        let rows = try await query.sort(\.$key).sort(\.$questionnaireVersion, .descending)
            .field(\.$id).field(\.$key).field(\.$questionnaireVersion).field(\.$title).field(\.$language).field(\.$statementCount)
            .field(\.$version).field(\.$createdAt).field(\.$archivedAt).rows()
        return try rows.map { row in
            let r = row.schema(QuestionnaireRecord.schema)
            return Summary(id: try r.decode("id", as: UUID.self), key: try r.decode("key", as: String.self),
                           questionnaireVersion: try r.decode("questionnaire_version", as: Int.self),
                           title: try r.decode("title", as: String.self), language: try r.decode("language", as: String.self),
                           statementCount: try r.decode("statement_count", as: Int.self), version: try r.decode("version", as: Int.self),
                           createdAt: try r.decode("created_at", as: Date?.self),
                           archived: try r.decode("archived_at", as: Date?.self) != nil)
        }
    }

    /// The latest version per key plus the older ones, ordered by the latest version's title.
    func list() async throws -> [Family] {
        var families: [String: [Summary]] = [:]
        for summary in try await summaries() { families[summary.key, default: []].append(summary) }
        return families.values.map { Family(latest: $0[0], older: Array($0.dropFirst())) }
            .sorted { ($0.latest.title, $0.latest.key) < ($1.latest.title, $1.latest.key) }
    }

    /// One of the municipality's questionnaires (also an archived one: assessments and rounds keep referring to it);
    /// 404 for a malformed, unknown or another municipality's id.
    func find(_ id: String?) async throws -> QuestionnaireRecord {
        try await context.find(QuestionnaireRecord.self, id, on: db, municipalityKey: \.$municipality.$id)
    }

    func find(id: UUID) async throws -> QuestionnaireRecord { try await find(id.uuidString) }

    /// Answers refer to it: a survey round with at least one response, or a Potenzialcheck.
    static func hasAnswers(_ questionnaireID: UUID, municipalityID: UUID, on db: any Database) async throws -> Bool {
        if try await MaturityAssessmentRecord.query(on: db).filter(\.$municipality.$id == municipalityID)
            .filter(\.$questionnaire.$id == questionnaireID).count() > 0 { return true }
        let rounds = try await MaturityRoundRecord.query(on: db).filter(\.$municipality.$id == municipalityID)
            .filter(\.$questionnaire.$id == questionnaireID).field(\.$id).rows()
            .map { try $0.schema(MaturityRoundRecord.schema).decode("id", as: UUID.self) }
        guard !rounds.isEmpty else { return false }
        return try await MaturityResponseRecord.query(on: db).filter(\.$municipality.$id == municipalityID)
            .filter(\.$round.$id ~~ rounds).count() > 0
    }

    func hasAnswers(_ record: QuestionnaireRecord) async throws -> Bool {
        try await Self.hasAnswers(record.requireID(), municipalityID: context.municipalityID, on: db)
    }

    /// The highest questionnaire version stored under a key (archived rows included: numbers are never reused).
    static func latestVersion(key: String, municipalityID: UUID, on db: any Database) async throws -> Int? {
        try await QuestionnaireRecord.query(on: db).filter(\.$municipality.$id == municipalityID).filter(\.$key == key)
            .max(\.$questionnaireVersion)
    }

    // MARK: writes

    /// Copies the shipped standard into the municipality. A second copy while one is in use is refused
    /// (`key` duplicate); after archiving, a new copy takes the next version number.
    func copyStandard() async throws -> QuestionnaireRecord {
        try context.require(canManage)
        return try await store(try Self.standard(), source: "standard", refuseExistingKey: true)
    }

    /// Imports a questionnaire file (`fahrplan-questionnaire/1` JSON). Problems name the entry by path. A key already
    /// used in the municipality makes the file the next version of that questionnaire (nothing is overwritten).
    func importFile(_ bytes: [UInt8], fieldPrefix: String = "") async throws -> QuestionnaireRecord {
        try context.require(canManage)
        guard !bytes.isEmpty else { throw ValidationFailure([FieldProblem(fieldPrefix.isEmpty ? "file" : String(fieldPrefix.dropLast()), .required)]) }
        guard bytes.count <= Self.maxFileBytes else { throw ValidationFailure([FieldProblem("file", .tooLong(max: Self.maxFileBytes))]) }
        let questionnaire: Questionnaire
        do throws(ValidationFailure) { questionnaire = try Questionnaire.decode(Data(bytes)) } catch {
            throw ValidationFailure(error.problems.map { FieldProblem(fieldPrefix + $0.field, $0.kind) })
        }
        return try await store(questionnaire, source: "import", refuseExistingKey: false)
    }

    private func store(_ questionnaire: Questionnaire, source: String, refuseExistingKey: Bool) async throws -> QuestionnaireRecord {
        let municipalityID = context.municipalityID
        let actor = context.user
        return try await db.writeTransaction { db in
            var questionnaire = questionnaire
            if let latest = try await Self.latestVersion(key: questionnaire.key, municipalityID: municipalityID, on: db) {
                if refuseExistingKey, try await QuestionnaireRecord.query(on: db).filter(\.$municipality.$id == municipalityID)
                    .filter(\.$key == questionnaire.key).filter(\.$archivedAt == nil).count() > 0 {
                    throw ValidationFailure([FieldProblem("key", .duplicate)])
                }
                questionnaire.version = max(questionnaire.version, latest + 1)
            }
            let record = try QuestionnaireRecord(municipalityID: municipalityID, questionnaire)
            try await record.create(on: db)
            try await AuditTrail.record(on: db, municipalityID: municipalityID, actor: actor, action: .create, entityType: Self.entityType,
                                        entityID: record.id, label: Self.label(record),
                                        changes: [FieldChange(field: "source", old: nil, new: source),
                                                  FieldChange(field: "questionnaireVersion", old: nil, new: String(record.questionnaireVersion)),
                                                  FieldChange(field: "statements", old: nil, new: String(record.statementCount))],
                                        version: record.version)
            return record
        }
    }

    /// Saves an edited questionnaire (key, format, language and version of the edit are taken from the stored one).
    /// `expectedVersion` is the row version the edit was based on (`StaleEdit` when someone saved since).
    /// Without answers the row is changed in place; with answers the edit becomes a new row with the next version
    /// number, and the edited row stays exactly as it was.
    @discardableResult
    func save(_ record: QuestionnaireRecord, edited: Questionnaire, expectedVersion: Int?) async throws -> SaveOutcome {
        try context.require(canManage)
        let original = try record.questionnaire()
        var edited = edited
        edited.format = original.format; edited.key = original.key; edited.language = original.language
        edited.version = original.version
        try edited.validate()
        let id = try record.requireID()
        let municipalityID = context.municipalityID
        let actor = context.user
        let finalEdit = edited
        return try await db.writeTransaction { db in
            let hasAnswers = try await Self.hasAnswers(id, municipalityID: municipalityID, on: db)
            let latest = try await Self.latestVersion(key: original.key, municipalityID: municipalityID, on: db)
            switch QuestionnaireEditDecision.decide(original: original, edited: finalEdit, hasAnswers: hasAnswers, latestVersion: latest) {
            case .unchanged:
                try RowVersion.check(expectedVersion, against: try await Self.currentVersion(id, on: db))
                return .unchanged
            case .editInPlace:
                let version = try await RowVersion.claim(QuestionnaireRecord.schema, id: id, expected: expectedVersion, on: db)
                let changes = Self.changes(from: original, to: finalEdit)
                try record.apply(finalEdit)
                record.version = version
                try await record.save(on: db)
                try await AuditTrail.record(on: db, municipalityID: municipalityID, actor: actor, action: .update, entityType: Self.entityType,
                                            entityID: id, label: Self.label(record), changes: changes, version: version)
                return .editedInPlace
            case .newVersion(let number):
                // The answered row is not touched, not even its edit version; a stale form is still refused.
                try RowVersion.check(expectedVersion, against: try await Self.currentVersion(id, on: db))
                var next = finalEdit
                next.version = number
                let created = try QuestionnaireRecord(municipalityID: municipalityID, next)
                try await created.create(on: db)
                try await AuditTrail.record(on: db, municipalityID: municipalityID, actor: actor, action: .create, entityType: Self.entityType,
                                            entityID: created.id, label: Self.label(created),
                                            changes: [FieldChange(field: "source", old: nil, new: "edit"),
                                                      FieldChange(field: "basedOn", old: nil, new: id.uuidString),
                                                      FieldChange(field: "questionnaireVersion", old: String(original.version), new: String(number))]
                                                + Self.changes(from: original, to: next),
                                            version: created.version)
                return .newVersion(id: try created.requireID(), questionnaireVersion: number)
            }
        }
    }

    /// Archives a questionnaire: it leaves the lists; rounds and assessments made with it keep it.
    func archive(_ record: QuestionnaireRecord, expectedVersion: Int?) async throws {
        try context.require(canManage)
        guard record.archivedAt == nil else { return }
        let id = try record.requireID()
        let municipalityID = context.municipalityID
        let actor = context.user
        try await db.writeTransaction { db in
            let version = try await RowVersion.claim(QuestionnaireRecord.schema, id: id, expected: expectedVersion, on: db)
            record.archivedAt = Date()
            record.version = version
            try await record.save(on: db)
            try await AuditTrail.record(on: db, municipalityID: municipalityID, actor: actor, action: .archive, entityType: Self.entityType,
                                        entityID: id, label: Self.label(record), version: version)
        }
    }

    // MARK: helpers

    static func label(_ record: QuestionnaireRecord) -> String { "\(record.title) (v\(record.questionnaireVersion))" }

    private static func currentVersion(_ id: UUID, on db: any Database) async throws -> Int {
        guard let row = try await QuestionnaireRecord.find(id, on: db) else { throw FahrplanError.notFound }
        return row.version
    }

    /// The audit trail's account of an edit: top-level texts by name, the structure as counts.
    static func changes(from old: Questionnaire, to new: Questionnaire) -> [FieldChange] {
        var changes: [FieldChange] = []
        func note(_ field: String, _ a: String?, _ b: String?) { if a != b { changes.append(FieldChange(field: field, old: a, new: b)) } }
        note("title", old.title, new.title)
        note("description", old.description, new.description)
        note("scale", old.scale.levels.map(\.label).joined(separator: " / ") + (old.scale.dontKnow.map { " / \($0)" } ?? ""),
             new.scale.levels.map(\.label).joined(separator: " / ") + (new.scale.dontKnow.map { " / \($0)" } ?? ""))
        note("fields", String(old.fields.count), String(new.fields.count))
        note("statements", String(old.statements.count), String(new.statements.count))
        let oldTexts = Dictionary(old.statements.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        let edited = new.statements.filter { oldTexts[$0.key] != nil && oldTexts[$0.key] != $0 }.count
        if edited > 0 { changes.append(FieldChange(field: "statementsEdited", old: nil, new: String(edited))) }
        return changes
    }
}
