import Foundation

/// Turns a plan's data into the optimizer's problem; the rules are documented on `RoadmapPlanInput`.
public enum RoadmapAssembly {
    public static func assemble(_ input: RoadmapPlanInput) -> RoadmapAssemblyOutcome {
        let horizon = max(0, input.periodCount)
        var notes: [String: [String]] = [:]
        var planNotes: [String] = []
        func note(_ code: String, _ text: String) { notes[code, default: []].append(text) }

        let budgetResources = input.budgetLines.map { line in
            RoadmapProblem.Resource(id: line.id, kind: .budget, label: line.label,
                                    capacity: (0..<horizon).map { $0 < line.amountCents.count ? Double(line.amountCents[$0]) / 100 : 0 })
        }
        let staffResources = input.departments.map { department in
            RoadmapProblem.Resource(id: department.code, kind: .staff, label: department.label,
                                    capacity: (0..<horizon).map { $0 < department.fteHundredths.count ? Double(department.fteHundredths[$0]) / 100 : 0 })
        }
        let investive = input.budgetLines.first { $0.kind == .investive && $0.eligibleProjects == nil }
        let consumptive = input.budgetLines.first { $0.kind == .consumptive && $0.eligibleProjects == nil }
        let hasOneOff = input.projects.contains { $0.costs.values.contains { $0.oneOffCents != 0 } }
        let hasRunning = input.projects.contains { $0.costs.values.contains { $0.runningCents != 0 } }
        if investive == nil && hasOneOff {
            planNotes.append("Keine investive Haushaltszeile aus Eigenmitteln: einmalige Kosten ohne Fördermittel sind nicht begrenzt.")
        }
        if consumptive == nil && hasRunning {
            planNotes.append("Keine konsumtive Haushaltszeile aus Eigenmitteln: laufende Kosten sind nicht begrenzt.")
        }
        let departmentCodes = Set(input.departments.map(\.code))
        var unlimitedDepartments = Set<String>()

        var candidates: [String: RoadmapProblem.Project] = [:]
        var inProgress = Set<String>()
        var completed = input.completedProjectCodes
        var excluded: [String] = []
        for project in input.projects {
            switch project.status {
            case .completed, .cancelled, .deferred:
                if project.status == .completed { completed.insert(project.code) }
                note(project.code, project.status == .completed ? "abgeschlossen" : project.status == .cancelled ? "abgebrochen" : "zurückgestellt")
                excluded.append(project.code)
                continue
            default: break
            }
            var profile = RoadmapProfile(project, input: input)
            profile.notes.forEach { note(project.code, $0) }
            var usage: [String: [Double]] = [:]
            func add(_ resourceID: String?, _ values: [Double]) {
                guard let resourceID, values.contains(where: { $0 != 0 }) else { return }
                let current = usage[resourceID] ?? Array(repeating: 0, count: values.count)
                usage[resourceID] = zip(current, values).map(+)
            }
            let funding = input.budgetLines.first { $0.id == project.fundingLineID && ($0.eligibleProjects?.contains(project.code) ?? true) }
            if project.fundingLineID != nil && funding == nil {
                note(project.code, "Förderung \(project.fundingLineID!) nicht verfügbar oder nicht förderfähig: einmalige Kosten aus Eigenmitteln")
            }
            add((funding ?? investive)?.id, profile.oneOff)
            add(consumptive?.id, profile.running)
            for (code, levels) in profile.fte.sorted(by: { $0.key < $1.key }) {
                if departmentCodes.contains(code) { add(code, levels) } else { unlimitedDepartments.insert(code) }
            }

            var earliestStart = 0
            var latestFinish: Int?
            var mandatory = project.status == .approved || project.decided || project.legalObligation
            if project.status == .inProgress {
                mandatory = true
                var start = profile.start
                if start < 0 {
                    let passed = -start
                    guard passed < profile.duration else {
                        note(project.code, "laut Enddatum vor dem Planungszeitraum beendet")
                        excluded.append(project.code)
                        continue
                    }
                    profile.dropFirst(passed)
                    usage = usage.mapValues { Array($0.dropFirst(passed)) }
                    start = 0
                    note(project.code, "Beginn vor dem Planungszeitraum: nur die verbleibenden \(input.periodLength == .halfYear ? "Halbjahre" : "Jahre") zählen")
                }
                guard start < horizon else {
                    note(project.code, "läuft, beginnt aber erst nach dem Planungszeitraum")
                    excluded.append(project.code)
                    continue
                }
                if start + profile.duration > horizon {
                    profile.duration = horizon - start
                    usage = usage.mapValues { Array($0.prefix(horizon - start)) }
                    note(project.code, "läuft über den Planungszeitraum hinaus: nur die Zeiträume bis \(input.periodLabels[horizon - 1]) zählen")
                }
                earliestStart = start
                latestFinish = start + profile.duration - 1
                inProgress.insert(project.code)
            }
            if let deadline = project.legalDeadline.flatMap(input.period(containing:)), deadline < horizon - 1 {
                latestFinish = min(latestFinish ?? deadline, deadline)
            }
            if let override = project.mandatoryOverride { mandatory = override }
            candidates[project.code] = RoadmapProblem.Project(
                id: project.code, title: project.title, value: project.value, duration: profile.duration, usage: usage,
                earliestStart: earliestStart, latestFinish: latestFinish, mandatory: mandatory, after: [])
        }
        for code in unlimitedDepartments.sorted() {
            planNotes.append("Personal von \(code) ohne Kapazitätsangabe im Plan: nicht begrenzt.")
        }

        // Dependencies, until no more projects drop out because something they need is not in the plan.
        var conflicts: [RoadmapConflict] = []
        var dropped = true
        while dropped {
            dropped = false
            for project in input.projects where candidates[project.code] != nil && !inProgress.contains(project.code) {
                let outside = project.dependsOn.filter { candidates[$0] == nil && !completed.contains($0) }.withoutRepeats()
                guard !outside.isEmpty else {
                    candidates[project.code]!.after = project.dependsOn.filter { candidates[$0] != nil }.withoutRepeats()
                    continue
                }
                for code in outside { note(project.code, "Abhängigkeit von \(code) außerhalb des Plans") }
                if candidates[project.code]!.mandatory {
                    conflicts.append(RoadmapConflict(kind: .mandatoryPredecessorImpossible, projects: [project.code] + outside,
                        message: "Pflichtprojekt \(project.code) setzt \(PlanningText.german.list(outside)) voraus, "
                            + "\(outside.count == 1 ? "das" : "die") nicht im Plan \(outside.count == 1 ? "ist" : "sind")."))
                }
                candidates[project.code] = nil
                excluded.append(project.code)
                dropped = true
            }
        }
        for project in input.projects where inProgress.contains(project.code) {
            let open = project.dependsOn.filter { !completed.contains($0) }
            if !open.isEmpty { note(project.code, "läuft bereits: Abhängigkeiten von \(PlanningText.german.list(open)) gelten als erfüllt") }
        }

        let problem = RoadmapProblem(name: input.name, periods: input.periodLabels, discount: input.discount,
                                     resources: budgetResources + staffResources,
                                     projects: input.projects.compactMap { candidates[$0.code] })
        let order = Dictionary(input.projects.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { first, _ in first })
        return RoadmapAssemblyOutcome(problem: problem, notes: notes, planNotes: planNotes,
                                      excluded: excluded.withoutRepeats().sorted { (order[$0] ?? 0) < (order[$1] ?? 0) },
                                      conflicts: conflicts)
    }
}
