import FahrplanCore
import Fluent
import Foundation
import Vapor

/// Update cycles, what is due, the late list, period locks and in-app reminders of one municipality. The web
/// pages and the API call the same methods, so they share limits, permissions and errors.
struct UpdateCycleService {
    var db: any Database
    var context: MunicipalityContext
    /// The capabilities' subject sources (`Application.monitoringSubjectSources`).
    var sources: [MonitoringSubjectSource]
    /// Keeps the evaluated items per municipality state and day (`DueItemsCache`); nil evaluates every time.
    var dueItems: DueItemsCache?

    init(db: any Database, context: MunicipalityContext, sources: [MonitoringSubjectSource], dueItems: DueItemsCache? = nil) {
        self.db = db
        self.context = context
        self.sources = sources
        self.dueItems = dueItems
    }

    init(_ req: Request, context: MunicipalityContext) {
        self.init(db: req.db, context: context, sources: req.application.monitoringSubjectSources, dueItems: req.application.dueItemsCache)
    }

    /// What the kept items of this request's municipality state are filed under.
    var dueItemsKey: String { context.cacheKey("due", today.iso) }

    var today: CalendarDay { context.calendar.today }
    var municipalityID: UUID { context.municipalityID }

    // MARK: cycles

    func cycles() async throws -> [UpdateCycleRow] {
        try await UpdateCycleRow.query(on: db).filter(\.$municipality.$id == municipalityID).all()
            .sorted { $0.subjectKind > $1.subjectKind }
    }

    func cycle(_ id: String?) async throws -> UpdateCycleRow {
        try await context.find(UpdateCycleRow.self, id, on: db, municipalityKey: \.$municipality.$id)
    }

    static let auditedFields = ["subjectKind", "interval", "deadlineDays", "startDate", "ownerRule", "namedOwnerId"]

    static func snapshot(_ cycle: UpdateCycle?) -> [String: String?] {
        guard let cycle else { return [:] }
        return ["subjectKind": cycle.kind.rawValue, "interval": cycle.interval.rawValue, "deadlineDays": String(cycle.deadlineDays),
                "startDate": cycle.startDate.iso, "ownerRule": cycle.ownerRule.rawValue,
                "namedOwnerId": cycle.namedOwnerID?.uuidString.lowercased()]
    }

    /// Creates a cycle (`existing` nil) or changes one. A second cycle for the same kind is refused on `kind`;
    /// the named person must be a member of the municipality.
    @discardableResult
    func save(_ input: UpdateCycleInput, existing: UpdateCycleRow? = nil) async throws -> UpdateCycleRow {
        try context.require(context.permissions.canManageUpdateCycles)
        let cycle = try input.validated()
        if let owner = cycle.namedOwnerID {
            let member = try await Membership.query(on: db).filter(\.$municipality.$id == municipalityID)
                .filter(\.$user.$id == owner).first()
            if member == nil { throw ValidationFailure([FieldProblem("namedOwnerId", .unknownReference)]) }
        }
        let municipalityID = municipalityID
        let actor = context.user
        return try await db.writeTransaction { db in
            let clash = try await UpdateCycleRow.query(on: db).filter(\.$municipality.$id == municipalityID)
                .filter(\.$subjectKind == cycle.kind.rawValue).first()
            if let clash, clash.id != existing?.id { throw ValidationFailure([FieldProblem("subjectKind", .alreadyTaken)]) }
            let before = Self.snapshot(existing?.cycle)
            let row = existing ?? UpdateCycleRow(municipalityID: municipalityID, cycle: cycle)
            row.apply(cycle)
            try await row.save(on: db)
            try await AuditTrail.record(on: db, municipalityID: municipalityID, actor: actor,
                                        action: existing == nil ? .create : .update, entityType: "updateCycle",
                                        entityID: row.id, label: Self.label(cycle.kind),
                                        changes: FieldChange.between(before, Self.snapshot(cycle), fields: Self.auditedFields))
            return row
        }
    }

    func delete(_ row: UpdateCycleRow) async throws {
        try context.require(context.permissions.canManageUpdateCycles)
        let municipalityID = municipalityID
        let actor = context.user
        try await db.writeTransaction { db in
            try await row.delete(on: db)
            try await AuditTrail.record(on: db, municipalityID: municipalityID, actor: actor, action: .delete,
                                        entityType: "updateCycle", entityID: row.id, label: Self.label(MonitoringSubjectKind(rawValue: row.subjectKind) ?? .projectStatus))
        }
    }

    static func label(_ kind: MonitoringSubjectKind) -> String {
        switch kind {
        case .projectStatus: return "Aktualisierungszyklus Statusberichte"
        case .kpiMeasurement: return "Aktualisierungszyklus Kennzahlen"
        }
    }

    // MARK: due items

    /// One subject's standing, with what the page and the API show of it.
    struct Item: Sendable {
        var subject: UpdateSubject
        var due: DueUpdate
        var interval: UpdateInterval
    }

    /// Every subject's standing today under the municipality's cycles (subjects of a kind without a cycle: none).
    func items() async throws -> [Item] {
        guard let dueItems else { return try await evaluatedItems() }
        let key = dueItemsKey
        if let kept = dueItems.items(key, of: municipalityID) { return kept }
        let items = try await evaluatedItems()
        dueItems.store(items, key, of: municipalityID)
        return items
    }

