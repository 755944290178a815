import FahrplanCore
import Fluent
import Vapor

/// Builds the round page: settings, weights, scope, raters' progress and the status steps — as forms for the
/// strategy team while the round is not closed, as facts for everyone else.
struct RoundPageBuilder {
    var req: Request
    var context: MunicipalityContext
    /// What was typed into the form that failed, shown again instead of what is stored.
    var typed = Typed()

    struct Typed {
        var settings: RoundForm?
        /// A refused stale settings save: what others changed since the form was loaded.
        var conflict: ConflictPanel?
        var scope: ScopeForm?
        var weights: [String: String]?
        var close: CloseForm?
    }

    /// Up to this many projects, the scope is listed on the round page itself.
    static let scopeListLimit = 150

    func page(_ round: PrioritizationRound, notice: String?, problems: [FieldProblem] = []) async throws -> RoundPage {
        let lang = req.language
        let slug = context.municipality.slug
        let link = { (page: MunicipalityPage.RoundPage) in SiteURL.municipality(slug, .round(.value(round.id), page)).path }
        let service = RoundService(db: req.db, context: context)
        let ratings = RatingService(db: req.db, context: context)
        let status = round.roundStatus
        let isTeam = context.permissions.canManagePrioritization
        let editable = isTeam && status != .closed
        let criteria = try await service.criteria(of: round)
        // The raters' counts and the missing values come from the round's cache while its data are unchanged; a
        // request reads the stamp instead of counting 30,000 scores.
        let cache = req.application.roundResultsCache
        let db = req.db
        let stamp = try await cache.stamp(round, context: context, criteria: criteria, on: db)
        let counts = try await cache.value(stamp, "progress") { try await RoundProgress.counts(round, on: db) }
        let progress = try await RoundProgress.load(round, on: db, counts: counts)
        let scopeSize = stamp.projects
        let entry = try await ratings.raterEntry(round)
        // One read of the person's rater entry for all three (each used to read it again).
        let mayCompare = PairwiseService(db: req.db, context: context).mayCompare(entry: entry)
        let maySeeResults = ratings.maySeeResults(round, entry: entry)

        // Weights: points as stored (or as typed), and each one's share of the total.
        let total = criteria.reduce(0) { $0 + $1.weight }
        var labels: [String: String] = [:]
        let weights = criteria.map { row -> RoundPage.WeightRow in
            labels["weights.\(row.key)"] = "\(req.t("prio.weight")) – \(row.name)"
            return RoundPage.WeightRow(
                key: row.key, name: row.name, url: row.catalogCriterionID.map { SiteURL.municipality(slug, .criterion(.value($0))).path },
                source: SetupDisplay.source(row.criterion.source, lang),
                points: typed.weights?[row.key] ?? SetupDisplay.points(row.weight),
                percent: total > 0 ? SetupDisplay.percent(row.weight / total, lang) : "–", error: nil)
        }
        let (lines, byField) = req.problemLines(problems, labels: labels)
        let weightRows = weights.map { row in
            var row = row
            row.error = byField["weights.\(row.key)"]
            return row
        }

        // A big municipality's scope is summarized with a link to the full list: 2,000 projects as checkboxes were
        // 760 KB on every visit of the round page. The list is there after `?scope=all` and after a refused save.
        let listed = editable ? try await Project.query(on: req.db).filter(\.$municipality.$id == context.municipalityID)
            .filter(\.$archivedAt == nil).count() : scopeSize
        let listScope = typed.scope != nil || req.query[String.self, at: "scope"] == "all" || listed <= Self.scopeListLimit
        // The scope's ids only when the list is shown (500 ids read and parsed on every visit otherwise).
        let inScope = listScope ? Set(try await service.projectIDs(of: round).map(\.uuidString)) : []
        let selectedProjects = typed.scope.map { Set($0.projectIDs ?? []) } ?? inScope
        let allProjects = listScope ? try await projectChoices(selected: selectedProjects) : []
        let projects = editable ? allProjects : allProjects.filter { inScope.contains($0.id) }
        let scopeSummary = listScope ? nil : RoundPage.ScopeSummary(
            text: lang == .de ? "\(scopeSize) von \(listed) Projekten der Kommune sind in der Runde."
                              : "\(scopeSize) of the municipality's \(listed) projects are in the round.",
            url: link(.show) + "?scope=all#scope-heading", label: req.t(editable ? "prio.editScope" : "prio.showScope"))
        let currentRaters = Set(progress.raters.map(\.userID.uuidString))
        let chosenRaters = typed.scope.map { Set($0.raterIDs ?? []) } ?? currentRaters
        let raterOptions = editable ? try await service.eligibleRaters().map {
            Option(value: $0.id?.uuidString ?? "", label: $0.displayName, selected: chosenRaters.contains($0.id?.uuidString ?? ""))
        } : []

        var close: RoundPage.CloseSection?
        if isTeam && status == .rating {
            let context = context
            let missing = try await cache.value(stamp, "missing") {
                try await cache.evaluation(round, stamp: stamp, context: context, on: db).missing.count
            }
            let typedClose = typed.close
            let askPolicy = missing > 0 || byField["missingPolicy"] != nil
            close = .init(
                action: link(.close),
                missingText: missing > 0 ? (lang == .de ? "Es \(missing == 1 ? "fehlt 1 Wert" : "fehlen \(missing) Werte") (Projekt × Kriterium ohne Bewertung oder ohne Angabe im Steckbrief)."
                                                        : "\(missing == 1 ? "1 value is" : "\(missing) values are") missing (project × criterion without a rating or without the figure in the profile).") : nil,
                policies: askPolicy ? MissingRatingsPolicy.allCases.map {
                    ExplainedOption(value: $0.rawValue, label: req.t("prio.policy.\($0.rawValue)"), hint: req.t("prio.policyHint.\($0.rawValue)"),
                                    selected: typedClose?.missingPolicy == $0.rawValue)
                } : nil,
                decidedBy: typedClose?.decidedBy ?? "",
                decidedOn: typedClose?.decidedOn ?? SetupDisplay.day(req.municipalCalendar.today, lang),
                rationale: typedClose?.rationale ?? "")
        }

        let settingsForm = typed.settings ?? RoundForm(round)
        let rated = progress.raters.map { rater in
            RoundPage.RaterProgress(name: rater.name, rated: rater.rated, needed: progress.needed,
                                    text: RoundProgress.text(rated: rater.rated, needed: progress.needed, lang),
                                    submitted: rater.submittedAt.map { "\(req.t("prio.submittedOn")) \(SetupDisplay.day($0, lang, in: req.municipalCalendar))" })
        }
        return RoundPage(
            chrome: context.chrome(req, title: round.title, section: "prioritization"),
            overviewURL: SiteURL.municipality(slug, .prioritization()).path, title: round.title,
            statusLabel: SetupDisplay.status(status, lang), statusClass: SetupDisplay.statusClass(status),
            descriptionHTML: round.description.isEmpty ? nil : SafeMarkdown.html(round.description),
            notice: notice, problems: lines, fieldErrors: byField,
            closedNote: status == .closed ? closedNote(round, lang) : nil,
            draftNote: status == .draft ? req.t(isTeam ? "prio.draftNoteTeam" : "prio.draftNote") : nil,
            editable: editable,
            rateURL: entry != nil && status != .draft ? link(.rate) : nil,
            rateLabel: req.t(status == .rating && entry?.submittedAt == nil ? "prio.rateNow" : "prio.ownRatings"),
            ahpURL: mayCompare ? link(.ahp) : nil,
            rankingURL: status != .draft && maySeeResults ? link(.ranking) : nil,
            historyURL: context.permissions.canReadAudit ? link(.history) : nil,
            facts: facts(round, lang),
            settingsAction: link(.show), settings: Self.settingsValues(settingsForm),
            settingsVersion: settingsForm.version, conflict: typed.conflict,
            aggregationOptions: Self.aggregationOptions(settingsForm.aggregation, lang),
            weightsAction: link(.weights), weighting: req.t("prio.weighting.\(round.weightingMethod.rawValue)"),
            weights: weightRows, weightsTotal: SetupDisplay.number(total, decimals: 2, lang),
            scopeAction: link(.scope), projects: projects.isEmpty ? nil : projects, projectCount: scopeSize, scopeSummary: scopeSummary,
            raters: raterOptions.isEmpty ? nil : raterOptions,
            raterNames: progress.raters.isEmpty ? nil : progress.raters.map(\.name).joined(separator: ", "),
            progress: rated.isEmpty ? nil : rated,
            openURL: isTeam && status == .draft ? link(.open) : nil,
            close: close)
    }

