@testable import FahrplanServer
import Foundation
import Testing

@Suite("Project codes for new rows")
struct ProjectCodeTests {
    @Test("new codes skip taken ones and keep increasing; the search resumes instead of rescanning")
    func nextCodes() {
        var references = PortfolioReferences()
        // A portfolio whose codes start high (P-5000 … P-6999) and one low code.
        for number in 5_000..<7_000 { references.addProject(id: UUID(), code: String(format: "P-%04d", number), title: "T\(number)") }
        references.addProject(id: UUID(), code: "P-2002", title: "Niedrig")
        var issued: [String] = []
        for _ in 0..<3_000 {
            let code = references.nextProjectCode()
            issued.append(code)
            references.addProject(id: UUID(), code: code, title: code)
        }
        #expect(issued.first == "P-2003")
        #expect(Set(issued).count == issued.count)
        let taken = Set((5_000..<7_000).map { String(format: "P-%04d", $0) })
        #expect(!issued.contains { taken.contains($0) })
        #expect(issued == issued.sorted())
        #expect(issued.last == "P-7002")
    }
}
