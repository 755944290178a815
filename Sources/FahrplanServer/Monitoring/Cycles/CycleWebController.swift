import FahrplanCore
import Fluent
import Vapor

/// The update cycles in the browser: the strategy team's settings page (cycles and locks), the late list, the
/// person's reminders, and the "Due for me" section of the municipality's start page.
struct CycleWebController {
    func register(on routes: any RoutesBuilder) {
        let pages = routes.municipalityPages
        pages.get(.updateCycles(), use: list)
        pages.post(.updateCycles(), use: create)
        pages.get(.updateCycle(.key), use: editForm)
        pages.post(.updateCycle(.key), use: update)
        pages.post(.updateCycle(.key, .delete), use: delete)
        pages.get(.updateCycles(.late), use: lateList)
        pages.post(.updateCycles(.locks), use: lock)
        pages.post(.periodLock(.key, .unlock), use: unlock)
        pages.post(.updateCycles(.reminders), use: markRead)
    }

    struct CycleForm: Content {
        var subjectKind: String?
        var interval: String?
        var deadlineDays: String?
        var startDate: String?
        var ownerRule: String?
        var namedOwnerId: String?

        var input: UpdateCycleInput {
            UpdateCycleInput(kind: subjectKind, interval: interval, deadlineDays: deadlineDays, startDate: startDate,
                             ownerRule: ownerRule, namedOwnerID: namedOwnerId)
        }

        var values: CycleFormValues {
            var v = CycleFormValues()
            v.subjectKind = subjectKind ?? ""; v.interval = interval ?? ""; v.deadlineDays = deadlineDays ?? ""
            v.startDate = startDate ?? ""; v.ownerRule = ownerRule ?? ""; v.namedOwnerId = namedOwnerId ?? ""
            return v
        }
    }

    struct LockForm: Content {
        var subjectKind: String?
        var day: String?
    }

    // MARK: settings page

    func list(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        let notice = ["saved", "deleted", "locked", "unlocked"].first { req.query[String.self, at: $0] != nil }.map { req.t("cyc.\($0)") }
        return try await render(req, context, values: CycleFormValues(), lock: LockForm(), problems: [], failedForm: "", notice: notice)
    }

    func create(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        return try await req.handleForm(CycleForm.self, permission: context.permissions.canManageUpdateCycles, perform: { form in
            try await UpdateCycleService(req, context: context).save(form.input)
        }, onInvalid: { form, problems in
            try await render(req, context, values: form.values, lock: LockForm(), problems: problems, failedForm: "cycle", notice: nil)
        }, success: { _ in SiteURL.municipality(context.municipality.slug, .updateCycles()).path(query: "saved=1") })
    }

    func lock(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        return try await req.handleForm(LockForm.self, permission: context.permissions.canManageUpdateCycles, perform: { form in
            try await UpdateCycleService(req, context: context).lock(kind: form.subjectKind, day: form.day)
        }, onInvalid: { form, problems in
            try await render(req, context, values: CycleFormValues(), lock: form, problems: problems, failedForm: "lock", notice: nil)
        }, success: { _ in SiteURL.municipality(context.municipality.slug, .updateCycles()).path(query: "locked=1") })
    }

    func unlock(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        try context.require(context.permissions.canManageUpdateCycles)
        let service = UpdateCycleService(req, context: context)
        try await service.unlock(try await service.lockRow(req.parameters.get("lock")))
        return req.redirect(to: SiteURL.municipality(context.municipality.slug, .updateCycles()).path(query: "unlocked=1"))
    }

    private func render(_ req: Request, _ context: MunicipalityContext, values: CycleFormValues, lock: LockForm,
                        problems: [FieldProblem], failedForm: String, notice: String?) async throws -> View {
        let slug = context.municipality.slug
        let service = UpdateCycleService(req, context: context)
        let canManage = context.permissions.canManageUpdateCycles
        let members = canManage ? try await service.members() : []
        let names = Dictionary(members.compactMap { user in user.id.map { ($0, user.displayName) } }, uniquingKeysWith: { a, _ in a })
        let cycles = try await service.cycles().compactMap { row -> CycleRowView? in
            guard let cycle = row.cycle, let id = row.id else { return nil }
            return CycleRowView(kind: req.t("cyc.kind.\(cycle.kind.rawValue)"), interval: req.t("cyc.interval.\(cycle.interval.rawValue)"),
                                deadlineDays: cycle.deadlineDays, startDate: cycle.startDate.german,
                                owner: cycle.ownerRule == .namedPerson ? (cycle.namedOwnerID.flatMap { names[$0] } ?? "–") : req.t("cyc.ownerRule.subjectOwner"),
                                editURL: canManage ? SiteURL.municipality(slug, .updateCycle(.value(id))).path : nil)
        }
        let locks = try await service.locks().compactMap { row -> LockRowView? in
            guard let lock = row.lock, let id = row.id else { return nil }
            return LockRowView(kind: req.t("cyc.kind.\(lock.kind.rawValue)"), period: "\(lock.period.start.german) – \(lock.period.end.german)",
                               lockedBy: row.lockedByName ?? "–",
                               unlockURL: canManage ? SiteURL.municipality(slug, .periodLock(.value(id), .unlock)).path : nil)
        }
        let (lines, byField) = req.problemLines(problems)
        return try await req.view.render("monitoring/cycles", UpdateCyclesPageView(
            chrome: context.chrome(req, title: req.t("cyc.title"), section: "cycles"),
            notice: notice, cycles: cycles, lateURL: SiteURL.municipality(slug, .updateCycles(.late)).path,
            createAction: canManage ? SiteURL.municipality(slug, .updateCycles()).path : nil,
            values: values, options: CycleFormOptions(values, members: members, req), locks: locks,
            lockAction: canManage ? SiteURL.municipality(slug, .updateCycles(.locks)).path : nil,
            lockKind: lock.subjectKind ?? "", lockDay: lock.day ?? "",
            kindOptions: MonitoringSubjectKind.allCases.map { Option(value: $0.rawValue, label: req.t("cyc.kind.\($0.rawValue)"), selected: $0.rawValue == lock.subjectKind) },
            problems: lines, fieldErrors: byField, failedForm: failedForm))
    }

