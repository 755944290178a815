import FahrplanCore
import Fluent
import Foundation
import Vapor

/// JSON shapes of the call API, described one to one in `openapi.json` (schemas `Call…`).
struct CallSummaryDTO: Content {
    var id: UUID
    var title: String
    var opensOn: String
    var deadline: String
    var phase: String
    var deadlinePassed: Bool
    var archived: Bool
    var asked: Int
    var complete: Int
}

struct CallDTO: Content {
    var id: UUID
    var title: String
    var message: String?
    var opensOn: String
    var deadline: String
    var phase: String
    var deadlinePassed: Bool
    var closedAt: Date?
    var archived: Bool
    var createdBy: String?
    var createdAt: Date?
    var updatedAt: Date?
    var board: CallBoardDTO

    static func load(_ call: CallForProjects, context: MunicipalityContext, on db: any Database) async throws -> CallDTO {
        let today = context.calendar.today
        let board = try await CallBoardLoader(db: db, municipalityID: context.municipalityID).load(call).board
        return CallDTO(id: try call.requireID(), title: call.title, message: call.message, opensOn: call.opensOn, deadline: call.deadline,
                       phase: call.phase(on: today).rawValue, deadlinePassed: call.deadlinePassed(on: today), closedAt: call.closedAt,
                       archived: call.archivedAt != nil, createdBy: call.createdByName, createdAt: call.createdAt, updatedAt: call.updatedAt,
                       board: CallBoardDTO(board))
    }
}

struct CallBoardDTO: Content {
    struct Unit: Content {
        var departmentId: UUID
        var code: String
        var name: String
        var submitted: Int
        var drafts: Int
        var state: String
        var complete: Bool
        var completedAt: Date?
        var completedBy: String?
        var note: String?
    }

    struct Totals: Content {
        var asked: Int
        var complete: Int
        var inProgress: Int
        var missing: Int
        var submitted: Int
        var drafts: Int
        var fromOtherUnits: Int
    }

    var units: [Unit]
    var totals: Totals

    init(_ board: CallBoard<UUID>) {
        units = board.rows.map { row in
            Unit(departmentId: row.unit.id, code: row.unit.code, name: row.unit.name, submitted: row.submitted, drafts: row.drafts,
                 state: row.state.rawValue, complete: row.isComplete, completedAt: row.unit.completedAt,
                 completedBy: row.unit.completedBy, note: row.unit.note)
        }
        let t = board.totals
        totals = Totals(asked: t.asked, complete: t.complete, inProgress: t.inProgress, missing: t.missing,
                        submitted: t.submitted, drafts: t.drafts, fromOtherUnits: t.fromOtherUnits)
    }
}

/// Body of POST (all fields; `departmentIds` defaults to every active Amt/Fachdienst) and PATCH (only the
/// fields to change; `null` clears `message`).
struct CallWriteDTO: Decodable, Sendable {
    var title: PatchValue<String>
    var message: PatchValue<String>
    var opensOn: PatchValue<String>
    var deadline: PatchValue<String>
    var departmentIds: PatchValue<[UUID]>

    enum CodingKeys: String, CodingKey {
        case title, message, opensOn, deadline, departmentIds
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        title = try container.patch(String.self, forKey: .title)
        message = try container.patch(String.self, forKey: .message)
        opensOn = try container.patch(String.self, forKey: .opensOn)
        deadline = try container.patch(String.self, forKey: .deadline)
        departmentIds = try container.patch([UUID].self, forKey: .departmentIds)
    }

    func input(over call: CallForProjects?, asked: [UUID], defaults: [UUID]) -> CallInput {
        let departments: [UUID]
        switch departmentIds {
        case .value(let ids): departments = ids
        case .null: departments = []
        case .absent: departments = call == nil ? defaults : asked
        }
        return CallInput(title: title.merged(into: call?.title), message: message.merged(into: call?.message),
                         opensOn: opensOn.merged(into: call?.opensOn), deadline: deadline.merged(into: call?.deadline),
                         departmentIDs: departments.map(\.uuidString))
    }
}

struct CallCompletionWriteDTO: Content {
    var departmentId: UUID?
    var note: String?
}

/// Problems are reported under the API's field names.
enum CallFieldNames {
    static let renamed = ["departmentIDs": "departmentIds", "departmentID": "departmentId", "callID": "callId"]

    static func translating<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let failure as ValidationFailure {
            throw FahrplanError.invalid(failure.problems.map { FieldProblem(renamed[$0.field] ?? $0.field, $0.kind) })
        }
    }
}
