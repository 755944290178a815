import FahrplanCore
import Fluent
import Vapor

/// Pairwise comparisons (AHP) in the browser: every pair of the round's criteria on Saaty's scale in words,
/// the person's own consistency, the group's weights (geometric mean of everyone who compared all pairs) with
/// λmax, CI and CR, and — for the strategy team — adopting the group's weights for the round.
struct PairwiseWebController {
    func register(on routes: any RoutesBuilder) {
        let pages = routes.municipalityPages
        pages.get(.round(.key, .ahp), use: form)
        pages.post(.round(.key, .ahp), use: save)
        pages.post(.round(.key, .adoptAHP), use: adopt)
    }

    private func participant(_ req: Request) async throws -> (MunicipalityContext, PrioritizationRound) {
        let context = try await req.municipalityContext()
        let round = try await RoundService(db: req.db, context: context).round(req.parameters.get("round"))
        try context.require(try await PairwiseService(db: req.db, context: context).mayCompare(round))
        return (context, round)
    }

    func form(_ req: Request) async throws -> View {
        let (context, round) = try await participant(req)
        let notice = req.query[String.self, at: "saved"] != nil ? req.t("prio.comparisonsSaved") : nil
        return try await req.view.render("prioritization/ahp", try await page(req, context, round, notice: notice, typed: nil, problems: []))
    }

    func save(_ req: Request) async throws -> Response {
        let (context, round) = try await participant(req)
        return try await req.handleForm(PairwiseForm.self, perform: { form in
            try await PairwiseService(db: req.db, context: context).save(round, form.inputs)
        }, onInvalid: { form, problems in
            let page = try await page(req, context, round, notice: nil, typed: form.inputs, problems: problems)
            return try await req.view.render("prioritization/ahp", page)
        }, success: { _ in
            SiteURL.municipality(context.municipality.slug, .round(.value(round.id), .ahp)).path(query: "saved=1")
        })
    }

    func adopt(_ req: Request) async throws -> Response {
        let (context, round) = try await participant(req)
        do {
            try await PairwiseService(db: req.db, context: context).adopt(round)
            return req.redirect(to: SiteURL.municipality(context.municipality.slug, .round(.value(round.id))).path + "?adopted=1", redirectType: .normal)
        } catch let failure as ValidationFailure {
            let page = try await page(req, context, round, notice: nil, typed: nil, problems: failure.problems)
            return try await req.view.render("prioritization/ahp", page).response(.unprocessableEntity, for: req)
        }
    }

    // MARK: page

