import FahrplanCore
import Fluent
import Vapor

/// Assembles the profile page: facts, money and staff tables, links, status workflow, similar projects.
struct ProjectDetailBuilder {
    var req: Request
    var context: MunicipalityContext

    func page(_ project: Project) async throws -> ProjectDetailPage {
        let slug = context.municipality.slug
        let lang = req.language
        let permissions = context.permissions
        let details = try await ProjectDetails.load(project, on: req.db)
        let snapshot = try await req.application.strategySnapshots.snapshot(for: context, on: req.db)
        // Only the units and projects this page names — not the whole portfolio, which the page would
        // otherwise read on every view.
        let units = try await Department.query(on: req.db).filter(\.$municipality.$id == context.municipalityID).all()
        let unitLabels = Dictionary(units.compactMap { unit in unit.id.map { ($0, "\(unit.code) \(unit.name)") } }, uniquingKeysWith: { a, _ in a })
        let linkedIDs = details.dependencyIDs + details.dependentIDs + (project.$mergedInto.id.map { [$0] } ?? [])
        let linked = linkedIDs.isEmpty ? [] : try await Project.query(on: req.db).filter(\.$municipality.$id == context.municipalityID)
            .filter(\.$id ~~ linkedIDs).field(\.$id).field(\.$code).field(\.$title).all()
        let projectLabels = Dictionary(linked.compactMap { row in row.id.map { ($0, row.label) } }, uniquingKeysWith: { a, _ in a })
        func projectLink(_ id: UUID) -> ProjectFacts.Link? {
            projectLabels[id].map { ProjectFacts.Link(label: $0, url: SiteURL.municipality(slug, .project(.value(id))).path) }
        }
        let mergedFrom = try await Project.query(on: req.db).filter(\.$mergedInto.$id == project.requireID()).sort(\.$code).all()
        let call = try await project.$call.id.asyncMap { try await CallForProjects.find($0, on: req.db) } ?? nil
        let departmentID = project.$department.id
        let costTotal = details.costs.isEmpty ? nil : ProjectFacts.CostRow(
            year: req.t("projects.total"),
            oneOff: PortfolioDisplay.euros(project.totalOneOffCents, lang), running: PortfolioDisplay.euros(project.totalRunningCents, lang))
        let facts = ProjectFacts(
            code: project.code, title: project.title, summary: project.summary, status: project.status,
            statusLabel: PortfolioDisplay.status(project.projectStatus, lang), kindLabel: PortfolioDisplay.kind(project.projectKind, lang),
            department: departmentID.flatMap { unitLabels[$0] },
            departmentURL: departmentID.map { SiteURL.municipality(slug, .department(.value($0))).path },
            responsiblePerson: project.responsiblePerson, legalObligation: project.legalObligation,
            legalReference: project.legalReference, legalDeadline: PortfolioDisplay.day(project.legalDeadline, lang),
            administrativeService: project.administrativeService,
            beneficiaries: project.beneficiaryList.map { $0.label(english: lang == .en) },
            benefitDescription: project.benefitDescription,
            hoursSavedPerYear: project.hoursSavedPerYear.map { PortfolioDisplay.whole(Int64($0), lang) },
            citizenHoursSavedPerYear: project.citizenHoursSavedPerYear.map { PortfolioDisplay.whole(Int64($0), lang) },
            businessHoursSavedPerYear: project.businessHoursSavedPerYear.map { PortfolioDisplay.whole(Int64($0), lang) },
            startOn: PortfolioDisplay.day(project.startOn, lang), endOn: PortfolioDisplay.day(project.endOn, lang),
            risks: project.risks, tags: project.tagList,
            elements: details.elementIDs.compactMap { snapshot.byID[$0] }.map {
                ProjectFacts.Link(label: "\(Strings.kindSingular($0.kind, lang)): \($0.label)", url: SiteURL.municipality(slug, .element($0.kind, .value($0.id))).path)
            },
            dependencies: details.dependencyIDs.compactMap(projectLink),
            dependents: details.dependentIDs.compactMap(projectLink),
            mergedInto: project.$mergedInto.id.flatMap(projectLink),
            mergedFrom: mergedFrom.map { ProjectFacts.Link(label: $0.label, url: SiteURL.municipality(slug, .project(.value($0.id))).path) },
            call: call.map { ProjectFacts.Link(label: $0.title, url: SiteURL.municipality(slug, .call(.value($0.id))).path) },
            costs: details.costs.map { .init(year: String($0.year), oneOff: PortfolioDisplay.euros($0.oneOffCents, lang), running: PortfolioDisplay.euros($0.runningCents, lang)) },
            costTotal: costTotal,
            effort: details.effort.map { .init(year: $0.year, department: unitLabels[$0.departmentID] ?? "?", fte: PortfolioDisplay.fte($0.fteHundredths, lang)) },
            effortTotal: details.effort.isEmpty ? nil : PortfolioDisplay.fte(project.totalFTEHundredths, lang),
            archived: project.archivedAt != nil)

        let link = { (page: MunicipalityPage.ProjectPage) in SiteURL.municipality(slug, .project(.value(project.id), page)).path }
        let canEdit = permissions.canEditProject(departmentID: departmentID?.uuidString)
        let active = project.archivedAt == nil
        let targets = active ? project.projectStatus.nextStatuses.filter {
            permissions.canMoveProject(from: project.projectStatus, to: $0, departmentID: departmentID?.uuidString)
        } : []
        let history = try await ProjectStatusChangeRecord.query(on: req.db).filter(\.$project.$id == project.requireID())
            .sort(\.$changedAt, .descending).all()
        let similar = active ? try await PortfolioSimilarity(req: req, context: context).similar(to: project, limit: 5) : []
        return ProjectDetailPage(
            chrome: context.chrome(req, title: project.label, section: "projects"),
            project: facts,
            descriptionHTML: SafeMarkdown.html(project.description),
            statusOptions: targets.map { Option(value: $0.rawValue, label: PortfolioDisplay.status($0, lang), selected: false) },
            statusURL: targets.isEmpty ? nil : link(.status),
            editURL: canEdit && active ? link(.edit) : nil,
            archiveURL: active && (permissions.canManagePortfolio || canEdit && project.projectStatus == .idea) ? link(.archive) : nil,
            restoreURL: !active && permissions.canManagePortfolio && project.$mergedInto.id == nil ? link(.restore) : nil,
            mergeURL: active && permissions.canManagePortfolio ? link(.merge) : nil,
            historyURL: permissions.canReadAudit || canEdit ? link(.history) : nil,
            listURL: SiteURL.municipality(slug, .projects()).path,
            similar: similar,
            statusHistory: history.map {
                StatusHistoryRow(when: req.formatted($0.changedAt), whenISO: AuditQuery.isoFormatter.string(from: $0.changedAt),
                                 who: $0.changedByName,
                                 from: $0.fromStatus.flatMap(ProjectStatus.init(rawValue:)).map { PortfolioDisplay.status($0, lang) },
                                 to: ProjectStatus(rawValue: $0.toStatus).map { PortfolioDisplay.status($0, lang) } ?? $0.toStatus,
                                 reason: $0.reason)
            },
            notice: req.query[String.self, at: "created"] == "1"
                ? req.t("projects.submitHint") + (similar.isEmpty ? "" : " " + req.t("projects.similarFound")) : nil,
            decisionSection: try await req.application.projectDecisionSlot?(project, req, context).map(AnyEncodable.init),
            costBenefitSection: try await req.application.projectCostBenefitSlot?(project, req, context).map(AnyEncodable.init),
            inventorySection: try await req.application.projectInventorySlot?(project, req, context).map(AnyEncodable.init),
            monitoringURL: link(.status))
    }
}
