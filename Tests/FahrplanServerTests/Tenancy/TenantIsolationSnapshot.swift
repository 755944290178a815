import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import NIOHTTP1
import Testing
import Vapor

enum TenantSnapshot {
    /// Everything of one municipality as sorted lines, to compare before and after a walk.
    static func take(_ municipalityID: UUID, on db: any Database) async throws -> [String] {
        func d(_ date: Date?) -> String { date.map { String(format: "%.3f", $0.timeIntervalSince1970) } ?? "nil" }
        func s(_ value: Any?) -> String { value.map { "\($0)" } ?? "nil" }
        var lines: [String] = []
        guard let municipality = try await Municipality.find(municipalityID, on: db) else { return ["municipality missing"] }
        lines.append("municipality slug=\(municipality.slug) name=\(municipality.name) kind=\(municipality.kind) visionTitle=\(municipality.visionTitle) "
            + "vision=\(municipality.vision) archived=\(d(municipality.archivedAt)) updated=\(d(municipality.updatedAt))")

        let elements = try await StrategyElement.query(on: db).filter(\.$municipality.$id == municipalityID).all()
        for e in elements {
            lines.append("element \(s(e.id)) kind=\(e.kind) code=\(s(e.code)) title=\(e.title) description=\(s(e.description)) "
                + "target=\(s(e.targetStatement)) year=\(s(e.targetYear)) parent=\(s(e.$parent.id)) department=\(s(e.$responsibleDepartment.id)) "
                + "position=\(e.position) archived=\(d(e.archivedAt)) updated=\(d(e.updatedAt))")
        }
        let elementIDs = Set(elements.compactMap(\.id))
        let departments = try await Department.query(on: db).filter(\.$municipality.$id == municipalityID).all()
        for unit in departments {
            lines.append("department \(s(unit.id)) code=\(unit.code) name=\(unit.name) level=\(unit.level) parent=\(s(unit.$parent.id)) "
                + "head=\(s(unit.headName)) archived=\(d(unit.archivedAt)) updated=\(d(unit.updatedAt))")
        }
        let departmentIDs = Set(departments.compactMap(\.id))
        for link in try await StrategyLink.query(on: db).all()
        where link.$municipality.id == municipalityID || elementIDs.contains(link.$from.id) || elementIDs.contains(link.$to.id) {
            lines.append("link \(s(link.id)) municipality=\(link.$municipality.id) from=\(link.$from.id) to=\(link.$to.id)")
        }
        let memberships = try await Membership.query(on: db).all()
            .filter { $0.$municipality.id == municipalityID || $0.$department.id.map(departmentIDs.contains) == true }
        for membership in memberships {
            lines.append("membership \(s(membership.id)) user=\(membership.$user.id) municipality=\(membership.$municipality.id) "
                + "role=\(membership.role) department=\(s(membership.$department.id))")
        }
        let memberIDs = Set(memberships.filter { $0.$municipality.id == municipalityID }.map(\.$user.id))
        for user in try await User.query(on: db).all() where user.id.map(memberIDs.contains) == true {
            lines.append("user \(s(user.id)) email=\(user.email) name=\(user.displayName) hash=\(user.passwordHash) "
                + "admin=\(user.isInstallationAdmin) language=\(s(user.preferredLanguage)) disabled=\(d(user.disabledAt))")
        }
        for invitation in try await Invitation.query(on: db).filter(\.$municipality.$id == municipalityID).sort(\.$createdAt).all() {
            lines.append("invitation \(s(invitation.id)) email=\(invitation.email) role=\(invitation.role) hash=\(invitation.tokenHash) "
                + "expires=\(d(invitation.expiresAt)) accepted=\(d(invitation.acceptedAt)) revoked=\(d(invitation.revokedAt))")
        }
        let tokens = try await APIToken.query(on: db).all().filter { $0.$municipality.id == municipalityID || memberIDs.contains($0.$user.id) }
        for token in tokens {
            lines.append("token \(s(token.id)) user=\(token.$user.id) municipality=\(token.$municipality.id) name=\(token.name) revoked=\(d(token.revokedAt))")
        }
        let projects = try await projectLines(municipalityID, elementIDs: elementIDs, on: db)
        lines += projects.lines
        let calls = try await callLines(municipalityID, on: db)
        lines += calls.lines
        lines += try await stagedImportLines(municipalityID, on: db)
        lines += try await surveyLines(municipalityID, on: db)
        lines += try await maturityQuestionnaireLines(municipalityID, on: db)
        let prioritization = try await prioritizationLines(municipalityID, on: db)
        lines += prioritization.lines
        for plan in try await RoadmapPlan.query(on: db).filter(\.$municipality.$id == municipalityID).all() {
            lines.append("plan \(s(plan.id)) name=\(plan.name) periods=\(plan.periodCount) discount=\(plan.discount) archived=\(d(plan.archivedAt)) "
                + "updated=\(d(plan.updatedAt))")
        }
        lines.append("plan budget lines: \(try await PlanBudgetLine.query(on: db).filter(\.$municipality.$id == municipalityID).count())")
        lines.append("plan starts: \(try await PlanStart.query(on: db).filter(\.$municipality.$id == municipalityID).count())")
        lines.append("plan frontiers: \(try await PlanFrontier.query(on: db).filter(\.$municipality.$id == municipalityID).all().map(\.problemDigest).sorted())")
        lines.append("plan settings: \(try await PlanProjectSetting.query(on: db).filter(\.$municipality.$id == municipalityID).count())")
        for cycle in try await UpdateCycleRow.query(on: db).filter(\.$municipality.$id == municipalityID).all() {
            lines.append("update cycle \(s(cycle.id)) kind=\(cycle.subjectKind) interval=\(cycle.interval) deadline=\(cycle.deadlineDays) start=\(cycle.startDate)")
        }
        for lock in try await MonitoringPeriodLock.query(on: db).filter(\.$municipality.$id == municipalityID).all() {
            lines.append("period lock \(s(lock.id)) kind=\(lock.subjectKind) \(lock.periodStart)..\(lock.periodEnd)")
        }
        lines += try await statusLines(municipalityID, on: db)
        lines.append("reminders: \(try await MonitoringReminder.query(on: db).filter(\.$municipality.$id == municipalityID).count())")
        let about = elementIDs.union(departmentIDs).union(memberIDs).union(tokens.compactMap(\.id)).union([municipalityID]).union(projects.ids)
            .union(calls.ids).union(prioritization.ids)
        let events = try await AuditEvent.query(on: db).all()
        lines.append("audit events of the municipality: \(events.filter { $0.$municipality.id == municipalityID }.count)")
        lines.append("audit events about its rows: \(events.filter { $0.entityID.map(about.contains) == true }.count)")
        lines += try await newsletterLines(municipalityID, on: db)
        lines += try await strategyVersionLines(municipalityID, on: db)
        return lines.sorted()
    }

