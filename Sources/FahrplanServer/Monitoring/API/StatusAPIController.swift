import FahrplanCore
import Fluent
import Vapor

/// Status reports, milestones and the monitoring owner of a project over JSON. `ProjectStatusService` does the
/// work, so the API keeps the web's rules: members read; the strategy team, the lead of the project's department
/// and the named owner write; a closed project takes no report (422 on `project`); a report dated in a locked
/// period is refused (422 on `reportedOn`); every write is one transaction with its audit event.
/// Milestones cannot be deleted (the service keeps them as the project's history), so there is no DELETE.
struct StatusAPIController {
    func register(on api: any RoutesBuilder) {
        let endpoints = api.apiEndpoints
        endpoints.get(.monitoring(.statusReports(project: .key)), use: reports)
        endpoints.post(.monitoring(.statusReports(project: .key)), use: createReport)
        endpoints.get(.monitoring(.milestones(project: .key)), use: milestones)
        endpoints.post(.monitoring(.milestones(project: .key)), use: createMilestone)
        endpoints.get(.monitoring(.milestone(project: .key, .key)), use: milestone)
        endpoints.put(.monitoring(.milestone(project: .key, .key)), use: updateMilestone)
        endpoints.get(.monitoring(.monitoringOwner(project: .key)), use: owner)
        endpoints.put(.monitoring(.monitoringOwner(project: .key)), use: setOwner)
    }

    private struct Scope {
        var context: MunicipalityContext
        var service: ProjectStatusService
        var project: Project

        static func load(_ req: Request) async throws -> Scope {
            let context = try await req.municipalityContext()
            let service = ProjectStatusService(db: req.db, context: context)
            return Scope(context: context, service: service, project: try await service.project(req.parameters.get("project")))
        }
    }

    func reports(_ req: Request) async throws -> ListDTO<StatusReportDTO> {
        let scope = try await Scope.load(req)
        return ListDTO(items: try await scope.service.reports(of: scope.project).map(StatusReportDTO.init))
    }

    func createReport(_ req: Request) async throws -> Response {
        let scope = try await Scope.load(req)
        let body = try req.content.decode(StatusReportWriteDTO.self)
        let row = try await MonitoringAPI.translating { try await scope.service.createReport(scope.project, body.input) }
        return try await StatusReportDTO(row).encodeResponse(status: .created, for: req)
    }

    func milestones(_ req: Request) async throws -> ListDTO<MilestoneDTO> {
        let scope = try await Scope.load(req)
        let today = scope.context.calendar.today
        return ListDTO(items: try await scope.service.milestones(of: scope.project).map { try MilestoneDTO($0, today: today) })
    }

    func createMilestone(_ req: Request) async throws -> Response {
        let scope = try await Scope.load(req)
        let body = try req.content.decode(MilestoneWriteDTO.self)
        let row = try await MonitoringAPI.translating { try await scope.service.createMilestone(scope.project, body.input) }
        let location = APIURL.monitoring(.milestone(project: .value(scope.project.id), .value(row.id))).path
        return try await MonitoringAPI.created(try MilestoneDTO(row, today: scope.context.calendar.today), at: location,
                                               version: row.version, for: req)
    }

    func milestone(_ req: Request) async throws -> Response {
        let scope = try await Scope.load(req)
        let row = try await scope.service.milestone(req.parameters.get("milestone"), of: scope.project)
        return try await VersionHeaders.respond(try MilestoneDTO(row, today: scope.context.calendar.today), version: row.version, for: req)
    }

    /// Replaces the milestone; with `If-Match` only if nobody changed it since (412 otherwise).
    func updateMilestone(_ req: Request) async throws -> Response {
        let expected = try VersionHeaders.expected(req)
        let scope = try await Scope.load(req)
        let row = try await scope.service.milestone(req.parameters.get("milestone"), of: scope.project)
        let body = try req.content.decode(MilestoneWriteDTO.self)
        try await VersionHeaders.guarded(req) {
            try await MonitoringAPI.translating {
                try await scope.service.updateMilestone(scope.project, row, body.input, expectedVersion: expected)
            }
        }
        return try await VersionHeaders.respond(try MilestoneDTO(row, today: scope.context.calendar.today), version: row.version, for: req)
    }

    func owner(_ req: Request) async throws -> MonitoringOwnerDTO {
        let scope = try await Scope.load(req)
        return try await ownerDTO(scope)
    }

    func setOwner(_ req: Request) async throws -> MonitoringOwnerDTO {
        let scope = try await Scope.load(req)
        let body = try req.content.decode(MonitoringOwnerWriteDTO.self)
        try await MonitoringAPI.translating { try await scope.service.setOwner(scope.project, body.ownerUserId) }
        return try await ownerDTO(scope)
    }

    private func ownerDTO(_ scope: Scope) async throws -> MonitoringOwnerDTO {
        let owner = try await scope.service.ownerID(of: scope.project)
        let name = try await owner.asyncMap { id in try await scope.service.members().first { $0.id == id }?.name } ?? nil
        return MonitoringOwnerDTO(projectId: try scope.project.requireID(), ownerUserId: owner, ownerName: name)
    }
}
