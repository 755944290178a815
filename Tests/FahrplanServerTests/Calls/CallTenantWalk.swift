import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import Testing

/// The calls' part of the tenant-isolation walk (TenantIsolationTests): the call a `:call` route is pointed
/// at, the forms and JSON bodies that would change it, and the call rows of the snapshot that must not change.
enum WalkCalls {
    /// An open call of the context's municipality that asks `departmentID`.
    static func create(context: MunicipalityContext, departmentID: UUID, suffix: String, on db: any Database) async throws -> UUID {
        try await CallService(db: db, context: context).create(CallInput(
            title: "Walk-Abfrage \(suffix)", message: "Bitte melden: \(suffix)", opensOn: "2020-01-01", deadline: "2099-12-31",
            departmentIDs: [departmentID.uuidString])).requireID()
    }
}

extension RouteWalk {
    /// `/m/:municipality/calls…` and `/api/v1/calls…`: "calls" is the third segment of both.
    static func isCallRoute(_ segments: [String]) -> Bool { segments.count > 2 && segments[2] == "calls" }

    /// Web forms for the call routes: the call form, or the unit whose answer is declared complete.
    static func callForm(last: String, target: WalkTarget) -> [(String, String)] {
        switch last {
        case "complete", "incomplete": return [("departmentID", target.departmentID.uuidString), ("note", "Übernommen")]
        case "close", "reopen": return []
        default: return [("title", "Übernommen von Musterstadt"), ("message", "Überschrieben."), ("opensOn", "01.01.2020"),
                         ("deadline", "31.12.2099"), ("departmentIDs[]", target.departmentID.uuidString)]
        }
    }

    static func callJSON(last: String, target: WalkTarget) -> [String: Any]? {
        switch last {
        case "complete", "incomplete": return ["departmentId": target.departmentID.uuidString, "note": "Übernommen"]
        case "close", "reopen": return nil
        default: return ["title": "Übernommen von Musterstadt", "opensOn": "2020-01-01", "deadline": "2099-12-31",
                         "departmentIds": [target.departmentID.uuidString]]
        }
    }
}

extension TenantSnapshot {
    /// A municipality's calls and their recipients, for `take`.
    static func callLines(_ municipalityID: UUID, on db: any Database) async throws -> (lines: [String], ids: Set<UUID>) {
        func d(_ date: Date?) -> String { date.map { String(format: "%.3f", $0.timeIntervalSince1970) } ?? "nil" }
        var lines: [String] = []
        let calls = try await CallForProjects.query(on: db).filter(\.$municipality.$id == municipalityID).all()
        for c in calls {
            lines.append("call \(c.id?.uuidString ?? "nil") title=\(c.title) message=\(c.message ?? "nil") opens=\(c.opensOn) deadline=\(c.deadline) "
                + "closed=\(d(c.closedAt)) archived=\(d(c.archivedAt)) updated=\(d(c.updatedAt))")
        }
        let ids = Set(calls.compactMap(\.id))
        for r in try await CallRecipient.query(on: db).all() where r.$municipality.id == municipalityID || ids.contains(r.$call.id) {
            lines.append("call recipient \(r.id?.uuidString ?? "nil") call=\(r.$call.id) department=\(r.$department.id) municipality=\(r.$municipality.id) "
                + "completed=\(d(r.completedAt)) by=\(r.completedByName ?? "nil") note=\(r.note ?? "nil")")
        }
        for p in try await Project.query(on: db).all() where p.$call.id.map(ids.contains) == true {
            lines.append("project \(p.id?.uuidString ?? "nil") in call \(p.$call.id?.uuidString ?? "nil") municipality=\(p.$municipality.id)")
        }
        return (lines, ids)
    }

    /// Call rows that reference a department or call of another municipality.
    static func callCrossReferences(departmentOwner: [UUID: UUID], on db: any Database) async throws -> [String] {
        var found: [String] = []
        let calls = try await CallForProjects.query(on: db).all()
        let callOwner = Dictionary(calls.compactMap { c in c.id.map { ($0, c.$municipality.id) } }, uniquingKeysWith: { a, _ in a })
        for r in try await CallRecipient.query(on: db).all()
        where callOwner[r.$call.id] != r.$municipality.id || departmentOwner[r.$department.id] != r.$municipality.id {
            found.append("call recipient \(r.$call.id) → \(r.$department.id) crosses municipalities")
        }
        for p in try await Project.query(on: db).all() {
            if let call = p.$call.id, callOwner[call] != p.$municipality.id { found.append("project \(p.code) is in a call of another municipality") }
        }
        return found
    }
}
