import FahrplanCore
import Fluent
import Foundation

extension ScaleMunicipalityWriter {
    /// `options.projects` projects spread over the offices, with costs, effort, goal links, a few dependencies,
    /// through `ProjectWriter` (status history, audit events, totals and search text as every other write).
    func writeProjects(_ db: any Database, municipalityID: UUID, offices: [UUID], goals: [UUID], actor: CurrentUser,
                       random: inout SplitMix64) async throws -> [Project] {
        guard options.projects > 0 else { return [] }
        var references = try await PortfolioReferences.load(on: db, municipalityID: municipalityID)
        var drafts: [ProjectDraft] = []
        drafts.reserveCapacity(options.projects)
        var titles: [String: Int] = [:]
        let year = Int(app.municipalCalendar.today.iso.prefix(4)) ?? 2026
        for number in 1...options.projects {
            let code = String(format: "P-%04d", number)
            let (object, kind) = Content.objects[random.int(0..<Content.objects.count)]
            let action = Content.actions[random.int(0..<Content.actions.count)]
            var title = "\(action) \(object)"
            titles[title, default: 0] += 1
            if let seen = titles[title], seen > 1 { title += " – Los \(seen)" }
            let department = offices[random.int(0..<offices.count)]
            let start = year + random.int(0...2)
            let costs = (0..<random.int(1...3)).map {
                CostLine(year: start + $0, oneOffCents: Int64(random.int(5...400)) * 100_000, runningCents: Int64(random.int(0...40)) * 100_000)
            }
            let effort = [ProjectDraft.ResolvedEffort(departmentID: department, year: start, fteHundredths: random.int(10...150))]
            let legal = random.uniform() < 0.12
            let beneficiaries = Beneficiary.allCases.filter { _ in random.uniform() < 0.5 }
            let person = Content.people[random.int(0..<Content.people.count)]
            let values = ProjectValues.stored(
                code: code, title: title, summary: "\(title) im Rahmen der Digitalen Agenda.",
                description: "Das Vorhaben „\(title)“ verbessert Abläufe und Leistungen; Umsetzung ab \(start).",
                departmentID: department.uuidString, responsiblePerson: person, kind: kind, legalObligation: legal,
                legalReference: legal ? "OZG § 1a" : nil, legalDeadline: legal ? CalendarDay(iso: "\(start + 1)-12-31") : nil,
                administrativeService: kind == .onlineService ? object : nil, beneficiaries: beneficiaries,
                benefitDescription: "Weniger Wege und kürzere Bearbeitungszeiten.", hoursSavedPerYear: random.int(0...2_000),
                citizenHoursSavedPerYear: kind == .onlineService ? random.int(100...5_000) : nil,
                startOn: CalendarDay(iso: "\(start)-0\(random.int(1...9))-01"), endOn: CalendarDay(iso: "\(start + 2)-12-31"),
                risks: random.uniform() < 0.3 ? "Abhängigkeit vom Fachverfahrenshersteller." : nil,
                tags: Content.tags.filter { _ in random.uniform() < 0.2 }, costs: costs)
            let project = Project(municipalityID: municipalityID, code: code)
            project.id = UUID()
            ProjectDraft.apply(values, department: department, effort: effort, to: project)
            project.status = Content.status(&random).rawValue
            let linked = Array(Set((0..<random.int(1...2)).map { _ in goals[random.int(0..<goals.count)] })).sorted { $0.uuidString < $1.uuidString }
            var dependencies: [UUID] = []
            if drafts.count > 5, random.uniform() < 0.05, let earlier = drafts[random.int(0..<drafts.count)].project.id {
                dependencies.append(earlier)
            }
            references.addProject(id: project.id!, code: code, title: title)
            drafts.append(ProjectDraft(project: project, isNew: true, elementIDs: linked, dependencyIDs: dependencies, costs: costs,
                                       effort: effort, before: [:]))
        }
        try await ProjectWriter(db: db, municipalityID: municipalityID, actor: actor, references: references, creationReason: nil).write(drafts)
        return drafts.map(\.project)
    }

    /// The default criteria catalog, one round over `options.roundProjects` projects (those a round takes by
    /// default first), opened and rated by the raters; the last of several raters has done 60 % and not submitted.
    /// Returns the round's project count and the ratings written.
    func prioritize(_ db: any Database, context: MunicipalityContext, projects: [Project], raters: [User],
                    random: inout SplitMix64) async throws -> (Int, Int) {
        guard options.roundProjects > 0, !projects.isEmpty else { return (0, 0) }
        _ = try await CriteriaCatalogService(db: db, context: context).loadDefaults(english: false)
        let preferred = RoundSettings.defaultProjectStatuses
        let closed: [ProjectStatus] = [.completed, .cancelled]
        let ordered = projects.filter { preferred.contains($0.projectStatus) }
            + projects.filter { !preferred.contains($0.projectStatus) && !closed.contains($0.projectStatus) }
            + projects.filter { closed.contains($0.projectStatus) }
        let scope = Array(ordered.prefix(options.roundProjects))
        let rounds = RoundService(db: db, context: context)
        let round = try await rounds.create(RoundInput(
            title: "Priorisierung Haushalt \((Int(context.calendar.today.iso.prefix(4)) ?? 2026) + 1)",
            description: "Reihung der Vorhaben für den Haushaltsentwurf nach dem Kriterienkatalog.",
            aggregation: Aggregation.mean.rawValue, topN: "\(max(1, min(20, scope.count)))",
            projectIDs: scope.compactMap { $0.id?.uuidString }, raterIDs: raters.compactMap { $0.id?.uuidString }))
        try await rounds.open(round)
        let criteria = try await rounds.criteria(of: round).filter { $0.criterion.source == .rating }
        // Each project has a merit the raters roughly agree on; each rater adds a little noise.
        let merit = scope.map { _ in random.uniform() }
        var written = 0
        for (number, rater) in raters.enumerated() {
            let partial = raters.count > 1 && number == raters.count - 1
            let share = partial ? scope.count * 6 / 10 : scope.count
            var inputs: [RatingInput] = []
            inputs.reserveCapacity(share * criteria.count)
            for (position, project) in scope.prefix(share).enumerated() {
                for criterion in criteria {
                    let levels = criterion.criterion.levels.map(\.value).sorted()
                    guard !levels.isEmpty else { continue }
                    let value = min(0.999, max(0, merit[position] + 0.3 * (random.uniform() - 0.5)))
                    inputs.append(RatingInput(projectID: project.id!.uuidString, criterionKey: criterion.key,
                                              score: "\(levels[Int(value * Double(levels.count))])"))
                }
            }
            let raterContext = MunicipalityContext(municipality: context.municipality, municipalityID: context.municipalityID,
                                                   user: CurrentUser(rater), role: .rater,
                                                   permissions: Permissions(role: .rater, isInstallationAdmin: false), calendar: context.calendar)
            try await RatingService(db: db, context: raterContext).save(round, inputs, submit: !partial)
            written += inputs.count
        }
        return (scope.count, written)
    }
}
