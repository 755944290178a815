import FahrplanCore
import Fluent
import Vapor

/// The profile form as it is posted: line tables come as parallel arrays (`costYear[]`, `costOneOff[]` …)
/// so empty rows keep their position and problems can name the row.
struct ProjectForm: Content, VersionedForm {
    var code: String?
    var title: String?
    var summary: String?
    var description: String?
    var departmentID: String?
    var responsiblePerson: String?
    var kind: String?
    var legalObligation: String?
    var legalReference: String?
    var legalDeadline: String?
    var administrativeService: String?
    var beneficiaries: [String]?
    var benefitDescription: String?
    var hoursSavedPerYear: String?
    var citizenHoursSavedPerYear: String?
    var businessHoursSavedPerYear: String?
    var startOn: String?
    var endOn: String?
    var risks: String?
    /// Comma- or semicolon-separated.
    var tags: String?
    var strategyElementIDs: [String]?
    var dependencyIDs: [String]?
    var costYear: [String]?
    var costOneOff: [String]?
    var costRunning: [String]?
    var effortDepartment: [String]?
    var effortYear: [String]?
    var effortFTE: [String]?
    var callID: String?
    /// The edit version the form was loaded with (optimistic concurrency).
    var version: Int?

    init() {}

    init(_ project: Project, _ details: ProjectDetails) {
        code = project.code; title = project.title; summary = project.summary; description = project.description
        departmentID = project.$department.id?.uuidString; responsiblePerson = project.responsiblePerson; kind = project.kind
        legalObligation = project.legalObligation ? "true" : nil; legalReference = project.legalReference
        legalDeadline = project.legalDeadline; administrativeService = project.administrativeService
        beneficiaries = project.beneficiaryList.map(\.rawValue); benefitDescription = project.benefitDescription
        hoursSavedPerYear = project.hoursSavedPerYear.map(String.init)
        citizenHoursSavedPerYear = project.citizenHoursSavedPerYear.map(String.init)
        businessHoursSavedPerYear = project.businessHoursSavedPerYear.map(String.init); startOn = project.startOn; endOn = project.endOn
        risks = project.risks; tags = project.tagList.joined(separator: ", ")
        strategyElementIDs = details.elementIDs.map(\.uuidString); dependencyIDs = details.dependencyIDs.map(\.uuidString)
        costYear = details.costs.map { String($0.year) }
        costOneOff = details.costs.map { LocaleNumber.german(cents: $0.oneOffCents) }
        costRunning = details.costs.map { LocaleNumber.german(cents: $0.runningCents) }
        effortDepartment = details.effort.map(\.departmentID.uuidString)
        effortYear = details.effort.map { String($0.year) }
        effortFTE = details.effort.map { LocaleNumber.german(hundredths: $0.fteHundredths) }
        version = project.version
    }

    var input: ProjectInput {
        func column(_ values: [String]?, _ index: Int) -> String? {
            guard let values, index < values.count else { return nil }
            return values[index]
        }
        let costCount = max(costYear?.count ?? 0, costOneOff?.count ?? 0, costRunning?.count ?? 0)
        let effortCount = max(effortDepartment?.count ?? 0, effortYear?.count ?? 0, effortFTE?.count ?? 0)
        // Rows left entirely blank are the spare rows of the form, not input.
        let costs = (0..<costCount).map { CostLineInput(year: column(costYear, $0), oneOff: column(costOneOff, $0), running: column(costRunning, $0)) }
        let effort = (0..<effortCount).map { EffortLineInput(departmentID: column(effortDepartment, $0), year: column(effortYear, $0), fte: column(effortFTE, $0)) }
        return ProjectInput(
            code: code, title: title, summary: summary, description: description, departmentID: departmentID,
            responsiblePerson: responsiblePerson, kind: kind, legalObligation: legalObligation ?? "false",
            legalReference: legalReference, legalDeadline: legalDeadline, administrativeService: administrativeService,
            beneficiaries: beneficiaries ?? [], benefitDescription: benefitDescription, hoursSavedPerYear: hoursSavedPerYear,
            citizenHoursSavedPerYear: citizenHoursSavedPerYear, businessHoursSavedPerYear: businessHoursSavedPerYear,
            startOn: startOn, endOn: endOn, risks: risks,
            tags: (tags ?? "").split(whereSeparator: { $0 == "," || $0 == ";" }).map(String.init),
            strategyElementIDs: (strategyElementIDs ?? []).filter { !$0.isEmpty },
            dependencyIDs: (dependencyIDs ?? []).filter { !$0.isEmpty },
            costs: costs, effort: effort)
    }
}

/// Renders the profile form with its options, the values as typed and every problem next to its field.
struct ProjectFormRenderer {
    var req: Request
    var context: MunicipalityContext

    static let spareRows = 3

