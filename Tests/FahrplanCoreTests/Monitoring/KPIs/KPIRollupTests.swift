import FahrplanCore
import Testing

@Suite("Monitoring: KPI roll-up goal → field of action → strategy")
struct KPIRollupTests {
    typealias R = KPIRollup

    static let rollup = R.compute(
        fields: [R.FieldOfAction(id: "F1", name: "Bürgerservice"), R.FieldOfAction(id: "F2", name: "Verwaltung"),
                 R.FieldOfAction(id: "F3", name: "Bildung")],
        goals: [R.Goal(id: "G1", name: "Online-Zugang", fieldOfActionID: "F1"), R.Goal(id: "G2", name: "Servicezeit", fieldOfActionID: "F1"),
                R.Goal(id: "G3", name: "E-Akte", fieldOfActionID: "F2")],
        kpis: [R.KPI(id: "K1", name: "Online-Anteil", goalID: "G1", progress: 0.5),
               R.KPI(id: "K2", name: "Nutzerkonten", goalID: "G1", progress: 0.25),
               R.KPI(id: "K3", name: "Wartezeit", goalID: "G2", progress: nil),
               R.KPI(id: "K4", name: "Ämter mit E-Akte", goalID: "G3", progress: 1, weight: 1),
               R.KPI(id: "K5", name: "Papierakten", goalID: "G3", progress: 0, weight: 3)])

    @Test("means per level, children without progress left out and named")
    func figures() {
        let rollup = Self.rollup
        #expect(rollup.fields.map(\.node.progress) == [0.375, 0.25, nil])
        #expect(rollup.fields[0].goals.map(\.node.progress) == [0.375, nil])
        #expect(rollup.fields[1].goals[0].node.progress == 0.25)
        #expect(rollup.strategy.progress == 0.3125)
        #expect(rollup.strategy.counted == ["Bürgerservice", "Verwaltung"])
        #expect(rollup.strategy.excluded == ["Bildung"])
        #expect(rollup.fields[0].node.excluded == ["Servicezeit"])
        #expect(rollup.fields[0].goals[1].node.excluded == ["Wartezeit"])
    }

    @Test("the explanation says how each figure was computed, in German and English")
    func explanations() {
        let rollup = Self.rollup
        #expect(rollup.fields[0].goals[0].node.explanationGerman ==
                "Mittelwert des Fortschritts von 2 Kennzahlen, gleich gewichtet, Fortschritt jeder Kennzahl auf 0–100 % begrenzt: Online-Anteil 50 %; Nutzerkonten 25 % → 37,5 %.")
        #expect(rollup.fields[1].goals[0].node.explanationEnglish ==
                "Weighted mean of the progress of 2 KPIs, each KPI's progress capped to 0–100 %: Ämter mit E-Akte 100% (weight 1); Papierakten 0% (weight 3) → 25%.")
        #expect(rollup.fields[0].node.explanationGerman ==
                "Mittelwert des Fortschritts von 1 Ziel, gleich gewichtet: Online-Zugang 37,5 % → 37,5 %. Nicht mitgezählt (keine Kennzahl mit Messwert): Servicezeit.")
        #expect(rollup.strategy.explanationGerman ==
                "Mittelwert des Fortschritts von 2 Handlungsfeldern, gleich gewichtet: Bürgerservice 37,5 %; Verwaltung 25 % → 31,3 %. Nicht mitgezählt (kein Ziel mit Fortschritt): Bildung.")
        #expect(rollup.fields[2].node.explanationEnglish == "No progress yet: no KPI with a measurement.")
        #expect(rollup.fields[0].goals[1].node.explanationGerman ==
                "Noch kein Fortschritt: noch kein Messwert. Nicht mitgezählt (noch kein Messwert): Wartezeit.")
    }

    @Test("nothing measured anywhere: no figure, not zero")
    func empty() {
        let rollup = R.compute(fields: [R.FieldOfAction(id: "F", name: "F")], goals: [], kpis: [])
        #expect(rollup.strategy.progress == nil)
        #expect(rollup.strategy.explanationEnglish == "No progress yet: no goal with progress. Not counted (no goal with progress): F.")
    }
}
