import FahrplanCore
import Foundation
import Testing

@Suite("Inventory: maturity model, services, IT systems, overview")
struct InventoryModelTests {
    static func day(_ iso: String) -> CalendarDay { CalendarDay(iso: iso)! }
    static let today = day("2026-12-06")

    static func a(_ key: String, _ level: Int, _ iso: String) -> MaturityAssessment {
        MaturityAssessment(criterionKey: key, level: level, assessedOn: day(iso))
    }

    @Test("the OZG default model is valid: levels 0–4 with German and English labels, online from 3")
    func ozgDefault() throws {
        let model = try MaturityModel.ozg.validated()
        #expect(model.levels.map(\.number) == [0, 1, 2, 3, 4])
        #expect(model.level(2)?.germanLabel == "Formular-Assistent")
        #expect(model.level(4)?.englishLabel == "Online transaction")
        #expect(model.level(named: "Online-Leistung")?.number == 3)
        #expect(model.level(named: "3 – Online-Leistung")?.number == 3)
        #expect(model.level(named: "online service")?.number == 3)
        #expect(model.level(named: "5") == nil)
        #expect(model.level(named: "3 – Offline") == nil)
    }

    @Test("a 0–7 successor model is just data")
    func successorModel() throws {
        let levels = (0...7).map { MaturityLevel(number: $0, germanLabel: "Stufe \($0)", englishLabel: "Level \($0)") }
        let model = try MaturityModel(key: "ozg-neu", levels: levels, criteria: MaturityModel.ozg.criteria, onlineFrom: 5).validated()
        let service = [Self.a("antrag", 7, "2026-01-01"), Self.a("nachweise", 6, "2026-01-01"), Self.a("bescheid", 5, "2026-01-01")]
        #expect(model.overall(service, on: Self.day("2026-06-30")) == .known(level: 5))
        let snapshot = MaturityOverview.snapshot([AdministrativeService(name: "X", casesPerYear: 10, assessments: service)],
                                                 model: model, on: Self.day("2026-06-30"))
        #expect(snapshot.total.counts == [0, 0, 0, 0, 0, 1, 0, 0])
        #expect(snapshot.total.onlineShare == 1)
    }

