import FahrplanCore
import Fluent
import FluentSQL
import SQLKit
import Foundation
import Vapor

/// What the portfolio list is narrowed to: the search box and the filters, as they come in the query string.
struct PortfolioFilter: Content, Sendable {
    var q: String?
    var department: String?
    var status: String?
    /// A goal, field of action or program; its descendants count too (a project for goal Z1.1 is in HF1).
    var element: String?
    var kind: String?
    /// Euros, as typed.
    var costMin: String?
    var costMax: String?
    var archived: String?
    var sort: String?
    var page: Int?

    var includeArchived: Bool { archived == "1" }
    static let pageSize = 50
    static let sorts = ["code", "title", "status", "cost", "updated"]
}

/// Runs the portfolio queries: one page of a filtered list, and all matching projects for the board and
/// the export. Filtering happens in SQL so that 2,000 projects stay fast.
struct PortfolioListing {
    var db: any Database
    var context: MunicipalityContext
    var snapshot: StrategySnapshot

    struct Page {
        var projects: [ProjectSummary]
        var total: Int
        var page: Int
        var pageCount: Int
    }

    /// `pageSize`: the web list shows 50; API clients may ask for more (the API caps it).
    func page(_ filter: PortfolioFilter, pageSize: Int = PortfolioFilter.pageSize) async throws -> Page {
        let query = try await query(filter)
        let total = try await query.copy().count()
        let pageCount = max(1, (total + pageSize - 1) / pageSize)
        let page = min(max(filter.page ?? 1, 1), pageCount)
        let projects = try await sorted(query, filter.sort).range(((page - 1) * pageSize)..<(page * pageSize)).summaries()
        return Page(projects: projects, total: total, page: page, pageCount: pageCount)
    }

    func all(_ filter: PortfolioFilter) async throws -> [ProjectSummary] {
        let query = try await query(filter)
        return try await sorted(query, filter.sort).summaries()
    }

    private func sorted(_ query: QueryBuilder<Project>, _ sort: String?) -> QueryBuilder<Project> {
        switch sort {
        case "title": return query.sort(\.$title).sort(\.$code)
        case "status": return query.sort(\.$status).sort(\.$code)
        case "cost": return query.sort(\.$totalOneOffCents, .descending).sort(\.$code)
        case "updated": return query.sort(\.$updatedAt, .descending).sort(\.$code)
        default: return query.sort(\.$code)
        }
    }

    private func query(_ filter: PortfolioFilter) async throws -> QueryBuilder<Project> {
        let query = Project.query(on: db).filter(\.$municipality.$id == context.municipalityID)
        if !filter.includeArchived { query.filter(\.$archivedAt == nil) }
        for term in GermanFolding.searchTerms(filter.q ?? "") {
            query.filter(\.$searchText ~~ term)
        }
        if let raw = nonEmpty(filter.department), let id = UUID(uuidString: raw) {
            let units = try await Department.query(on: db).filter(\.$municipality.$id == context.municipalityID).all()
            let tree = DepartmentTree(units: units.compactMap { unit in unit.id.map { (id: $0, parentID: unit.$parent.id, sortKey: unit.code) } })
            query.filter(\.$department.$id ~~ Array(tree.subtree(of: id)))
        }
        if let raw = nonEmpty(filter.status), let status = ProjectStatus(rawValue: raw) { query.filter(\.$status == status.rawValue) }
        if let raw = nonEmpty(filter.kind), let kind = ProjectKind(rawValue: raw) { query.filter(\.$kind == kind.rawValue) }
        if let raw = nonEmpty(filter.costMin), let cents = try? LocaleNumber.cents(raw) { query.filter(\.$totalOneOffCents >= cents) }
        if let raw = nonEmpty(filter.costMax), let cents = try? LocaleNumber.cents(raw) { query.filter(\.$totalOneOffCents <= cents) }
        if let raw = nonEmpty(filter.element), let id = UUID(uuidString: raw) {
            // A subquery, not the ids of linked projects: a field of action can have a thousand of them.
            let elementIDs = Array(snapshot.descendants(of: id)) + [id]
            let linked = SQLSubquery.select { select in
                select.column("project_id").from(ProjectStrategyLink.schema)
                    .where(SQLColumn("element_id"), .in, SQLGroupExpression(elementIDs.map { SQLBind($0) }))
            }
            query.filter(.sql(SQLBinaryExpression(SQLColumn("id", table: Project.schema), .in, linked)))
        }
        return query
    }

    private func nonEmpty(_ value: String?) -> String? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }
}