    // MARK: one cycle

    func editForm(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        try context.require(context.permissions.canManageUpdateCycles)
        let row = try await UpdateCycleService(req, context: context).cycle(req.parameters.get("cycle"))
        return try await renderEdit(req, context, row, values: row.cycle.map(CycleFormValues.init) ?? CycleFormValues(), problems: [])
    }

    func update(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        let service = UpdateCycleService(req, context: context)
        let row = try await service.cycle(req.parameters.get("cycle"))
        return try await req.handleForm(CycleForm.self, permission: context.permissions.canManageUpdateCycles, perform: { form in
            try await service.save(form.input, existing: row)
        }, onInvalid: { form, problems in
            try await renderEdit(req, context, row, values: form.values, problems: problems)
        }, success: { _ in SiteURL.municipality(context.municipality.slug, .updateCycles()).path(query: "saved=1") })
    }

    func delete(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        try context.require(context.permissions.canManageUpdateCycles)
        let service = UpdateCycleService(req, context: context)
        try await service.delete(try await service.cycle(req.parameters.get("cycle")))
        return req.redirect(to: SiteURL.municipality(context.municipality.slug, .updateCycles()).path(query: "deleted=1"))
    }

    private func renderEdit(_ req: Request, _ context: MunicipalityContext, _ row: UpdateCycleRow, values: CycleFormValues,
                            problems: [FieldProblem]) async throws -> View {
        let slug = context.municipality.slug
        let id = try row.requireID()
        let members = try await UpdateCycleService(req, context: context).members()
        let (lines, byField) = req.problemLines(problems)
        return try await req.view.render("monitoring/cycle-edit", CycleEditPageView(
            chrome: context.chrome(req, title: req.t("cyc.edit"), section: "cycles"),
            cyclesURL: SiteURL.municipality(slug, .updateCycles()).path,
            action: SiteURL.municipality(slug, .updateCycle(.value(id))).path,
            deleteAction: SiteURL.municipality(slug, .updateCycle(.value(id), .delete)).path,
            values: values, options: CycleFormOptions(values, members: members, req), problems: lines, fieldErrors: byField))
    }

    // MARK: late list, reminders

    func lateList(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        let groups = try await UpdateCycleService(req, context: context).lateList()
        return try await req.view.render("monitoring/late", LateListPageView(
            chrome: context.chrome(req, title: req.t("cyc.lateTitle"), section: "cycles"),
            cyclesURL: SiteURL.municipality(context.municipality.slug, .updateCycles()).path,
            groups: groups.map { LateGroupView(owner: $0.owner?.displayName ?? req.t("cyc.noOwner"), items: $0.items.map { DueItemView($0, req) }) }))
    }

    func markRead(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        try await ReminderDelivery(service: UpdateCycleService(req, context: context)).markRead(for: context.user.id)
        return req.redirect(to: SiteURL.municipality(context.municipality.slug).path)
    }

    /// The start page's section (`Application.startPageSlots`): delivers the day's reminders first, so a person
    /// sees theirs even where no background job runs. nil when there is nothing to show and no cycle to manage.
    static func dueForMe(_ req: Request, _ context: MunicipalityContext) async throws -> String? {
        let service = UpdateCycleService(req, context: context)
        let delivery = ReminderDelivery(service: service)
        // One evaluation of every subject for both (it reads every project's and KPI's newest update).
        let all = try await service.items()
        // Once per municipality state and day (`DueItemsCache`): the same items give the same reminders.
        let key = service.dueItemsKey
        if service.dueItems?.wasDelivered(key, of: context.municipalityID) != true {
            try await delivery.deliver(all)
            service.dueItems?.markDelivered(key, of: context.municipalityID)
        }
        let items = service.dueForMe(in: all)
        let reminders = try await delivery.reminders(for: context.user.id)
        let canManage = context.permissions.canManageUpdateCycles
        guard !items.isEmpty || !reminders.isEmpty || canManage else { return nil }
        let slug = context.municipality.slug
        let unread = reminders.filter { $0.readAt == nil }.count
        let view = try await req.view.render("monitoring/due-for-me", DueForMeSection(
            chrome: context.chrome(req, title: "", section: "strategy"),
            items: items.map { DueItemView($0, req) },
            reminders: reminders.map {
                ReminderView(label: req.t("cyc.reminder.\($0.kind)"), title: $0.title, url: $0.url,
                             dueDate: CalendarDay(iso: $0.dueDate)?.german ?? $0.dueDate, unread: $0.readAt == nil)
            },
            unread: unread,
            markReadAction: unread > 0 ? SiteURL.municipality(slug, .updateCycles(.reminders)).path : nil,
            manageURL: canManage ? SiteURL.municipality(slug, .updateCycles()).path : nil,
            lateURL: canManage ? SiteURL.municipality(slug, .updateCycles(.late)).path : nil))
        return String(buffer: view.data)
    }
}
