import Foundation
import Testing

/// Every transaction in the server goes through `writeTransaction` (Shared/Database/WriteTransaction.swift):
/// a plain `transaction` is deferred on SQLite and fails with "database is locked" when two writers meet.
@Suite("Architecture: write transactions")
struct WriteTransactionRuleTests {
    @Test("no server or CLI source opens a plain Fluent transaction")
    func noPlainTransactions() throws {
        var offenders: [String] = []
        for folder in ["Sources/FahrplanServer", "Sources/fahrplan"] {
            let base = DependencyDirectionTests.root.appendingPathComponent(folder)
            let files = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil)
            while let url = files?.nextObject() as? URL {
                guard url.pathExtension == "swift", url.lastPathComponent != "WriteTransaction.swift" else { continue }
                let code = DependencyDirectionTests.code(try String(contentsOf: url, encoding: .utf8))
                if code.range(of: #"\.transaction\s*[{(]"#, options: .regularExpression) != nil {
                    offenders.append(String(url.path.dropFirst(DependencyDirectionTests.root.path.count + 1)))
                }
            }
        }
        #expect(offenders.isEmpty, "use db.writeTransaction instead of db.transaction in: \(offenders.sorted())")
    }
}
