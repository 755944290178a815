import FahrplanCore
import Fluent
import Foundation
import Vapor

/// Questionnaires and Potenzialchecks over JSON, through `QuestionnaireService` and `AssessmentService`. A
/// questionnaire is read and written as its file (`fahrplan-questionnaire/1`); a `PUT` of a questionnaire with
/// answers makes a new version (the answered one stays), and with `If-Match` a stale write is 412.
struct MaturityQuestionnaireAPIController {
    func register(on api: any RoutesBuilder) {
        let endpoints = api.apiEndpoints
        endpoints.get(.questionnaires, use: listQuestionnaires)
        endpoints.post(.questionnaires, use: createQuestionnaire)
        endpoints.get(.questionnaire(.key), use: showQuestionnaire)
        endpoints.put(.questionnaire(.key), use: replaceQuestionnaire)
        endpoints.get(.assessments, use: listAssessments)
        endpoints.post(.assessments, use: createAssessment)
        endpoints.get(.assessment(.key), use: showAssessment)
        endpoints.put(.assessment(.key, .ratings), use: replaceRatings)
    }

    // MARK: questionnaires

    /// `?includeArchived=true`: archived ones too.
    func listQuestionnaires(_ req: Request) async throws -> ListDTO<QuestionnaireSummaryDTO> {
        let context = try await req.municipalityContext()
        var query = APIQuery(req)
        let archived = query.bool("includeArchived") ?? false
        try query.finish()
        return ListDTO(items: try await QuestionnaireService(db: req.db, context: context).summaries(includingArchived: archived)
            .map(QuestionnaireSummaryDTO.init))
    }

    func createQuestionnaire(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        let service = QuestionnaireService(db: req.db, context: context)
        try context.require(service.canManage)
        let body = try req.content.decode(QuestionnaireCreateWriteDTO.self)
        let record: QuestionnaireRecord = try await APIFieldNames.translating {
            switch (body.copyStandard ?? false, body.document != nil) {
            case (true, false): return try await service.copyStandard()
            case (false, true): return try await service.importFile(try Self.documentBytes(req, key: "document"), fieldPrefix: "document.")
            case (true, true): throw ValidationFailure([FieldProblem("document", .invalidChoice)])
            case (false, false): throw ValidationFailure([FieldProblem("document", .required)])
            }
        }
        let response = try await QuestionnaireSummaryDTO(record).encodeResponse(status: .created, for: req)
        response.headers.replaceOrAdd(name: .location, value: APIURL.questionnaire(.value(record.id)).path)
        return VersionHeaders.tagged(response, record.version)
    }

    /// The questionnaire's document (the file form), its edit version as `ETag`.
    func showQuestionnaire(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        let record = try await QuestionnaireService(db: req.db, context: context).find(req.parameters.get("questionnaire"))
        let response = Response(status: .ok, body: .init(string: record.document))
        response.headers.contentType = .json
        return VersionHeaders.tagged(response, record.version)
    }

    /// Replaces the questionnaire with the document sent (key, format and language stay). With answers the edit
    /// becomes the next version (`outcome: newVersion`, `Location` of the new one); the answered one is unchanged.
    func replaceQuestionnaire(_ req: Request) async throws -> Response {
        let expected = try VersionHeaders.expected(req)
        let context = try await req.municipalityContext()
        let service = QuestionnaireService(db: req.db, context: context)
        let record = try await service.find(req.parameters.get("questionnaire"))
        try context.require(service.canManage)
        _ = try req.content.decode(QuestionnaireDocumentDTO.self)
        let original = try record.questionnaire()
        let bytes = try Self.documentBytes(req, key: nil, defaults: original)
        let outcome = try await VersionHeaders.guarded(req) {
            try await APIFieldNames.translating {
                let edited: Questionnaire
                do throws(ValidationFailure) { edited = try Questionnaire.decode(Data(bytes)) } catch { throw error }
                return try await service.save(record, edited: edited, expectedVersion: expected)
            }
        }
        let saved: QuestionnaireRecord
        let name: String
        switch outcome {
        case .unchanged: saved = record; name = "unchanged"
        case .editedInPlace: saved = try await service.find(id: record.requireID()); name = "editedInPlace"
        case .newVersion(let id, _): saved = try await service.find(id: id); name = "newVersion"
        }
        let response = try await QuestionnaireSavedDTO(outcome: name, questionnaire: try QuestionnaireSummaryDTO(saved))
            .encodeResponse(status: .ok, for: req)
        if case .newVersion(let id, _) = outcome { response.headers.replaceOrAdd(name: .location, value: APIURL.questionnaire(.value(id)).path) }
        return VersionHeaders.tagged(response, saved.version)
    }

    /// The document's raw JSON (the whole body, or its member `key`), so that `Questionnaire.decode` names problems
    /// by their path. For a replacement, the stored key, format, language and version fill what the body leaves out.
    static func documentBytes(_ req: Request, key: String?, defaults: Questionnaire? = nil) throws -> [UInt8] {
        guard let buffer = req.body.data, let parsed = try? JSONSerialization.jsonObject(with: Data(buffer.readableBytesView)),
              var object = (key.map { (parsed as? [String: Any])?[$0] } ?? parsed) as? [String: Any]
        else { throw Abort(.badRequest) }
        if let defaults {
            object["format"] = object["format"] ?? defaults.format
            object["key"] = defaults.key
            object["language"] = object["language"] ?? defaults.language
            object["version"] = defaults.version
        }
        return Array(try JSONSerialization.data(withJSONObject: object))
    }

