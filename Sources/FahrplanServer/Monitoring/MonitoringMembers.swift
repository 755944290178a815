import Fluent
import Foundation

/// The municipality's members by display name: the people who can be named owner of a project's monitoring,
/// a KPI or an update cycle.
enum MonitoringMembers {
    static func list(_ municipalityID: UUID, on db: any Database) async throws -> [(id: UUID, name: String)] {
        try await Membership.query(on: db).filter(\.$municipality.$id == municipalityID).with(\.$user).all()
            .compactMap { membership in membership.user.id.map { ($0, membership.user.displayName) } }
            .sorted { $0.name < $1.name }
    }
}
