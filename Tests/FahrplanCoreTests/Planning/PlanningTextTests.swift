@testable import FahrplanCore
import Testing

@Suite("PlanningText: numbers as the planning texts show them")
struct PlanningTextTests {
    @Test("decimal comma, thousands point, trimmed zeros, real minus; English the other way round")
    func numbers() {
        let de = PlanningText.german, en = PlanningText.englishText
        #expect(de.decimal(1234567.891) == "1.234.567,89")
        #expect(de.decimal(2, minDecimals: 1) == "2,0")
        #expect(de.decimal(2.5, minDecimals: 1) == "2,5")
        #expect(de.decimal(0.125, maxDecimals: 2) == "0,13")
        #expect(de.decimal(-0.004) == "0")
        #expect(de.decimal(-1.5) == "−1,5")
        #expect(de.decimal(0.05, minDecimals: 1) == "0,05")
        #expect(de.decimal(999.999, maxDecimals: 2) == "1.000")
        #expect(en.decimal(1234.5, minDecimals: 1) == "1,234.5")
        #expect(de.euros(1_100_000) == "1,1 Mio. €" && de.euros(250_000) == "0,25 Mio. €" && de.euros(45_000.4) == "45.000 €")
        #expect(en.euros(1_100_000) == "€1.1 million" && en.euros(999) == "€999")
        #expect(de.fte(2) == "2,0 VZÄ" && en.fte(0.25) == "0.25 FTE")
        #expect(de.percent(0.904) == "90 %" && en.percent(1) == "100%")
        #expect(de.list(["A", "B", "C"]) == "A, B und C")
    }
}