    private func page(_ req: Request, _ context: MunicipalityContext, _ round: PrioritizationRound, notice: String?,
                      typed: [PairwiseInput]?, problems: [FieldProblem]) async throws -> PairwisePage {
        let lang = req.language
        let link = { (page: MunicipalityPage.RoundPage) in SiteURL.municipality(context.municipality.slug, .round(.value(round.id), page)).path }
        let service = PairwiseService(db: req.db, context: context)
        let result = try await service.group(round)
        let criteria = result.criteria
        let names = criteria.map(\.name)
        let nameOf = Dictionary(criteria.map { ($0.key, $0.name) }, uniquingKeysWith: { a, _ in a })
        let own = try await service.ownJudgments(round)
        let closed = round.roundStatus == .closed

        var typedValues: [String: String] = [:]
        var labels: [String: String] = [:]
        var pairOfField: [String: String] = [:]
        for (index, input) in (typed ?? []).enumerated() {
            typedValues["\(input.a)|\(input.b)"] = input.value
            let label = "\(nameOf[input.a] ?? input.a) – \(nameOf[input.b] ?? input.b)"
            labels["comparisons[\(index)]"] = label
            labels["comparisons[\(index)].value"] = label
            pairOfField["comparisons[\(index)]"] = "\(input.a)|\(input.b)"
            pairOfField["comparisons[\(index)].value"] = "\(input.a)|\(input.b)"
        }
        let (lines, byField) = req.problemLines(problems, labels: labels)
        var pairErrors: [String: String] = [:]
        for (field, message) in byField { if let pair = pairOfField[field] { pairErrors[pair] = message } }

        var pairs: [PairwisePage.Pair] = []
        for i in criteria.indices {
            for j in criteria.indices where j > i {
                let a = criteria[i], b = criteria[j]
                let key = "\(a.key)|\(b.key)"
                let chosen = typedValues[key] ?? own[key].map(SetupDisplay.saaty) ?? ""
                let options = [Option(value: "", label: req.t("prio.notCompared"), selected: chosen.isEmpty)] + SetupDisplay.saatyScale.map { value in
                    let text = SetupDisplay.saaty(value)
                    return Option(value: text, label: SetupDisplay.saatyPhrase(value, a: a.name, b: b.name, lang), selected: text == chosen)
                }
                pairs.append(.init(id: "pair-\(i)-\(j)", a: a.key, b: b.key,
                                   label: lang == .de ? "\(a.name) im Vergleich zu \(b.name)" : "\(a.name) compared with \(b.name)",
                                   options: options, error: pairErrors[key],
                                   chosen: options.first { $0.selected && !$0.value.isEmpty }?.label))
            }
        }

        let mine = result.participants.first { $0.userID == context.user.id }?.result
        let participants = result.participants.map { participant in
            PairwisePage.Participant(name: participant.name, complete: req.t(participant.complete ? "prio.complete" : "prio.incomplete"),
                                     consistencyRatio: participant.result.map { SetupDisplay.number($0.consistencyRatio, decimals: 3, lang) } ?? "–")
        }
        let title = "\(req.t("prio.ahp")): \(round.title)"
        return PairwisePage(
            chrome: context.chrome(req, title: title, section: "prioritization"),
            overviewURL: SiteURL.municipality(context.municipality.slug, .prioritization()).path,
            roundURL: link(.show), roundTitle: round.title, heading: title, notice: notice, problems: lines,
            readOnlyNote: closed ? req.t("prio.ahpClosed") : nil,
            action: closed ? nil : link(.ahp),
            pairs: pairs.isEmpty ? nil : pairs, tooFew: criteria.count < 2,
            own: mine.map { view($0, names: names, lang) },
            group: result.group.map { view($0, names: names, lang) },
            participants: participants.isEmpty ? nil : participants,
            adoptURL: context.permissions.canManagePrioritization && !closed && result.group != nil ? link(.adoptAHP) : nil,
            weightingNote: req.t("prio.weightingNow.\(round.weightingMethod.rawValue)"))
    }

    /// Weights, the consistency figures and — above CR 0.10 — the comparisons that add most to the
    /// inconsistency, each with the Saaty value the weights suggest.
    private func view(_ result: AHPResult, names: [String], _ lang: Language) -> PairwisePage.Result {
        func name(_ index: Int) -> String { index < names.count ? names[index] : "\(index + 1)" }
        let worst: [String] = result.isAcceptable ? [] : result.inconsistencies
            // A suggestion equal to the judgment helps nobody; name the pairs where the weights say something else.
            .filter { $0.contribution > 0 && AHP.nearestSaatyValue($0.given) != $0.suggested }.prefix(3).map { item -> String in
            let a = name(item.row), b = name(item.column)
            let given = SetupDisplay.saatyPhrase(item.given, a: a, b: b, lang)
            let suggested = SetupDisplay.saatyPhrase(item.suggested, a: a, b: b, lang)
            let share = SetupDisplay.percent(item.contribution, lang)
            return lang == .de
                ? "\(a) – \(b): angegeben „\(given)“, aus den Gewichten folgt eher „\(suggested)“ (Anteil an der Inkonsistenz \(share))."
                : "\(a) – \(b): given “\(given)”, the weights rather imply “\(suggested)” (share of the inconsistency \(share))."
        }
        return PairwisePage.Result(
            weights: result.weights.enumerated().map { index, weight in
                PairwisePage.Share(name: name(index), percent: SetupDisplay.percent(weight, lang), value: String(format: "%.4f", weight))
            },
            lambdaMax: SetupDisplay.number(result.lambdaMax, decimals: 3, lang),
            consistencyIndex: SetupDisplay.number(result.consistencyIndex, decimals: 3, lang),
            randomIndex: SetupDisplay.number(result.randomIndex, decimals: 2, lang),
            consistencyRatio: SetupDisplay.number(result.consistencyRatio, decimals: 3, lang),
            acceptable: result.isAcceptable, worst: worst.isEmpty ? nil : worst)
    }
}
