import FahrplanCore
import Fluent
import Foundation

/// Reads what the completion board and the reminder need: the asked units in the order of the
/// organisation chart, the call's profiles, and the e-mail addresses of the units' leads.
struct CallBoardLoader {
    var db: any Database
    var municipalityID: UUID

    struct Loaded {
        var board: CallBoard<UUID>
        /// The call's active profiles, by code.
        var projects: [Project]
        /// Every unit of the municipality, archived ones included.
        var departments: [UUID: Department]
    }

    func load(_ call: CallForProjects) async throws -> Loaded {
        let callID = try call.requireID()
        let recipients = try await CallRecipient.query(on: db).filter(\.$call.$id == callID)
            .filter(\.$municipality.$id == municipalityID).all()
        let units = try await Department.query(on: db).filter(\.$municipality.$id == municipalityID).all()
        let byID = Dictionary(units.compactMap { unit in unit.id.map { ($0, unit) } }, uniquingKeysWith: { a, _ in a })
        let tree = DepartmentTree(units: units.compactMap { unit in unit.id.map { (id: $0, parentID: unit.$parent.id, sortKey: unit.code) } })
        let position = Dictionary(tree.ordered.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
        var parentOf: [UUID: UUID] = [:]
        for unit in units { if let id = unit.id, let parent = unit.$parent.id { parentOf[id] = parent } }

        let boardUnits = recipients
            .sorted { (position[$0.$department.id] ?? .max) < (position[$1.$department.id] ?? .max) }
            .map { recipient -> CallBoard<UUID>.Unit in
                let unit = byID[recipient.$department.id]
                return CallBoard<UUID>.Unit(id: recipient.$department.id, code: unit?.code ?? "", name: unit?.name ?? "",
                                            completedAt: recipient.completedAt, completedBy: recipient.completedByName, note: recipient.note)
            }
        let projects = try await Project.query(on: db).filter(\.$municipality.$id == municipalityID)
            .filter(\.$call.$id == callID).filter(\.$archivedAt == nil).sort(\.$code).all()
        let entries = projects.map { CallBoard<UUID>.Entry(departmentID: $0.$department.id, status: $0.projectStatus) }
        return Loaded(board: CallBoard(units: boardUnits, entries: entries, parentOf: parentOf), projects: projects, departments: byID)
    }

    /// Asked and complete units per call, for the list of calls.
    func progress(of callIDs: [UUID]) async throws -> [UUID: (asked: Int, complete: Int)] {
        guard !callIDs.isEmpty else { return [:] }
        var result: [UUID: (asked: Int, complete: Int)] = [:]
        for recipient in try await CallRecipient.query(on: db).filter(\.$municipality.$id == municipalityID)
            .filter(\.$call.$id ~~ callIDs).all() {
            var entry = result[recipient.$call.id] ?? (0, 0)
            entry.asked += 1
            if recipient.completedAt != nil { entry.complete += 1 }
            result[recipient.$call.id] = entry
        }
        return result
    }

    /// The e-mail addresses of the department leads of these units (their membership names the unit).
    func leadEmails(of departmentIDs: [UUID]) async throws -> [UUID: [String]] {
        guard !departmentIDs.isEmpty else { return [:] }
        let memberships = try await Membership.query(on: db).filter(\.$municipality.$id == municipalityID)
            .filter(\.$role == MunicipalRole.departmentLead.rawValue).filter(\.$department.$id ~~ departmentIDs)
            .with(\.$user).all()
        var result: [UUID: [String]] = [:]
        for membership in memberships where membership.user.disabledAt == nil {
            guard let unit = membership.$department.id else { continue }
            if !(result[unit]?.contains(membership.user.email) ?? false) { result[unit, default: []].append(membership.user.email) }
        }
        for key in result.keys { result[key]?.sort() }
        return result
    }
}
