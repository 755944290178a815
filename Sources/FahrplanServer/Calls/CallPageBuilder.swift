import FahrplanCore
import Foundation
import Vapor

/// Builds the call page (board, message, the lead's own answer) and the reminder page.
struct CallPageBuilder {
    var req: Request
    var context: MunicipalityContext

    func detail(_ call: CallForProjects, notice: String?, problems: [FieldProblem]) async throws -> CallDetailPage {
        let lang = req.language
        let slug = context.municipality.slug
        let link = { (page: MunicipalityPage.CallPage) in SiteURL.municipality(slug, .call(.value(call.id), page)).path }
        let today = context.calendar.today
        let phase = call.phase(on: today)
        let loaded = try await CallBoardLoader(db: req.db, municipalityID: context.municipalityID).load(call)
        let board = loaded.board
        let isTeam = context.permissions.canManagePortfolio
        let active = call.archivedAt == nil

        let filter = CallBoard<UUID>.Filter(rawValue: req.query[String.self, at: "filter"] ?? "") ?? .all
        let rows = board.rows(filter).map { row in
            CallDetailPage.BoardRow(
                id: row.unit.id.uuidString, label: row.unit.label, submitted: row.submitted, drafts: row.drafts,
                stateLabel: CallDisplay.state(row.state, lang), stateClass: CallDisplay.stateClass(row.state),
                missing: row.state == .missing, complete: row.isComplete, completedBy: row.unit.completedBy,
                completedAt: row.unit.completedAt.map(req.formatted), note: row.unit.note)
        }
        let totals = board.totals
        let summary = CallDisplay.progress(asked: totals.asked, complete: totals.complete, lang) + " · "
            + (lang == .de ? "\(totals.missing) ohne Rückmeldung, \(totals.inProgress) in Arbeit · \(totals.submitted) eingereicht, \(totals.drafts) Entwürfe"
                           : "\(totals.missing) without answer, \(totals.inProgress) in progress · \(totals.submitted) submitted, \(totals.drafts) drafts")
        let filters = CallBoard<UUID>.Filter.allCases.map { option in
            CallDetailPage.FilterLink(label: req.t("calls.filter.\(option.rawValue)"),
                                      url: link(.show) + (option == .all ? "" : "?filter=\(option.rawValue)") + "#board-heading",
                                      current: option == filter)
        }

        // The department lead's own asked units, with their profiles in this call.
        var own: [CallDetailPage.OwnUnit] = []
        if context.role == .departmentLead {
            let parents = loaded.departments.compactMapValues { $0.$parent.id }
            for row in board.rows where context.permissions.ownDepartmentIDs.contains(row.unit.id.uuidString) {
                let projects = loaded.projects.filter { project in
                    CallBoard<UUID>.askedUnit(for: project.$department.id, asked: [row.unit.id], parentOf: parents) != nil
                }
                let canAnswer = active && phase.acceptsAnswers
                own.append(CallDetailPage.OwnUnit(
                    id: row.unit.id.uuidString, label: row.unit.label,
                    stateLabel: CallDisplay.state(row.state, lang), stateClass: CallDisplay.stateClass(row.state),
                    projects: projects.isEmpty ? nil : projects.map { project in
                        CallDetailPage.ProjectLine(code: project.code, title: project.title, url: SiteURL.municipality(slug, .project(.value(project.id))).path,
                                                   status: project.status, statusLabel: PortfolioDisplay.status(project.projectStatus, lang))
                    },
                    newProjectURL: canAnswer ? SiteURL.municipality(slug, .projects(.new)).path(query: "call=\(call.id?.uuidString ?? "")&department=\(row.unit.id.uuidString)") : nil,
                    completeURL: canAnswer && !row.isComplete ? link(.complete) : nil,
                    incompleteURL: canAnswer && row.isComplete ? link(.incomplete) : nil,
                    complete: row.isComplete, completedBy: row.unit.completedBy,
                    completedAt: row.unit.completedAt.map(req.formatted), note: row.unit.note))
            }
        }

        let (lines, byField) = req.problemLines(problems)
        let closed = call.closedAt != nil
        var page = CallDetailPage(
            chrome: context.chrome(req, title: call.title, section: "calls"),
            call: .init(title: call.title, phaseLabel: CallDisplay.phase(phase, lang), phaseClass: CallDisplay.phaseClass(phase),
                        opensOn: CallDisplay.day(call.opensOnDay, lang), deadline: CallDisplay.day(call.deadlineDay, lang),
                        daysLeft: closed ? nil : CallDisplay.daysLeft(until: call.deadlineDay, today: today, lang),
                        deadlinePassed: call.deadlinePassed(on: today), closed: closed, archived: !active, createdBy: call.createdByName),
            messageHTML: call.message.map { SafeMarkdown.html($0) },
            listURL: SiteURL.municipality(slug, .calls()).path,
            editURL: isTeam && active ? link(.edit) : nil,
            reminderURL: isTeam && active ? link(.reminder) : nil,
            closeURL: isTeam && active && !closed ? link(.close) : nil,
            reopenURL: isTeam && active && closed ? link(.reopen) : nil,
            archiveURL: isTeam && active ? link(.archive) : nil,
            restoreURL: isTeam && !active ? link(.restore) : nil,
            historyURL: context.permissions.canReadAudit ? link(.history) : nil,
            completeURL: isTeam && active ? link(.complete) : nil,
            incompleteURL: isTeam && active ? link(.incomplete) : nil,
            ownUnits: own, rows: rows,
            totals: .init(summary: summary, completeText: CallDisplay.progress(asked: totals.asked, complete: totals.complete, lang),
                          submitted: totals.submitted, drafts: totals.drafts, fromOtherUnits: totals.fromOtherUnits > 0 ? totals.fromOtherUnits : nil, noRows: rows.isEmpty),
            filters: filters, notice: notice, problems: lines, fieldErrors: byField)
        page.hasTools = [page.editURL, page.reminderURL, page.historyURL, page.closeURL, page.reopenURL, page.archiveURL,
                         page.restoreURL].contains { $0 != nil }
        return page
    }

