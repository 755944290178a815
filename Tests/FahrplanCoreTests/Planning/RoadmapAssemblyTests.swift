@testable import FahrplanCore
import Testing

@Suite("RoadmapAssembly: a plan's data into the optimizer's problem")
struct RoadmapAssemblyTests {
    /// 2027–2028 in half-years: own funds investive 100,000 € and consumptive 20,000 € per half-year, a
    /// funding programme for P2 only, and the IT department with 3 FTE.
    func input(_ projects: [RoadmapPlanInput.Project], periodLength: RoadmapPlanInput.PeriodLength = .halfYear,
               count: Int = 4) -> RoadmapPlanInput {
        RoadmapPlanInput(name: "Plan", periodLength: periodLength, firstYear: 2027, periodCount: count, discount: 0.95,
            budgetLines: [
                .init(id: "inv", label: "Haushalt investiv", kind: .investive, amountCents: Array(repeating: 10_000_000, count: count)),
                .init(id: "kon", label: "Haushalt konsumtiv", kind: .consumptive, amountCents: Array(repeating: 2_000_000, count: count)),
                .init(id: "foe", label: "Förderprogramm", kind: .investive, amountCents: Array(repeating: 5_000_000, count: count),
                      eligibleProjects: ["P2"]),
            ],
            departments: [.init(code: "FD-IT", label: "IT", fteHundredths: Array(repeating: 300, count: count))],
            projects: projects)
    }

    @Test("periods, resources in euros and FTE, yearly money split into half-years, FTE kept as a level")
    func halfYearSplit() {
        let outcome = RoadmapAssembly.assemble(input([
            .init(code: "P1", title: "E-Akte", value: 70, status: .prioritized,
                  costs: [2027: .init(oneOffCents: 4_000_000, runningCents: 100_000), 2028: .init(runningCents: 200_000)],
                  fte: ["FD-IT": [2027: 150, 2028: 50]]),
        ]))
        let problem = outcome.problem
        #expect(problem.periods == ["2027-H1", "2027-H2", "2028-H1", "2028-H2"])
        #expect(problem.resources.map(\.id) == ["inv", "kon", "foe", "FD-IT"])
        #expect(problem.resources[0].capacity == [100_000, 100_000, 100_000, 100_000] && problem.resources[0].kind == .budget)
        #expect(problem.resources[3].capacity == [3, 3, 3, 3] && problem.resources[3].kind == .staff)
        let project = problem.projects[0]
        #expect(project.duration == 4 && project.value == 70 && !project.mandatory && project.earliestStart == 0)
        #expect(project.usage["inv"] == [20_000, 20_000, 0, 0])
        #expect(project.usage["kon"] == [500, 500, 1_000, 1_000])
        #expect(project.usage["FD-IT"] == [1.5, 1.5, 0.5, 0.5])
        #expect(outcome.notes["P1"] == nil && outcome.excluded.isEmpty && outcome.planNotes.isEmpty)
        #expect(RoadmapDiagnosis.conflicts(in: problem).isEmpty)
    }

    @Test("yearly periods take the year's amounts whole; dates give the duration")
    func years() {
        let outcome = RoadmapAssembly.assemble(input([
            .init(code: "P1", title: "", value: 1, status: .idea, startOn: "2027-03-01", endOn: "2029-06-30",
                  costs: [2027: .init(oneOffCents: 1_000_000)]),
        ], periodLength: .year, count: 3))
        #expect(outcome.problem.periods == ["2027", "2028", "2029"])
        #expect(outcome.problem.projects[0].duration == 3)
        #expect(outcome.problem.projects[0].usage["inv"] == [10_000, 0, 0])
    }

    @Test("one-off costs go to an eligible funding line, else to own funds with a note")
    func funding() {
        let outcome = RoadmapAssembly.assemble(input([
            .init(code: "P2", title: "", value: 1, status: .idea, costs: [2027: .init(oneOffCents: 1_000_000)], fundingLineID: "foe"),
            .init(code: "P3", title: "", value: 1, status: .idea, costs: [2027: .init(oneOffCents: 1_000_000)], fundingLineID: "foe"),
        ]))
        #expect(outcome.problem.projects[0].usage.keys.sorted() == ["foe"])
        #expect(outcome.problem.projects[1].usage.keys.sorted() == ["inv"])
        #expect(outcome.notes["P3"]?.first?.hasPrefix("Förderung foe nicht verfügbar oder nicht förderfähig") == true)
    }

    @Test("mandatory: approved, decided, legal obligation with its deadline; the override wins")
    func mandatory() {
        let outcome = RoadmapAssembly.assemble(input([
            .init(code: "A", title: "", value: 1, status: .approved),
            .init(code: "B", title: "", value: 1, status: .prioritized, decided: true),
            .init(code: "C", title: "", value: 1, status: .idea, legalObligation: true, legalDeadline: "2027-12-31"),
            .init(code: "D", title: "", value: 1, status: .approved, mandatoryOverride: false),
            .init(code: "E", title: "", value: 1, status: .idea),
        ]))
        #expect(outcome.problem.projects.map(\.mandatory) == [true, true, true, false, false])
        #expect(outcome.problem.projects[2].latestFinish == 1)
        #expect(outcome.notes["E"] == ["ohne Kosten- und Personalangaben"])
    }

