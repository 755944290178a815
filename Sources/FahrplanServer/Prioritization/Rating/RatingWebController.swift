import FahrplanCore
import Fluent
import Vapor

/// The rater's form: scores with justifications per project and criterion, saved as often as needed, then
/// handed in once (after a confirmation). Only the round's raters reach these pages; nobody else's scores
/// appear here.
struct RatingWebController {
    func register(on routes: any RoutesBuilder) {
        let pages = routes.municipalityPages
        pages.get(.round(.key, .rate), use: form)
        pages.post(.round(.key, .rate), use: save)
        pages.get(.round(.key, .rateSubmit), use: confirmSubmit)
        pages.post(.round(.key, .rateSubmit), use: submit)
    }

    private func rater(_ req: Request) async throws -> (MunicipalityContext, PrioritizationRound, RoundRater) {
        let context = try await req.municipalityContext()
        let round = try await RoundService(db: req.db, context: context).round(req.parameters.get("round"))
        guard let entry = try await RatingService(db: req.db, context: context).raterEntry(round) else { throw FahrplanError.forbidden }
        return (context, round, entry)
    }

    func form(_ req: Request) async throws -> View {
        let (context, round, entry) = try await rater(req)
        var notice: String?
        if req.query[String.self, at: "saved"] != nil { notice = req.t("prio.ratingsSaved") }
        if req.query[String.self, at: "submitted"] != nil { notice = req.t("prio.ratingsSubmitted") }
        let builder = RatingPageBuilder(req: req, context: context, round: round, entry: entry)
        let page = try await builder.page(filter: req.query[String.self, at: "filter"], page: req.query[Int.self, at: "page"],
                                          notice: notice, typed: nil, problems: [])
        return try await req.view.render("prioritization/rate", page)
    }

    func save(_ req: Request) async throws -> Response {
        let (context, round, entry) = try await rater(req)
        if entry.submittedAt != nil { return try await alreadySubmitted(req, context, round, entry) }
        return try await req.handleForm(RatingForm.self, perform: { form -> RatingForm in
            try await RatingService(db: req.db, context: context).save(round, form.inputs, submit: false)
            return form
        }, onInvalid: { form, problems in
            let builder = RatingPageBuilder(req: req, context: context, round: round, entry: entry)
            let page = try await builder.page(filter: form.filter, page: form.page.flatMap(Int.init), notice: nil,
                                              typed: form.inputs, problems: problems)
            return try await req.view.render("prioritization/rate", page)
        }, success: { form in
            let link = { (page: MunicipalityPage.RoundPage) in SiteURL.municipality(context.municipality.slug, .round(.value(round.id), page)).path }
            if form.intent == "submit" { return link(.rateSubmit) }
            var query = ["saved=1"]
            if form.filter == "open" { query.append("filter=open") }
            if let page = form.page.flatMap(Int.init), page > 1 { query.append("page=\(page)") }
            return link(.rate) + "?" + query.joined(separator: "&")
        })
    }

    func confirmSubmit(_ req: Request) async throws -> Response {
        let (context, round, entry) = try await rater(req)
        let link = { (page: MunicipalityPage.RoundPage) in SiteURL.municipality(context.municipality.slug, .round(.value(round.id), page)).path }
        guard round.roundStatus == .rating, entry.submittedAt == nil else { return req.redirect(to: link(.rate), redirectType: .normal) }
        let lang = req.language
        let progress = try await RoundProgress.load(round, on: req.db)
        let rated = progress.raters.first { $0.userID == context.user.id }?.rated ?? 0
        let missing = progress.needed - rated
        let page = SubmitRatingsPage(
            chrome: context.chrome(req, title: "\(req.t("prio.submitRatings")): \(round.title)", section: "prioritization"),
            overviewURL: SiteURL.municipality(context.municipality.slug, .prioritization()).path,
            roundURL: link(.show), rateURL: link(.rate), roundTitle: round.title, action: link(.rateSubmit),
            progressText: RoundProgress.text(rated: rated, needed: progress.needed, lang),
            missingText: missing > 0 ? (lang == .de ? "\(missing == 1 ? "1 Bewertung fehlt" : "\(missing) Bewertungen fehlen") noch. Fehlende Werte bleiben leer – niemand ergänzt sie für Sie."
                                                    : "\(missing == 1 ? "1 rating is" : "\(missing) ratings are") still missing. Missing values stay empty – nobody fills them in for you.") : nil)
        return try await req.view.render("prioritization/round-submit", page).encodeResponse(for: req)
    }

    func submit(_ req: Request) async throws -> Response {
        let (context, round, entry) = try await rater(req)
        if entry.submittedAt != nil { return try await alreadySubmitted(req, context, round, entry) }
        do {
            try await RatingService(db: req.db, context: context).save(round, [], submit: true)
            return req.redirect(to: SiteURL.municipality(context.municipality.slug, .round(.value(round.id), .rate)).path(query: "submitted=1"), redirectType: .normal)
        } catch let failure as ValidationFailure {
            let builder = RatingPageBuilder(req: req, context: context, round: round, entry: entry)
            let page = try await builder.page(filter: nil, page: nil, notice: nil, typed: nil, problems: failure.problems)
            return try await req.view.render("prioritization/rate", page).response(.unprocessableEntity, for: req)
        }
    }

    /// Handed-in scores do not change: the page says so (409), read-only.
    private func alreadySubmitted(_ req: Request, _ context: MunicipalityContext, _ round: PrioritizationRound, _ entry: RoundRater) async throws -> Response {
        let builder = RatingPageBuilder(req: req, context: context, round: round, entry: entry)
        let page = try await builder.page(filter: nil, page: nil, notice: nil, typed: nil, problems: [])
        return try await req.view.render("prioritization/rate", page).response(.conflict, for: req)
    }
}