    private func closedNote(_ round: PrioritizationRound, _ lang: Language) -> String {
        let day = SetupDisplay.day(round.closedAt, lang, in: req.municipalCalendar)
        let by = round.closedByName ?? "–"
        return lang == .de
            ? "Diese Runde wurde am \(day) von \(by) abgeschlossen. Sie ändert sich nicht mehr: Einstellungen, Gewichte, Umfang und Bewertungen sind festgeschrieben."
            : "This round was closed on \(day) by \(by). It does not change any more: settings, weights, scope and ratings are fixed."
    }

    private func facts(_ round: PrioritizationRound, _ lang: Language) -> [RoundPage.Fact] {
        func yesNo(_ value: Bool) -> String { req.t(value ? "prio.yes" : "prio.no") }
        var facts: [RoundPage.Fact] = [
            .init(label: req.t("field.aggregation"), value: req.t("prio.aggregation.\(round.aggregationMethod.rawValue)")),
            .init(label: req.t("field.topN"), value: "\(round.topN)"),
            .init(label: req.t("field.legalDeadlineFirst"), value: yesNo(round.legalDeadlineFirst)),
            .init(label: req.t("field.inheritUrgency"), value: yesNo(round.inheritUrgency)),
            .init(label: req.t("prio.weightingMethod"), value: req.t("prio.weighting.\(round.weightingMethod.rawValue)")),
        ]
        if let name = round.createdByName { facts.append(.init(label: req.t("prio.createdBy"), value: "\(name), \(SetupDisplay.day(round.createdAt, lang, in: req.municipalCalendar))")) }
        if let opened = round.openedAt { facts.append(.init(label: req.t("prio.openedOn"), value: SetupDisplay.day(opened, lang, in: req.municipalCalendar))) }
        if let closed = round.closedAt {
            facts.append(.init(label: req.t("prio.closedOn"), value: "\(SetupDisplay.day(closed, lang, in: req.municipalCalendar)) (\(round.closedByName ?? "–"))"))
        }
        if let policy = round.missingPolicy.flatMap(MissingRatingsPolicy.init(rawValue:)) {
            facts.append(.init(label: req.t("field.missingPolicy"), value: req.t("prio.policy.\(policy.rawValue)")))
        }
        return facts
    }