    static func diff(_ before: [String], _ after: [String]) -> String {
        let gone = before.filter { !after.contains($0) }.map { "- " + $0 }
        let new = after.filter { !before.contains($0) }.map { "+ " + $0 }
        return (gone + new).joined(separator: "\n")
    }

    /// Rows that reference a row of another municipality, anywhere in the installation.
    static func crossReferences(on db: any Database) async throws -> [String] {
        var found: [String] = []
        let elements = try await StrategyElement.query(on: db).all()
        let elementOwner = Dictionary(elements.compactMap { e in e.id.map { ($0, e.$municipality.id) } }, uniquingKeysWith: { a, _ in a })
        let departments = try await Department.query(on: db).all()
        let departmentOwner = Dictionary(departments.compactMap { d in d.id.map { ($0, d.$municipality.id) } }, uniquingKeysWith: { a, _ in a })
        for e in elements {
            let own = e.$municipality.id
            if let parent = e.$parent.id, elementOwner[parent] != own { found.append("element \(e.title) has parent \(parent) of another municipality") }
            if let unit = e.$responsibleDepartment.id, departmentOwner[unit] != own { found.append("element \(e.title) names department \(unit) of another municipality") }
        }
        for unit in departments {
            if let parent = unit.$parent.id, departmentOwner[parent] != unit.$municipality.id { found.append("department \(unit.name) hangs under \(parent) of another municipality") }
        }
        for link in try await StrategyLink.query(on: db).all() {
            let own = link.$municipality.id
            if elementOwner[link.$from.id] != own || elementOwner[link.$to.id] != own { found.append("link \(link.$from.id) → \(link.$to.id) crosses municipalities") }
        }
        let memberships = try await Membership.query(on: db).all()
        for membership in memberships {
            if let unit = membership.$department.id, departmentOwner[unit] != membership.$municipality.id {
                found.append("membership of \(membership.$user.id) names department \(unit) of another municipality")
            }
        }
        let admins = Set(try await User.query(on: db).filter(\.$isInstallationAdmin == true).all().compactMap(\.id))
        for token in try await APIToken.query(on: db).filter(\.$revokedAt == nil).all() where !admins.contains(token.$user.id) {
            if !memberships.contains(where: { $0.$user.id == token.$user.id && $0.$municipality.id == token.$municipality.id }) {
                found.append("token \(token.name) of \(token.$user.id) is for a municipality the person has no role in")
            }
        }
        found += try await projectCrossReferences(elementOwner: elementOwner, departmentOwner: departmentOwner, on: db)
        found += try await callCrossReferences(departmentOwner: departmentOwner, on: db)
        found += try await prioritizationCrossReferences(on: db)
        return found
    }
}