    func render(project: Project?, form: ProjectForm, problems: [FieldProblem], conflict: ConflictPanel? = nil) async throws -> View {
        let slug = context.municipality.slug
        let lang = req.language
        let snapshot = try await req.application.strategySnapshots.snapshot(for: context, on: req.db)
        let directory = DepartmentDirectory(db: req.db, municipalityID: context.municipalityID)
        let allDepartments = try await directory.indentedOptions(selected: nil)
        var departmentOptions = allDepartments.map { Option(value: $0.value, label: $0.label, selected: $0.value == form.departmentID) }
        if !context.permissions.canManagePortfolio {
            departmentOptions = departmentOptions.filter { context.permissions.ownDepartmentIDs.contains($0.value) }
        }
        let others = try await Project.query(on: req.db).filter(\.$municipality.$id == context.municipalityID)
            .filter(\.$archivedAt == nil).sort(\.$code).field(\.$id).field(\.$code).field(\.$title).all()
            .filter { $0.id != project?.id }
        let selectedDependencies = Set(form.dependencyIDs ?? [])
        let (lines, byField) = req.problemLines(problems)
        let heading = project.map { "\(req.t("projects.title")): \($0.label)" } ?? req.t("projects.new")
        let currentYear = context.calendar.today.year

        func at(_ values: [String]?, _ index: Int) -> String { values.flatMap { index < $0.count ? $0[index] : nil } ?? "" }
        // Rows up to the last one with content, then the spare rows: a refused form keeps its row numbers
        // (problems name them) without growing by the posted blank rows on every attempt.
        func usedRows(_ columns: [[String]?]) -> Int {
            let length = columns.map { $0?.count ?? 0 }.max() ?? 0
            return (0..<length).last { index in columns.contains { !at($0, index).trimmingCharacters(in: .whitespaces).isEmpty } }.map { $0 + 1 } ?? 0
        }
        let costRows = usedRows([form.costYear, form.costOneOff, form.costRunning]) + Self.spareRows
        let effortRows = usedRows([form.effortDepartment, form.effortYear, form.effortFTE]) + Self.spareRows
        // Dates are typed as text (TT.MM.JJJJ): a stored ISO day is shown the German way, a wrong one as typed.
        func typedDay(_ raw: String?) -> String { PortfolioDisplay.day(raw, lang) ?? "" }

        var similar: [SimilarRow] = []
        if let project, problems.isEmpty {
            similar = try await PortfolioSimilarity(req: req, context: context).similar(to: project, limit: 3)
        }
        return try await req.view.render("projects/form", ProjectFormPage(
            chrome: context.chrome(req, title: heading, section: "projects"),
            heading: heading,
            action: project.map { SiteURL.municipality(slug, .project(.value($0.id))).path } ?? SiteURL.municipality(slug, .projects()).path,
            cancelURL: project.map { SiteURL.municipality(slug, .project(.value($0.id))).path } ?? SiteURL.municipality(slug, .projects()).path,
            values: .init(code: form.code ?? "", title: form.title ?? "", summary: form.summary ?? "", description: form.description ?? "",
                          responsiblePerson: form.responsiblePerson ?? "", legalObligation: ["true", "on", "1", "ja"].contains(form.legalObligation ?? ""),
                          legalReference: form.legalReference ?? "", legalDeadline: typedDay(form.legalDeadline),
                          administrativeService: form.administrativeService ?? "", benefitDescription: form.benefitDescription ?? "",
                          hoursSavedPerYear: form.hoursSavedPerYear ?? "",
                          citizenHoursSavedPerYear: form.citizenHoursSavedPerYear ?? "",
                          businessHoursSavedPerYear: form.businessHoursSavedPerYear ?? "", startOn: typedDay(form.startOn), endOn: typedDay(form.endOn),
                          risks: form.risks ?? "", tags: form.tags ?? ""),
            problems: lines, fieldErrors: byField,
            departmentOptions: departmentOptions,
            kindOptions: ProjectKind.allCases.map { Option(value: $0.rawValue, label: PortfolioDisplay.kind($0, lang), selected: $0.rawValue == (form.kind ?? ProjectKind.other.rawValue)) },
            beneficiaryOptions: Beneficiary.allCases.map { Option(value: $0.rawValue, label: $0.label(english: lang == .en), selected: (form.beneficiaries ?? []).contains($0.rawValue)) },
            elementGroups: snapshot.projectTargetGroups(lang, selected: form.strategyElementIDs ?? []),
            dependencyOptions: others.map { Option(value: $0.id!.uuidString, label: $0.label, selected: selectedDependencies.contains($0.id!.uuidString)) },
            yearOptions: (currentYear - 1...currentYear + 8).map { Option(value: String($0), label: String($0), selected: false) },
            costLines: (0..<costRows).map {
                .init(index: $0, number: $0 + 1, year: at(form.costYear, $0), oneOff: at(form.costOneOff, $0), running: at(form.costRunning, $0),
                      yearError: byField["costs[\($0)].year"], oneOffError: byField["costs[\($0)].oneOff"], runningError: byField["costs[\($0)].running"])
            },
            effortLines: (0..<effortRows).map { index in
                let selected = at(form.effortDepartment, index)
                return .init(index: index, number: index + 1,
                             departmentOptions: allDepartments.map { Option(value: $0.value, label: $0.label, selected: $0.value == selected) },
                             year: at(form.effortYear, index), fte: at(form.effortFTE, index),
                             departmentError: byField["effort[\(index)].departmentID"], yearError: byField["effort[\(index)].year"],
                             fteError: byField["effort[\(index)].fte"])
            },
            callID: form.callID,
            similar: similar,
            version: project == nil ? nil : form.version,
            conflict: conflict))
    }
}
