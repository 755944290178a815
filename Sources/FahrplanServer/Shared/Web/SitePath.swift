import FahrplanCore
import Foundation

/// Every page's address, in one place, so links and routes cannot drift apart.
enum SitePath {
    static let home = "/"
    static let login = "/login"
    static let logout = "/logout"
    static let account = "/account"
    static let admin = "/admin/municipalities"

    static func municipality(_ slug: String) -> String { "/m/\(slug)" }
    static func vision(_ slug: String) -> String { "/m/\(slug)/vision" }
    static func elements(_ slug: String, _ kind: StrategyElementKind) -> String { "/m/\(slug)/\(kind.pathSegment)" }
    static func element(_ slug: String, _ kind: StrategyElementKind, _ id: UUID?) -> String {
        "/m/\(slug)/\(kind.pathSegment)/\(id?.uuidString ?? "")"
    }
    static func departments(_ slug: String) -> String { "/m/\(slug)/departments" }
    static func department(_ slug: String, _ id: UUID?) -> String { "/m/\(slug)/departments/\(id?.uuidString ?? "")" }
    static func members(_ slug: String) -> String { "/m/\(slug)/members" }
    static func audit(_ slug: String) -> String { "/m/\(slug)/audit" }
    static func projects(_ slug: String) -> String { "/m/\(slug)/projects" }
    static func project(_ slug: String, _ id: UUID?) -> String { "/m/\(slug)/projects/\(id?.uuidString ?? "")" }
    static func calls(_ slug: String) -> String { "/m/\(slug)/calls" }
    static func prioritization(_ slug: String) -> String { "/m/\(slug)/prioritization" }
    static func criteria(_ slug: String) -> String { "/m/\(slug)/prioritization/criteria" }
    static func criterion(_ slug: String, _ id: UUID?) -> String { "/m/\(slug)/prioritization/criteria/\(id?.uuidString ?? "")" }
    static func round(_ slug: String, _ id: UUID?) -> String { "/m/\(slug)/prioritization/rounds/\(id?.uuidString ?? "")" }
    static func scenario(_ slug: String, round: UUID?, _ id: UUID?) -> String { Self.round(slug, round) + "/scenarios/\(id?.uuidString ?? "")" }
    static func decisions(_ slug: String) -> String { "/m/\(slug)/decisions" }
    static func call(_ slug: String, _ id: UUID?) -> String { "/m/\(slug)/calls/\(id?.uuidString ?? "")" }
}
