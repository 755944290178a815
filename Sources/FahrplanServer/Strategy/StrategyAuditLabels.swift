import Fluent
import Foundation

extension StrategyService {
    /// The audit trail shows a strategy element's id (a parent, a linked goal) as "code title".
    static let auditLabels: AuditLabelSource = { db, municipalityID in
        var labels: [String: String] = [:]
        for element in try await StrategyElement.query(on: db).filter(\.$municipality.$id == municipalityID).all() {
            if let id = element.id { labels[id.uuidString] = [element.code, element.title].compactMap { $0 }.joined(separator: " ") }
        }
        return labels
    }
}
