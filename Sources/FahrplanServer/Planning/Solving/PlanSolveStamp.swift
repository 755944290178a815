import Fluent
import Foundation
import SQLKit
import Vapor

/// What a background solve would overwrite, taken when it starts: the plan's edit version (raised by every change
/// of the frame, the capacities and the project settings) and the stored result with its starts (changed by a
/// manual start or an imported schedule, which do not raise the version). The solve stores its result only while
/// the stamp is unchanged — otherwise it would silently undo a change made while it searched.
struct PlanSolveStamp: Sendable, Equatable {
    var version: Int
    /// The stored result and starts as text; nil when the plan has no result.
    var result: String?

    /// The plan's stamp now; nil when the plan no longer exists.
    static func read(planID: UUID, on db: any Database) async throws -> PlanSolveStamp? {
        guard let plan = try await RoadmapPlan.find(planID, on: db) else { return nil }
        return PlanSolveStamp(version: plan.version, result: try await resultFingerprint(planID: planID, on: db))
    }

    /// Inside a transaction: locks the plan's row until the transaction ends (a write that changes nothing), so
    /// that every writer of a plan's result — a solve's store, a manual change, a change of the plan that claims
    /// its version — runs one after the other, then reads the stamp. PostgreSQL holds the row lock; SQLite has
    /// one writer at a time, and the write first makes the transaction's later reads current.
    static func lock(planID: UUID, on db: any Database) async throws -> PlanSolveStamp? {
        guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError, reason: "plans need an SQL database") }
        let version = SQLIdentifier("version")
        guard let row = try await sql.update(RoadmapPlan.schema).set(version, to: version)
            .where(SQLIdentifier("id"), .equal, SQLBind(planID)).returning(version).first()
        else { return nil }
        return PlanSolveStamp(version: try row.decode(column: "version", as: Int.self),
                              result: try await resultFingerprint(planID: planID, on: db))
    }

    private static func resultFingerprint(planID: UUID, on db: any Database) async throws -> String? {
        guard let result = try await PlanResult.query(on: db).filter(\.$plan.$id == planID).first() else { return nil }
        let starts = try await PlanStart.query(on: db).filter(\.$plan.$id == planID).all()
            .map { "\($0.$project.id.uuidString)=\($0.startPeriod)\($0.manual ? "m" : "")" }.sorted()
        return ([result.id?.uuidString ?? "", result.status, "\(result.objective)", "\(result.nodes)"] + starts).joined(separator: ";")
    }
}

/// A solve's result was not stored because the plan changed while it ran (see `PlanSolveStamp`).
struct PlanChangedDuringSolve: Error {}