    /// The municipality's active projects for a scope choice; `selected` nil ticks the open ones (what a new
    /// round takes by default).
    func projectChoices(selected: Set<String>?) async throws -> [ProjectChoice] {
        let lang = req.language
        let slug = context.municipality.slug
        let open = Set(RoundSettings.defaultProjectStatuses.map(\.rawValue))
        let rows = try await Project.query(on: req.db).filter(\.$municipality.$id == context.municipalityID).filter(\.$archivedAt == nil)
            .sort(\.$code).field(\.$id).field(\.$code).field(\.$title).field(\.$status).all()
        return rows.map { project in
            let id = project.id?.uuidString ?? ""
            let status = ProjectStatus(rawValue: project.status)
            return ProjectChoice(id: id, code: project.code, title: project.title, url: SiteURL.municipality(slug, .project(.value(project.id))).path,
                                 status: project.status, statusLabel: status.map { PortfolioDisplay.status($0, lang) } ?? project.status,
                                 selected: selected.map { $0.contains(id) } ?? open.contains(project.status))
        }
    }

    static func settingsValues(_ form: RoundForm) -> RoundSettingsValues {
        RoundSettingsValues(title: form.title ?? "", description: form.description ?? "", topN: form.topN ?? "",
                            legalDeadlineFirst: form.legalDeadlineFirst == "true", inheritUrgency: form.inheritUrgency == "true")
    }

    static func aggregationOptions(_ current: String?, _ lang: Language) -> [ExplainedOption] {
        Aggregation.allCases.map {
            ExplainedOption(value: $0.rawValue, label: Strings.text("prio.aggregation.\($0.rawValue)", lang),
                            hint: Strings.text("prio.aggregationHint.\($0.rawValue)", lang),
                            selected: $0.rawValue == (current ?? Aggregation.mean.rawValue))
        }
    }
}