    /// One letter to all units in scope, and one per unit, each with a mailto link to the unit's leads.
    func reminder(_ call: CallForProjects, scope: CallBoard<UUID>.Filter) async throws -> CallReminderPage {
        let lang = req.language
        let slug = context.municipality.slug
        let link = { (page: MunicipalityPage.CallPage) in SiteURL.municipality(slug, .call(.value(call.id), page)).path }
        let loader = CallBoardLoader(db: req.db, municipalityID: context.municipalityID)
        let board = try await loader.load(call).board
        let rows = board.rows(scope)
        let emails = try await loader.leadEmails(of: rows.map(\.unit.id))
        let reminder = CallReminder(callTitle: call.title, deadline: call.deadlineDay, today: context.calendar.today,
                                    link: absoluteURL(link(.show)), sender: context.user.displayName, english: lang == .en)

        func letter(id: String, heading: String, units: [CallBoard<UUID>.Row]) -> CallReminderPage.Letter {
            let recipients = units.flatMap { emails[$0.unit.id] ?? [] }
            let body = reminder.body(for: units.map { CallReminder.Unit($0) })
            return .init(id: id, heading: heading, recipients: recipients.isEmpty ? nil : recipients.joined(separator: ", "), subject: reminder.subject, body: body,
                         mailto: MailtoLink.make(to: recipients, subject: reminder.subject, body: body),
                         lines: min(max(body.split(separator: "\n", omittingEmptySubsequences: false).count + 1, 8), 30))
        }
        let all = rows.count > 1 ? letter(id: "all", heading: "\(req.t("calls.reminderAll")) (\(rows.count))", units: rows) : nil
        let letters = rows.map { letter(id: $0.unit.id.uuidString, heading: $0.unit.label, units: [$0]) }
        let title = "\(req.t("calls.reminder")): \(call.title)"
        return CallReminderPage(
            chrome: context.chrome(req, title: title, section: "calls"), callTitle: call.title, callURL: link(.show),
            scopes: [CallBoard<UUID>.Filter.missing, .incomplete].map { option in
                .init(label: req.t("calls.filter.\(option.rawValue)"), url: link(.reminder) + "?scope=\(option.rawValue)", current: option == scope)
            },
            all: all, letters: letters.isEmpty ? nil : letters)
    }

    /// The page's address as people outside Fahrplan's pages can follow it; nil when the request does not
    /// tell a plausible host.
    private func absoluteURL(_ path: String) -> String? {
        guard let host = req.headers.first(name: .host), !host.isEmpty,
              host.allSatisfy({ $0.isLetter || $0.isNumber || ".-:[]".contains($0) }), host.allSatisfy(\.isASCII)
        else { return nil }
        return (req.isServedOverTLS ? "https://" : "http://") + host + path
    }
}
