import FahrplanCore
import Fluent
import Foundation

/// Loads the demo portfolio — calls for projects and project profiles with their money, staff, links,
/// dependencies and status history — in the demo's transaction.
struct DemoPortfolioLoader {
    var db: any Database
    var municipalityID: UUID
    var departmentIDs: [String: UUID]
    var elementIDs: [String: UUID]
    var calendar: MunicipalCalendar

    func load(_ content: DemoMunicipality) async throws {
        let now = calendar.now()
        let today = calendar.day(of: now)
        // Call dates move with the day the demo is loaded, so the open call is still open.
        let shift = CalendarDay(iso: DemoMunicipality.musterstadtReferenceDay).map { Self.days(from: $0, to: today) } ?? 0
        var callIDs: [String: UUID] = [:]
        for demo in content.calls {
            let call = CallForProjects()
            call.$municipality.id = municipalityID
            call.title = demo.title
            call.message = demo.message
            call.opensOn = Self.shifted(demo.opensOn, by: shift)
            call.deadline = Self.shifted(demo.deadline, by: shift)
            call.createdByName = "Stabsstelle Digitalisierung"
            if let deadline = CalendarDay(iso: call.deadline), deadline < today { call.closedAt = now }
            try await call.create(on: db)
            let callID = try call.requireID()
            callIDs[demo.code] = callID
            for code in demo.departmentCodes {
                guard let departmentID = departmentIDs[code] else { continue }
                let recipient = CallRecipient(municipalityID: municipalityID, callID: callID, departmentID: departmentID)
                if demo.completedDepartmentCodes.contains(code) {
                    recipient.completedAt = now
                    recipient.completedByName = content.departments.first { $0.code == code }?.headName
                }
                try await recipient.create(on: db)
            }
        }

        var projectIDs: [String: UUID] = [:]
        for demo in content.projects { projectIDs[demo.code] = UUID() }
        var projects: [Project] = [], links: [ProjectStrategyLink] = [], costs: [ProjectCost] = []
        var effort: [ProjectEffort] = [], dependencies: [ProjectDependency] = [], history: [ProjectStatusChangeRecord] = []
        for demo in content.projects {
            let id = projectIDs[demo.code]!
            let project = Project(municipalityID: municipalityID, code: demo.code)
            project.id = id
            // The same derived columns (totals, search text) as every other write: through ProjectDraft.apply.
            let resolvedEffort = demo.effort.compactMap { line in
                departmentIDs[line.departmentCode].map { ProjectDraft.ResolvedEffort(departmentID: $0, year: line.year, fteHundredths: line.fteHundredths) }
            }
            let values = ProjectValues.stored(
                code: demo.code, title: demo.title, summary: demo.summary, description: demo.description, departmentID: demo.departmentCode,
                responsiblePerson: demo.responsiblePerson, kind: demo.kind, legalObligation: demo.legalObligation,
                legalReference: demo.legalReference, legalDeadline: demo.legalDeadline.flatMap(CalendarDay.init(iso:)),
                administrativeService: demo.administrativeService, beneficiaries: demo.beneficiaries,
                benefitDescription: demo.benefitDescription, hoursSavedPerYear: demo.hoursSavedPerYear,
                citizenHoursSavedPerYear: demo.citizenHoursSavedPerYear, businessHoursSavedPerYear: demo.businessHoursSavedPerYear,
                startOn: demo.startOn.flatMap(CalendarDay.init(iso:)), endOn: demo.endOn.flatMap(CalendarDay.init(iso:)),
                risks: demo.risks, tags: demo.tags, costs: demo.costs)
            // The demo's own tests check every unit code; a wrong one must stop the load, not leave an empty project.
            guard let department = departmentIDs[demo.departmentCode] else {
                throw FahrplanError.badRequest("Demo project \(demo.code) names the unknown unit \(demo.departmentCode)")
            }
            ProjectDraft.apply(values, department: department, effort: resolvedEffort, to: project)
            project.status = demo.status.rawValue
            project.$call.id = demo.inCallCode.flatMap { callIDs[$0] }
            var previous: ProjectStatus?
            for step in demo.history {
                history.append(ProjectStatusChangeRecord(
                    municipalityID: municipalityID, projectID: id, from: previous, to: step.to, reason: step.reason,
                    at: now.addingTimeInterval(-Double(step.daysAgo) * 86_400), byID: nil,
                    byName: previous == nil ? demo.responsiblePerson : "Stabsstelle Digitalisierung"))
                previous = step.to
            }
            project.statusChangedAt = history.last?.changedAt
            projects.append(project)
            links += demo.strategyCodes.compactMap { elementIDs[$0] }.map { ProjectStrategyLink(municipalityID: municipalityID, projectID: id, elementID: $0) }
            costs += demo.costs.map { ProjectCost(municipalityID: municipalityID, projectID: id, line: $0) }
            effort += resolvedEffort.map {
                ProjectEffort(municipalityID: municipalityID, projectID: id, departmentID: $0.departmentID, year: $0.year, fteHundredths: $0.fteHundredths)
            }
            dependencies += demo.dependsOn.compactMap { projectIDs[$0] }.map { ProjectDependency(municipalityID: municipalityID, projectID: id, dependsOnID: $0) }
        }
        try await BulkInsert.insert(projects, on: db)
        try await BulkInsert.insert(links, on: db)
        try await BulkInsert.insert(costs, on: db)
        try await BulkInsert.insert(effort, on: db)
        try await BulkInsert.insert(dependencies, on: db)
        try await BulkInsert.insert(history, on: db)
    }

    static func days(from start: CalendarDay, to end: CalendarDay) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        func date(_ day: CalendarDay) -> Date { calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day))! }
        return calendar.dateComponents([.day], from: date(start), to: date(end)).day ?? 0
    }

    static func shifted(_ iso: String, by days: Int) -> String {
        guard days != 0, let day = CalendarDay(iso: iso) else { return iso }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let date = calendar.date(byAdding: .day, value: days, to: calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day))!)!
        return CalendarDay(date, timeZone: calendar.timeZone)?.iso ?? iso
    }
}
