@testable import FahrplanServer
import Testing

@Suite("UI strings catalog")
struct StringCatalogTests {
    @Test("no key is defined in two capability tables, and every text has German and English")
    func keysUniqueAndBilingual() {
        var owner: [String: String] = [:]
        var twice: [String] = []
        var missing: [String] = []
        for table in Strings.tables {
            for (key, texts) in table.entries {
                if let first = owner[key] { twice.append("\(key): \(first) and \(table.name)") } else { owner[key] = table.name }
                if texts.0.isEmpty || texts.1.isEmpty { missing.append(key) }
            }
        }
        #expect(twice.sorted() == [])
        #expect(missing.sorted() == [])
        #expect(Strings.table.count == owner.count)
    }
}
