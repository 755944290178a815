import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation

/// Questionnaires and a Potenzialcheck for the tenant-isolation walk's `:questionnaire` and `:assessment` routes:
/// `questionnaireID` has answers (the Potenzialcheck `assessmentID`, with a rating), so every edit the walk sends
/// becomes a new version and the form's version stays current; `spareQuestionnaireID` is the one new Potenzialchecks
/// are made with (the walk archives `questionnaireID` on the way).
struct WalkMaturity {
    var questionnaireID: UUID
    var spareQuestionnaireID: UUID
    var assessmentID: UUID
    var statementKey: String
    /// The structured edit form of `questionnaireID` with a changed title.
    var editForm: [(String, String)]
    /// A small questionnaire file to import (its key differs from the walk's questionnaires).
    var importDocument: String

    var all: [UUID] { [questionnaireID, spareQuestionnaireID, assessmentID] }

    static func questionnaire(key: String, suffix: String) -> Questionnaire {
        Questionnaire(key: key, title: "Walk-Fragebogen \(suffix)", description: "Für den Rundgang \(suffix)",
                      scale: RatingScale(levels: [.init(value: 0, label: "nein"), .init(value: 1, label: "teils"), .init(value: 2, label: "ja")],
                                         dontKnow: "weiß nicht"),
                      fields: [TopicField(key: "\(key)-feld", title: "Feld \(suffix)", statements: [
                          Statement(key: "\(key)-a", text: "Aussage A \(suffix)", explanation: "Warum \(suffix)", firstSteps: ["Schritt \(suffix)"]),
                          Statement(key: "\(key)-b", text: "Aussage B \(suffix)"),
                      ])])
    }

    static func create(context: MunicipalityContext, suffix: String, on db: any Database) async throws -> WalkMaturity {
        // The demo may have copied the standard: out of the way, so that the walk's "copy the standard" is accepted.
        let standardKey = try QuestionnaireService.standard().key
        try await QuestionnaireRecord.query(on: db).filter(\.$municipality.$id == context.municipalityID).filter(\.$key == standardKey)
            .set(\.$archivedAt, to: Date()).update()
        let service = QuestionnaireService(db: db, context: context)
        let main = try await service.importFile(Array(try questionnaire(key: "walk-fragebogen", suffix: suffix).encoded()))
        let spare = try await service.importFile(Array(try questionnaire(key: "walk-ersatz", suffix: suffix).encoded()))
        let assessments = AssessmentService(db: db, context: context)
        let assessment = try await assessments.create(.init(questionnaireID: main.id?.uuidString, title: "Walk-Potenzialcheck \(suffix)",
                                                            assessedOn: "01.11.2026", participants: "Team \(suffix)", note: "Notiz \(suffix)"))
        try await assessments.saveRatings(assessment, ["walk-fragebogen-a": .init(rating: .value(1), evidence: "Beleg \(suffix)")],
                                          expectedVersion: nil)
        var edited = try main.questionnaire()
        edited.title = "Übernommener Fragebogen"
        return WalkMaturity(questionnaireID: try main.requireID(), spareQuestionnaireID: try spare.requireID(),
                            assessmentID: try assessment.requireID(), statementKey: "walk-fragebogen-a",
                            editForm: QuestionnaireWebTests.formFields(edited, version: main.version),
                            importDocument: String(decoding: try questionnaire(key: "walk-import", suffix: "Import").encoded(), as: UTF8.self))
    }
}

extension RouteWalk {
    static func isMaturityQuestionnaireRoute(_ segments: [String]) -> Bool {
        segments.contains("maturity") && (segments.contains("questionnaires") || segments.contains("assessments"))
            && !segments.contains("results") && !segments.contains("first-steps")
    }

    /// Form fields the questionnaire and Potenzialcheck pages accept on the target's own data.
    static func maturityQuestionnaireForm(segments: [String], target: WalkTarget) -> [(String, String)]? {
        guard isMaturityQuestionnaireRoute(segments), let maturity = target.maturity else { return nil }
        switch segments.last ?? "" {
        case "import": return [("content", maturity.importDocument)]
        case "copy-standard": return []
        case "ratings": return [("r.\(maturity.statementKey)", "2"), ("e.\(maturity.statementKey)", "Übernommen")]
        case "edit" where segments.contains("questionnaires"): return maturity.editForm
        default:
            return [("questionnaireID", maturity.spareQuestionnaireID.uuidString), ("title", "Übernommener Potenzialcheck"),
                    ("assessedOn", "02.11.2026"), ("participants", "Fremde"), ("note", "Überschrieben")]
        }
    }

    /// JSON bodies of the questionnaire and Potenzialcheck API.
    static func maturityQuestionnaireJSON(segments: [String], target: WalkTarget) -> [String: Any]? {
        guard isMaturityQuestionnaireRoute(segments), let maturity = target.maturity else { return nil }
        switch segments.last ?? "" {
        case "questionnaires":
            return ["document": (try? JSONSerialization.jsonObject(with: Data(maturity.importDocument.utf8))) ?? [:]]
        case ":questionnaire":
            var document = (try? JSONSerialization.jsonObject(with: Data(maturity.importDocument.utf8)) as? [String: Any]) ?? [:]
            document["title"] = "Übernommen über die API"
            return document
        case "assessments":
            return ["questionnaireId": maturity.spareQuestionnaireID.uuidString, "title": "Übernommen", "assessedOn": "2026-11-02"]
        case "ratings": return ["ratings": [["statementKey": maturity.statementKey, "level": 2, "evidence": "Übernommen"]]]
        default: return nil
        }
    }
}

extension TenantSnapshot {
    /// A municipality's questionnaires, Potenzialchecks and their ratings.
    static func maturityQuestionnaireLines(_ municipalityID: UUID, on db: any Database) async throws -> [String] {
        var lines: [String] = []
        for q in try await QuestionnaireRecord.query(on: db).filter(\.$municipality.$id == municipalityID).all() {
            lines.append("questionnaire \(q.id?.uuidString ?? "?") key=\(q.key) v=\(q.questionnaireVersion) title=\(q.title) version=\(q.version) "
                + "archived=\(q.archivedAt != nil) document=\(q.document.hashValue)")
        }
        for a in try await MaturityAssessmentRecord.query(on: db).filter(\.$municipality.$id == municipalityID).all() {
            lines.append("assessment \(a.id?.uuidString ?? "?") title=\(a.title) on=\(a.assessedOn) participants=\(a.participants ?? "nil") "
                + "note=\(a.note ?? "nil") version=\(a.version) archived=\(a.archivedAt != nil)")
        }
        for r in try await MaturityAssessmentRatingRecord.query(on: db).filter(\.$municipality.$id == municipalityID).all() {
            lines.append("rating \(r.$assessment.id) \(r.statementKey) level=\(r.level.map(String.init) ?? "nil") dontKnow=\(r.dontKnow) evidence=\(r.evidence ?? "nil")")
        }
        return lines
    }
}
