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

    func load(_ content: DemoMunicipality) async throws {
        let now = Date()
        // Call dates move with the day the demo is loaded, so the open call is still open.
        let shift = CalendarDay(iso: DemoMunicipality.musterstadtReferenceDay).map { reference in
            (CalendarDay(now, timeZone: TimeZone(identifier: "Europe/Berlin")!).map { Self.days(from: reference, to: $0) } ?? 0)
        } ?? 0
        var callIDs: [String: UUID] = [:]
        for demo in content.calls {
            let call = CallForProjects()
            call.$municipality.id = municipalityID
            call.title = demo.title
            call.message = demo.message
            call.opensOn = Self.shifted(demo.opensOn, by: shift)
            call.deadline = Self.shifted(demo.deadline, by: shift)
            call.createdByName = "Stabsstelle Digitalisierung"
            if let deadline = CalendarDay(iso: call.deadline), let today = CalendarDay(now, timeZone: TimeZone(identifier: "Europe/Berlin")!),
               deadline < today { call.closedAt = now }
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
            project.title = demo.title
            project.summary = demo.summary
            project.description = demo.description
            project.$department.id = departmentIDs[demo.departmentCode]
            project.responsiblePerson = demo.responsiblePerson
            project.kind = demo.kind.rawValue
            project.legalObligation = demo.legalObligation
            project.legalReference = demo.legalReference
            project.legalDeadline = demo.legalDeadline
            project.administrativeService = demo.administrativeService
            project.beneficiaries = demo.beneficiaries.map(\.rawValue).joined(separator: ",")
            project.benefitDescription = demo.benefitDescription
            project.hoursSavedPerYear = demo.hoursSavedPerYear
            project.startOn = demo.startOn
            project.endOn = demo.endOn
            project.risks = demo.risks
            project.tags = demo.tags.joined(separator: "\n")
            project.status = demo.status.rawValue
            project.$call.id = demo.inCallCode.flatMap { callIDs[$0] }
            project.totalOneOffCents = demo.costs.reduce(0) { $0 + $1.oneOffCents }
            project.totalRunningCents = demo.costs.reduce(0) { $0 + $1.runningCents }
            project.totalFTEHundredths = demo.effort.reduce(0) { $0 + $1.fteHundredths }
            project.searchText = ProjectDraft.searchText(project)
            var previous: ProjectStatus?
            for step in demo.history {
                let record = ProjectStatusChangeRecord()
                record.$municipality.id = municipalityID
                record.$project.id = id
                record.fromStatus = previous?.rawValue
                record.toStatus = step.to.rawValue
                record.reason = step.reason
                record.changedAt = now.addingTimeInterval(-Double(step.daysAgo) * 86_400)
                record.changedByName = previous == nil ? demo.responsiblePerson : "Stabsstelle Digitalisierung"
                history.append(record)
                previous = step.to
            }
            project.statusChangedAt = history.last?.changedAt
            projects.append(project)
            links += demo.strategyCodes.compactMap { elementIDs[$0] }.map { ProjectStrategyLink(municipalityID: municipalityID, projectID: id, elementID: $0) }
            costs += demo.costs.map { ProjectCost(municipalityID: municipalityID, projectID: id, line: $0) }
            effort += demo.effort.compactMap { line in
                departmentIDs[line.departmentCode].map {
                    ProjectEffort(municipalityID: municipalityID, projectID: id, departmentID: $0, year: line.year, fteHundredths: line.fteHundredths)
                }
            }
            dependencies += demo.dependsOn.compactMap { projectIDs[$0] }.map { ProjectDependency(municipalityID: municipalityID, projectID: id, dependsOnID: $0) }
        }
        try await projects.create(on: db)
        try await links.create(on: db)
        try await costs.create(on: db)
        try await effort.create(on: db)
        try await dependencies.create(on: db)
        try await history.create(on: db)
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
