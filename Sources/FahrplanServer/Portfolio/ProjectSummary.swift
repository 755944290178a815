import FahrplanCore
import Fluent
import Foundation

/// The columns of a project that lists, the board and the API's list show. Read straight from the result row:
/// decoding whole `Project` models walks every property by reflection, which cost a third of a list request
/// with 2,000 projects (profiled with perf) — more than the queries themselves.
struct ProjectSummary: Sendable {
    var id: UUID
    var code: String
    var title: String
    var summary: String?
    var status: String
    var kind: String
    var departmentID: UUID?
    var totalOneOffCents: Int64
    var totalRunningCents: Int64
    var totalFTEHundredths: Int
    var archivedAt: Date?
    var updatedAt: Date?

    var projectStatus: ProjectStatus { ProjectStatus(rawValue: status) ?? .idea }
    var projectKind: ProjectKind { ProjectKind(rawValue: kind) ?? .other }

    static let columns: [FieldKey] = ["id", "code", "title", "summary", "status", "kind", "department_id",
                                      "total_one_off_cents", "total_running_cents", "total_fte_hundredths",
                                      "archived_at", "updated_at"]

    init(_ project: Project) throws {
        id = try project.requireID()
        code = project.code
        title = project.title
        summary = project.summary
        status = project.status
        kind = project.kind
        departmentID = project.$department.id
        totalOneOffCents = project.totalOneOffCents
        totalRunningCents = project.totalRunningCents
        totalFTEHundredths = project.totalFTEHundredths
        archivedAt = project.archivedAt
        updatedAt = project.updatedAt
    }

    /// `row`: a row of a `Project` query that selected at least `columns`.
    init(row: any DatabaseOutput) throws {
        let row = row.schema(Project.schema)
        id = try row.decode("id", as: UUID.self)
        code = try row.decode("code", as: String.self)
        title = try row.decode("title", as: String.self)
        summary = try row.decode("summary", as: String?.self)
        status = try row.decode("status", as: String.self)
        kind = try row.decode("kind", as: String.self)
        departmentID = try row.decode("department_id", as: UUID?.self)
        totalOneOffCents = try row.decode("total_one_off_cents", as: Int64.self)
        totalRunningCents = try row.decode("total_running_cents", as: Int64.self)
        totalFTEHundredths = try row.decode("total_fte_hundredths", as: Int.self)
        archivedAt = try row.decode("archived_at", as: Date?.self)
        updatedAt = try row.decode("updated_at", as: Date?.self)
    }
}

extension QueryBuilder where Model == Project {
    /// Runs the query for the summary columns only.
    func summaries() async throws -> [ProjectSummary] {
        for column in ProjectSummary.columns { field(.path([column], schema: Project.schema)) }
        return try await rows().map(ProjectSummary.init(row:))
    }
}