    @Test("model validation names every problem: too few levels, numbers not increasing, blank labels, criteria")
    func modelValidation() {
        let one = MaturityModel(key: "m", levels: [MaturityLevel(number: 0, germanLabel: "A", englishLabel: "A")],
                                criteria: [], onlineFrom: 0)
        #expect(one.problems() == [FieldProblem("levels", .scaleTooShort), FieldProblem("criteria", .noCriteria)])
        let bad = MaturityModel(key: "m", levels: [
            MaturityLevel(number: 0, germanLabel: "A", englishLabel: "A"),
            MaturityLevel(number: 2, germanLabel: " ", englishLabel: "B"),
            MaturityLevel(number: 2, germanLabel: "C", englishLabel: ""),
        ], criteria: [MaturityCriterion(key: "a", germanName: "A", englishName: "A"),
                      MaturityCriterion(key: "a", germanName: "B", englishName: "B"),
                      MaturityCriterion(key: "ä b", germanName: "C", englishName: "C")], onlineFrom: 1)
        #expect(bad.problems() == [
            FieldProblem("levels[1].germanLabel", .required),
            FieldProblem("levels[2].number", .outOfRange(min: 3, max: 99)),
            FieldProblem("levels[2].englishLabel", .required),
            FieldProblem("criteria[1].key", .duplicate),
            FieldProblem("criteria[2].key", .invalidKey),
            FieldProblem("onlineFrom", .invalidChoice),
        ])
    }

    @Test("overall level is the lowest criterion; a criterion without assessment makes it unknown")
    func minimumRule() {
        let model = MaturityModel.ozg
        let assessments = [Self.a("antrag", 4, "2025-03-01"), Self.a("nachweise", 2, "2025-03-01")]
        #expect(model.overall(assessments, on: Self.day("2025-12-31")) == .unknown(missingCriteria: ["bescheid"]))
        let full = assessments + [Self.a("bescheid", 3, "2025-06-01")]
        #expect(model.overall(full, on: Self.day("2025-12-31")) == .known(level: 2))
        #expect(model.overall(full, on: Self.day("2025-05-31")) == .unknown(missingCriteria: ["bescheid"]))
        // A later assessment of the weakest criterion raises the service.
        let raised = full + [Self.a("nachweise", 4, "2026-02-01")]
        #expect(model.overall(raised, on: Self.day("2026-02-01")) == .known(level: 3))
        #expect(model.current(raised) == .known(level: 3))
        #expect(model.current([]) == .unknown(missingCriteria: ["antrag", "nachweise", "bescheid"]))
    }

    @Test("counts per level at year ends, in total and by department, with the online share of cases")
    func overviewHistory() {
        let model = MaturityModel.ozg
        func all(_ level: Int, _ iso: String) -> [MaturityAssessment] {
            ["antrag", "nachweise", "bescheid"].map { Self.a($0, level, iso) }
        }
        let services = [
            // Wohngeld: 1 at end of 2024, 3 at end of 2025 (all criteria raised in 2025).
            AdministrativeService(name: "Wohngeld", departmentID: "50", casesPerYear: 1_000,
                                  assessments: all(1, "2024-05-01") + all(3, "2025-09-01")),
            // Anwohnerparken: 2 in 2024; in 2025 only the application reaches 4, so it stays 2.
            AdministrativeService(name: "Anwohnerparken", departmentID: "32", casesPerYear: 3_000,
                                  assessments: all(2, "2024-02-01") + [Self.a("antrag", 4, "2025-03-01")]),
            // Hundesteuer: first assessed in 2025 at 4.
            AdministrativeService(name: "Hundesteuer", departmentID: "20", casesPerYear: 500, assessments: all(4, "2025-01-10")),
            // Gewerbeanmeldung: one criterion never assessed → unknown in both years.
            AdministrativeService(name: "Gewerbeanmeldung", departmentID: "32", casesPerYear: nil,
                                  assessments: [Self.a("antrag", 3, "2024-01-01")]),
        ]
        let history = MaturityOverview.history(services, model: model, on: MaturityOverview.yearEnds(2024...2025))
        #expect(history.map(\.day) == [Self.day("2024-12-31"), Self.day("2025-12-31")])
        #expect(history[0].total.counts == [0, 1, 1, 0, 0])
        #expect(history[0].total.unknown == 2)
        #expect(history[0].total.cases == 4_500)
        #expect(history[0].total.onlineCases == 0)
        #expect(history[1].total.counts == [0, 0, 1, 1, 1])
        #expect(history[1].total.unknown == 1)
        #expect(history[1].total.onlineCases == 1_500)
        #expect(history[1].total.onlineShare == 1_500.0 / 4_500.0)
        #expect(history[1].byDepartment["32"]?.counts == [0, 0, 1, 0, 0])
        #expect(history[1].byDepartment["32"]?.unknown == 1)
        #expect(history[1].byDepartment["50"]?.counts == [0, 0, 0, 1, 0])
        #expect(history[0].byDepartment["20"]?.unknown == 1)
        #expect(history[1].total.total == 4)
    }

    @Test("service input: names, LeiKa key, case numbers and assessments are checked field by field")
    func serviceValidation() throws {
        let input = AdministrativeServiceInput(
            name: " ", leikaKey: "9905 0012 104", casesPerYear: "12,5",
            assessments: [MaturityAssessmentInput(criterion: "antrag", level: "5", assessedOn: "31.02.2026"),
                          MaturityAssessmentInput(criterion: "zahlung", level: "Online-Leistung", assessedOn: "2027-01-01")])
        do {
            _ = try input.validated(model: .ozg, today: Self.today)
            Issue.record("expected a failure")
        } catch let failure as ValidationFailure {
            #expect(failure.problems == [
                FieldProblem("name", .required), FieldProblem("leikaKey", .invalidKey), FieldProblem("casesPerYear", .notANumber),
                FieldProblem("assessments[0].level", .invalidChoice), FieldProblem("assessments[0].assessedOn", .invalidDate),
                FieldProblem("assessments[1].criterion", .unknownReference), FieldProblem("assessments[1].assessedOn", .dateInFuture),
            ])
        }
        let good = try AdministrativeServiceInput(
            name: "Wohngeld", leikaKey: "9905 0012 1040 00", departmentID: "50", casesPerYear: "12.500",
            assessments: [MaturityAssessmentInput(criterion: "antrag", level: "3 – Online-Leistung", assessedOn: "01.03.2026")])
            .validated(model: .ozg, today: Self.today)
        #expect(good.leikaKey == "99050012104000")
        #expect(good.casesPerYear == 12_500)
        #expect(good.assessments == [Self.a("antrag", 3, "2026-03-01")])
    }

    @Test("IT system input: empty name, unknown hosting, contract end that is no day, interface to itself")
    func systemValidation() throws {
        let bad = ITSystemInput(name: "", hosting: "Keller", contractEndsOn: "31.02.2027", dataProtection: "vielleicht",
                                lifecycle: "wegwerfen", projectIDs: ["P-1", "P-1"])
        #expect(throws: ValidationFailure([
            FieldProblem("name", .required), FieldProblem("hosting", .invalidChoice),
            FieldProblem("dataProtection", .invalidChoice), FieldProblem("lifecycle", .invalidChoice),
            FieldProblem("contractEndsOn", .invalidDate), FieldProblem("projectIDs[1]", .duplicate),
        ])) { try bad.validated() }
        #expect(throws: ValidationFailure([FieldProblem("interfaces[1]", .cycle)])) {
            try ITSystemInput(name: "E-Akte", interfaces: ["DMS", "e-akte"]).validated()
        }
        let good = try ITSystemInput(name: "E-Akte", vendor: "Ceyoniq", product: "nscale", departmentIDs: ["10", "32"],
                                     hosting: "KRZ", contractEndsOn: "31.12.2028", interfaces: ["Finanzverfahren"],
                                     dataProtection: "Art. 9", lifecycle: "Ablösen", projectIDs: ["P-0004"]).validated()
        #expect(good.hosting == .municipalProvider)
        #expect(good.dataProtection == .specialCategories)
        #expect(good.lifecycle == .replace)
        #expect(good.contractEndsOn == Self.day("2028-12-31"))
    }
}
