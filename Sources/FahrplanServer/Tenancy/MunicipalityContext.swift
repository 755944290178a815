import FahrplanCore
import Fluent
import FluentSQL
import SQLKit
import Vapor

/// The municipality a request is about, and what the signed-in person may do there. Every handler that
/// touches a municipality's data gets it through `request.municipalityContext()`, which is the one place
/// where tenant isolation is enforced: a person without a role in the municipality gets 404, exactly as
/// if it did not exist.
struct MunicipalityContext: Sendable {
    var municipality: Municipality
    var municipalityID: UUID
    var user: CurrentUser
    var role: MunicipalRole?
    var permissions: Permissions
    /// The municipality's clock and calendar: services decide "today" with it. A request's context carries the
    /// application's; the default (system clock) is for contexts made outside a request, such as test fixtures.
    var calendar = MunicipalCalendar()

    /// Loads one of this municipality's rows, or 404 when the id is malformed, unknown or another's.
    func find<M: Model>(_ type: M.Type, _ id: String?, on db: any Database,
                        municipalityKey: KeyPath<M, FieldProperty<M, UUID>>) async throws -> M where M.IDValue == UUID {
        guard let id, let uuid = UUID(uuidString: id),
              let row = try await M.query(on: db).filter(\M._$id == uuid).filter(municipalityKey == municipalityID).first()
        else { throw FahrplanError.notFound }
        return row
    }

    func require(_ allowed: Bool) throws {
        if !allowed { throw FahrplanError.forbidden }
    }
}

extension Request {
    private struct MunicipalityContextKey: StorageKey { typealias Value = MunicipalityContext }

    /// Resolves the municipality from the `:municipality` path parameter (web) or from the API token.
    func municipalityContext() async throws -> MunicipalityContext {
        if let cached = storage[MunicipalityContextKey.self] { return cached }
        let user = try requireUser()
        // One query for the municipality and the person's membership in it: this runs on every page.
        guard let sql = db as? any SQLDatabase else { throw FahrplanError.notFound }
        let select = sql.select()
            .column(SQLColumn(SQLLiteral.all, table: SQLIdentifier("m")))
            .column(SQLColumn("role", table: "ms"), as: "membership_role")
            .column(SQLColumn("department_id", table: "ms"), as: "membership_department_id")
            .from(SQLAlias(SQLIdentifier(Municipality.schema), as: SQLIdentifier("m")))
            .join(SQLAlias(SQLIdentifier(Membership.schema), as: SQLIdentifier("ms")), method: SQLJoinMethod.left,
                  on: SQLBinaryExpression(
                    SQLBinaryExpression(SQLColumn("municipality_id", table: "ms"), .equal, SQLColumn("id", table: "m")),
                    .and,
                    SQLBinaryExpression(SQLColumn("user_id", table: "ms"), .equal, SQLBind(user.id))))
        if let tokenMunicipalityID = user.tokenMunicipalityID {
            select.where(SQLColumn("id", table: "m"), .equal, SQLBind(tokenMunicipalityID))
        } else {
            guard let slug = parameters.get("municipality") else { throw FahrplanError.notFound }
            select.where(SQLColumn("slug", table: "m"), .equal, SQLBind(slug))
        }
        guard let row = try await select.first() else { throw FahrplanError.notFound }
        let municipality = try row.decode(fluentModel: Municipality.self)
        guard let municipalityID = municipality.id, municipality.archivedAt == nil else { throw FahrplanError.notFound }
        let role = try row.decodeNil(column: "membership_role") ? nil : MunicipalRole(rawValue: try row.decode(column: "membership_role", as: String.self))
        let membershipDepartmentID = try row.decodeNil(column: "membership_department_id") ? nil : try row.decode(column: "membership_department_id", as: UUID.self)
        guard role != nil || user.isInstallationAdmin else { throw FahrplanError.notFound }

        var ownDepartments: Set<String> = []
        if role == .departmentLead, let departmentID = membershipDepartmentID {
            let units = try await Department.query(on: db).filter(\.$municipality.$id == municipalityID).all()
            let tree = DepartmentTree(units: units.compactMap { unit in
                unit.id.map { (id: $0, parentID: unit.$parent.id, sortKey: unit.code) }
            })
            ownDepartments = Set(tree.subtree(of: departmentID).map(\.uuidString))
        }
        let context = MunicipalityContext(
            municipality: municipality, municipalityID: municipalityID, user: user, role: role,
            permissions: Permissions(role: role, isInstallationAdmin: user.isInstallationAdmin, ownDepartmentIDs: ownDepartments),
            calendar: municipalCalendar)
        storage[MunicipalityContextKey.self] = context
        return context
    }
}