    // MARK: assessments

    func listAssessments(_ req: Request) async throws -> ListDTO<AssessmentDTO> {
        let context = try await req.municipalityContext()
        var query = APIQuery(req)
        try query.finish()
        let service = AssessmentService(db: req.db, context: context)
        let assessments = try await service.list()
        let counts = try await service.ratedCounts(assessments.compactMap(\.id))
        let statements = Dictionary(try await QuestionnaireService(db: req.db, context: context).summaries(includingArchived: true)
            .map { ($0.id, $0.statementCount) }, uniquingKeysWith: { a, _ in a })
        return ListDTO(items: try assessments.map {
            try AssessmentDTO($0, statementCount: statements[$0.$questionnaire.id] ?? 0, rated: counts[$0.id ?? UUID()] ?? 0, ratings: nil)
        })
    }

    func createAssessment(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        let service = AssessmentService(db: req.db, context: context)
        try context.require(service.canManage)
        let body = try req.content.decode(AssessmentWriteDTO.self)
        let assessment = try await APIFieldNames.translating(using: ["questionnaireID": "questionnaireId"]) {
            try await service.create(.init(questionnaireID: body.questionnaireId?.uuidString, title: body.title, assessedOn: body.assessedOn,
                                           participants: body.participants, note: body.note))
        }
        let response = try await Self.detail(assessment, service: service).encodeResponse(status: .created, for: req)
        response.headers.replaceOrAdd(name: .location, value: APIURL.assessment(.value(assessment.id)).path)
        return VersionHeaders.tagged(response, assessment.version)
    }

    func showAssessment(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        let service = AssessmentService(db: req.db, context: context)
        let assessment = try await service.find(req.parameters.get("assessment"))
        return try await VersionHeaders.respond(try await Self.detail(assessment, service: service), version: assessment.version, for: req)
    }

    /// Replaces all ratings; problems name `ratings[i].statementKey`, `ratings[i].level` (off the scale),
    /// `ratings[i].dontKnow` (the scale has none), `ratings[i].evidence`. With any problem nothing is stored.
    func replaceRatings(_ req: Request) async throws -> Response {
        let expected = try VersionHeaders.expected(req)
        let context = try await req.municipalityContext()
        let service = AssessmentService(db: req.db, context: context)
        let assessment = try await service.find(req.parameters.get("assessment"))
        try context.require(service.canManage)
        let body = try req.content.decode(AssessmentRatingsWriteDTO.self)
        var inputs: [String: AssessmentService.RatingInput] = [:]
        var names: [String: String] = [:]
        var problems: [FieldProblem] = []
        for (i, rating) in (body.ratings ?? []).enumerated() {
            guard let key = CleanText.normalize(rating.statementKey, multiline: false) else {
                problems.append(FieldProblem("ratings[\(i)].statementKey", .required)); continue
            }
            if inputs[key] != nil { problems.append(FieldProblem("ratings[\(i)].statementKey", .duplicate)); continue }
            if rating.dontKnow == true, rating.level != nil { problems.append(FieldProblem("ratings[\(i)].level", .invalidChoice)); continue }
            let value: MaturityRating = rating.dontKnow == true ? .dontKnow : rating.level.map { .value($0) } ?? .skipped
            inputs[key] = .init(rating: value, evidence: rating.evidence)
            names["ratings.\(key)"] = rating.dontKnow == true ? "ratings[\(i)].dontKnow" : "ratings[\(i)].level"
            names["evidence.\(key)"] = "ratings[\(i)].evidence"
        }
        try await APIFieldNames.translating {
            try ValidationFailure.throwing(problems)
            do {
                try await VersionHeaders.guarded(req) { try await service.saveRatings(assessment, inputs, expectedVersion: expected) }
            } catch let failure as ValidationFailure {
                // An unknown statement is named by its key field, a value by the rating's field.
                throw ValidationFailure(failure.problems.map { problem in
                    let name = names[problem.field] ?? problem.field
                    return FieldProblem(problem.kind == .unknownReference ? name.replacingOccurrences(of: ".level", with: ".statementKey")
                                            .replacingOccurrences(of: ".dontKnow", with: ".statementKey") : name, problem.kind)
                })
            }
        }
        let reloaded = try await service.find(assessment.requireID().uuidString)
        return try await VersionHeaders.respond(try await Self.detail(reloaded, service: service), version: reloaded.version, for: req)
    }

    static func detail(_ assessment: MaturityAssessmentRecord, service: AssessmentService) async throws -> AssessmentDTO {
        let questionnaire = try await service.questionnaire(of: assessment).questionnaire()
        let ratings = try await service.ratings(of: assessment)
        let list = questionnaire.statements.compactMap { statement in
            ratings[statement.key].map {
                AssessmentDTO.Rating(statementKey: statement.key, level: $0.level, dontKnow: $0.dontKnow, evidence: $0.evidence)
            }
        }
        return try AssessmentDTO(assessment, statementCount: questionnaire.statements.count, rated: list.filter { $0.level != nil || $0.dontKnow }.count,
                                 ratings: list)
    }
}
