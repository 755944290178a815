import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation

/// Lookups the portfolio tests share: demo departments, elements and projects by code.
enum PortfolioFixtures {
    static func department(_ code: String, on server: TestServer) async throws -> Department {
        let municipality = try await Fixtures.musterstadt(on: server)
        return try await Department.query(on: server.db).filter(\.$municipality.$id == municipality.requireID()).filter(\.$code == code).first()!
    }

    static func element(_ code: String, on server: TestServer) async throws -> StrategyElement {
        let municipality = try await Fixtures.musterstadt(on: server)
        return try await StrategyElement.query(on: server.db).filter(\.$municipality.$id == municipality.requireID()).filter(\.$code == code).first()!
    }

    static func project(_ code: String, on server: TestServer) async throws -> Project {
        let municipality = try await Fixtures.musterstadt(on: server)
        return try await Project.query(on: server.db).filter(\.$municipality.$id == municipality.requireID()).filter(\.$code == code).first()!
    }

    static func projectCount(on server: TestServer) async throws -> Int {
        try await Project.query(on: server.db).count()
    }

    /// A complete, valid profile as the web form posts it.
    static func form(title: String, department: UUID, extra: [(String, String)] = []) -> [(String, String)] {
        [("title", title), ("summary", "Kurz gesagt: \(title)"), ("departmentID", department.uuidString), ("kind", "onlineService"),
         ("beneficiaries[]", "citizens"), ("hoursSavedPerYear", "1.200"), ("startOn", "2027-01-01"), ("endOn", "31.12.2027"),
         ("tags", "OZG, Online"),
         ("costYear[]", "2027"), ("costOneOff[]", "12.500,50"), ("costRunning[]", "1.000"),
         ("costYear[]", ""), ("costOneOff[]", ""), ("costRunning[]", ""),
         ("effortDepartment[]", department.uuidString), ("effortYear[]", "2027"), ("effortFTE[]", "0,5")] + extra
    }
}