    @Test("a project in progress stays where it is; one started before the horizon keeps only what remains")
    func inProgress() {
        let outcome = RoadmapAssembly.assemble(input([
            .init(code: "R1", title: "", value: 1, status: .inProgress, startOn: "2027-08-01", endOn: "2028-06-30",
                  costs: [2027: .init(runningCents: 100_000), 2028: .init(runningCents: 200_000)], mandatoryOverride: nil),
            .init(code: "R2", title: "", value: 1, status: .inProgress, startOn: "2026-01-01",
                  fte: ["FD-IT": [2026: 100, 2027: 200]], dependsOn: ["X9"]),
            .init(code: "R3", title: "", value: 1, status: .inProgress, startOn: "2025-01-01", endOn: "2025-12-31"),
        ]))
        let r1 = outcome.problem.projects[0], r2 = outcome.problem.projects[1]
        #expect(r1.earliestStart == 1 && r1.duration == 2 && r1.latestFinish == 2 && r1.mandatory)
        #expect(r1.usage["kon"] == [1_000, 2_000])  // each year's money in the one half-year it runs
        #expect(r2.earliestStart == 0 && r2.duration == 2 && r2.latestFinish == 1 && r2.after.isEmpty)
        #expect(r2.usage["FD-IT"] == [2, 2])
        #expect(outcome.notes["R2"]?.contains("Beginn vor dem Planungszeitraum: nur die verbleibenden Halbjahre zählen") == true)
        #expect(outcome.notes["R2"]?.contains("läuft bereits: Abhängigkeiten von X9 gelten als erfüllt") == true)
        #expect(outcome.excluded == ["R3"])
        #expect(RoadmapDiagnosis.conflicts(in: outcome.problem).isEmpty)
    }

    @Test("dependencies: kept inside the plan, dropped on completed projects, impossible on anything else")
    func dependencies() {
        var data = input([
            .init(code: "A", title: "", value: 1, status: .idea),
            .init(code: "B", title: "", value: 1, status: .idea, dependsOn: ["A", "DONE", "OLD"]),
            .init(code: "C", title: "", value: 1, status: .idea, dependsOn: ["P012"]),
            .init(code: "D", title: "", value: 1, status: .idea, dependsOn: ["C"]),
            .init(code: "M", title: "", value: 1, status: .approved, dependsOn: ["Z"]),
            .init(code: "Z", title: "", value: 1, status: .cancelled),
            .init(code: "OLD", title: "", value: 1, status: .completed),
        ])
        data.completedProjectCodes = ["DONE"]
        let outcome = RoadmapAssembly.assemble(data)
        #expect(outcome.problem.projects.map(\.id) == ["A", "B"])
        #expect(outcome.problem.projects[1].after == ["A"])
        #expect(outcome.excluded == ["C", "D", "M", "Z", "OLD"])
        #expect(outcome.notes["C"]?.contains("Abhängigkeit von P012 außerhalb des Plans") == true)
        #expect(outcome.notes["D"]?.contains("Abhängigkeit von C außerhalb des Plans") == true)
        #expect(outcome.conflicts.map(\.kind) == [.mandatoryPredecessorImpossible])
        #expect(outcome.conflicts.first?.projects == ["M", "Z"])
    }

    @Test("figures outside the dates count at the edge; missing budget lines and departments are named")
    func edges() {
        var data = input([
            .init(code: "P1", title: "", value: 1, status: .idea, startOn: "2028-01-01", endOn: "2028-12-31",
                  costs: [2027: .init(oneOffCents: 500_000), 2028: .init(oneOffCents: 1_000_000)], fte: ["FD-XY": [2028: 100]]),
        ])
        data.budgetLines.removeAll { $0.id == "inv" }
        let outcome = RoadmapAssembly.assemble(data)
        #expect(outcome.problem.projects[0].usage.isEmpty)
        #expect(outcome.planNotes.count == 2)
        #expect(outcome.planNotes.contains("Personal von FD-XY ohne Kapazitätsangabe im Plan: nicht begrenzt."))
        #expect(outcome.notes["P1"] == ["Angaben für 2027 liegen außerhalb der Laufzeit und zählen im ersten Zeitraum des Projekts"])
        var funded = input([.init(code: "P1", title: "", value: 1, status: .idea, startOn: "2028-01-01", endOn: "2028-12-31",
                                  costs: [2027: .init(oneOffCents: 500_000), 2028: .init(oneOffCents: 1_000_000)])])
        funded.periodCount = 4
        #expect(RoadmapAssembly.assemble(funded).problem.projects[0].usage["inv"] == [10_000, 5_000])
    }
}