    private func evaluatedItems() async throws -> [Item] {
        let cycles = try await cycles().compactMap(\.cycle)
        guard !cycles.isEmpty else { return [] }
        var subjects: [UpdateSubject] = []
        for source in sources { subjects += try await source(db, municipalityID) }
        let byID = Dictionary(subjects.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let today = today
        return cycles.flatMap { cycle in
            DueUpdates.evaluate(cycle, subjects: subjects.map(\.monitored), today: today).compactMap { due in
                byID[due.subject.id].map { Item(subject: $0, due: due, interval: cycle.interval) }
            }
        }
    }

    /// What the signed-in person owes: open and late items first by due date, then what is done this period.
    func dueForMe() async throws -> [Item] {
        dueForMe(in: try await items())
    }

    /// `dueForMe()` from items already evaluated (the start page delivers reminders from the same items).
    func dueForMe(in items: [Item]) -> [Item] {
        let me = context.user.id
        return items.filter { $0.due.ownerID == me }.sorted {
            ($0.due.state == .done ? 1 : 0, $0.due.dueDate, $0.subject.title) < ($1.due.state == .done ? 1 : 0, $1.due.dueDate, $1.subject.title)
        }
    }

    /// The late list: late items grouped by owner with the owner's name (nil: nobody named).
    func lateList() async throws -> [(owner: User?, items: [Item])] {
        try context.require(context.permissions.canManageUpdateCycles)
        let items = try await items()
        let byKey = Dictionary(items.map { ("\($0.due.subject.kind.rawValue):\($0.due.subject.id)", $0) }, uniquingKeysWith: { a, _ in a })
        let groups = DueUpdates.lateByOwner(items.map(\.due))
        let ownerIDs = groups.compactMap(\.ownerID)
        let users = ownerIDs.isEmpty ? [] : try await User.query(on: db).filter(\.$id ~~ ownerIDs).all()
        let usersByID = Dictionary(users.compactMap { user in user.id.map { ($0, user) } }, uniquingKeysWith: { a, _ in a })
        return groups.map { group in
            (owner: group.ownerID.flatMap { usersByID[$0] },
             items: group.items.compactMap { byKey["\($0.subject.kind.rawValue):\($0.subject.id)"] })
        }
    }

    /// The municipality's members, for choosing a named person.
    func members() async throws -> [User] {
        try await Membership.query(on: db).filter(\.$municipality.$id == municipalityID).with(\.$user).all()
            .map(\.user).sorted { $0.displayName < $1.displayName }
    }

    // MARK: locks

    func locks() async throws -> [MonitoringPeriodLock] {
        try await MonitoringPeriodLock.query(on: db).filter(\.$municipality.$id == municipalityID)
            .sort(\.$periodStart, .descending).all()
    }

    /// Locks the period of the kind's cycle that contains `day` (the cycle's interval decides its length).
    @discardableResult
    func lock(kind rawKind: String?, day rawDay: String?) async throws -> MonitoringPeriodLock {
        try context.require(context.permissions.canManageUpdateCycles)
        var v = Validator()
        let kind = CleanText.normalize(rawKind, multiline: false).flatMap(MonitoringSubjectKind.init(rawValue:))
        if kind == nil { v.add("subjectKind", CleanText.normalize(rawKind, multiline: false) == nil ? .required : .invalidChoice) }
        let day = CleanText.normalize(rawDay, multiline: false).flatMap(CalendarDay.init(parsing:))
        if day == nil { v.add("day", CleanText.normalize(rawDay, multiline: false) == nil ? .required : .invalidDate) }
        try v.finish()
        guard let cycle = try await cycles().first(where: { $0.subjectKind == kind!.rawValue })?.cycle else {
            throw ValidationFailure([FieldProblem("subjectKind", .unknownReference)])
        }
        let period = UpdatePeriod.containing(day!, interval: cycle.interval)
        if let problem = PeriodLockRules.problemLocking(period, today: today, field: "day") { throw ValidationFailure([problem]) }
        let municipalityID = municipalityID
        let actor = context.user
        return try await db.writeTransaction { db in
            let overlapping = try await MonitoringPeriodLock.query(on: db).filter(\.$municipality.$id == municipalityID)
                .filter(\.$subjectKind == kind!.rawValue).filter(\.$periodStart <= period.end.iso)
                .filter(\.$periodEnd >= period.start.iso).first()
            if overlapping != nil { throw ValidationFailure([FieldProblem("day", .alreadyTaken)]) }
            let row = MonitoringPeriodLock(municipalityID: municipalityID, lock: PeriodLock(kind: kind!, period: period),
                                           lockedByName: actor.displayName)
            try await row.create(on: db)
            try await AuditTrail.record(on: db, municipalityID: municipalityID, actor: actor, action: .create,
                                        entityType: "periodLock", entityID: row.id,
                                        label: "\(Self.label(kind!)): \(period.start.german) – \(period.end.german)")
            return row
        }
    }

    func lockRow(_ id: String?) async throws -> MonitoringPeriodLock {
        try await context.find(MonitoringPeriodLock.self, id, on: db, municipalityKey: \.$municipality.$id)
    }

    func unlock(_ row: MonitoringPeriodLock) async throws {
        try context.require(context.permissions.canManageUpdateCycles)
        let municipalityID = municipalityID
        let actor = context.user
        try await db.writeTransaction { db in
            try await row.delete(on: db)
            try await AuditTrail.record(on: db, municipalityID: municipalityID, actor: actor, action: .delete,
                                        entityType: "periodLock", entityID: row.id,
                                        label: "\(Self.label(MonitoringSubjectKind(rawValue: row.subjectKind) ?? .projectStatus)): \(row.periodStart) – \(row.periodEnd)")
        }
    }
}
