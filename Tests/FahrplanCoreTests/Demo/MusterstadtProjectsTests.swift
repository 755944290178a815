import FahrplanCore
import Testing

@Suite("Demo content: Musterstadt projects and calls")
struct MusterstadtProjectsTests {
    static let demo = DemoMunicipality.musterstadt
    static let projects = demo.projects
    static let calls = demo.calls
    static let departmentCodes = Set(demo.departments.map(\.code))
    static let parentOf = Dictionary(uniqueKeysWithValues: demo.departments.map { ($0.code, $0.parentCode) })
    static let strategyCodes: Set<String> = {
        let goals = demo.fieldsOfAction.flatMap(\.goals)
        return Set(demo.fieldsOfAction.map(\.code) + goals.map(\.code) + goals.flatMap(\.programs).map(\.code))
    }()
    static let byCode = Dictionary(uniqueKeysWithValues: projects.map { ($0.code, $0) })
    static let today = DemoMunicipality.musterstadtReferenceDay

    /// The three pairs of near-duplicates that different departments submitted on purpose.
    static let nearDuplicates = [("P-0011", "P-0034"), ("P-0026", "P-0040"), ("P-0021", "P-0041")]

    // MARK: helpers

    static func isISODay(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.count == 10, parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return (1...12).contains(month) && (1...days[month - 1]).contains(day)
    }

    /// Days since 1970-01-01 (days_from_civil), to turn `daysAgo` into a day comparable with call dates.
    static func dayNumber(_ iso: String) -> Int {
        let parts = iso.split(separator: "-").map { Int($0)! }
        let month = parts[1], day = parts[2], year = parts[0] - (parts[1] <= 2 ? 1 : 0)
        let era = (year >= 0 ? year : year - 399) / 400
        let yearOfEra = year - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        return era * 146_097 + yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear - 719_468
    }

    /// The department itself or one of its ancestors is in `codes`.
    static func belongs(_ department: String, to codes: Set<String>) -> Bool {
        var current: String? = department
        while let code = current {
            if codes.contains(code) { return true }
            current = parentOf[code] ?? nil
        }
        return false
    }

    // MARK: size and spread

    @Test("about 40 projects and two calls")
    func size() {
        #expect((35...50).contains(Self.projects.count), "\(Self.projects.count)")
        #expect(Self.calls.count == 2)
    }

    @Test("projects cover every field of action, many departments and every kind")
    func spread() {
        let fields = Self.demo.fieldsOfAction
        for field in fields {
            let codes = Set([field.code] + field.goals.map(\.code) + field.goals.flatMap(\.programs).map(\.code))
            #expect(Self.projects.contains { !codes.isDisjoint(with: $0.strategyCodes) }, "\(field.code) has no project")
        }
        #expect(Set(Self.projects.map(\.departmentCode)).count >= 12)
        for kind in ProjectKind.allCases {
            #expect(Self.projects.contains { $0.kind == kind }, "\(kind)")
        }
    }

    @Test("statuses span the whole workflow in plausible numbers")
    func statusSpread() {
        let count = Dictionary(grouping: Self.projects, by: \.status).mapValues(\.count)
        for status in ProjectStatus.allCases {
            #expect((count[status] ?? 0) > 0, "no project is \(status)")
        }
        #expect((3...4).contains(count[.completed] ?? 0))
        #expect((1...2).contains(count[.deferred] ?? 0))
        #expect(count[.cancelled] == 1)
        #expect((count[.submitted] ?? 0) + (count[.inReview] ?? 0) >= 8)
        #expect((count[.inProgress] ?? 0) >= 5)
    }

    // MARK: codes and references

    @Test("project codes are unique and look like P-0001")
    func uniqueCodes() {
        #expect(Self.byCode.count == Self.projects.count)
        for project in Self.projects {
            #expect(project.code.wholeMatch(of: /P-\d{4}/) != nil, "\(project.code)")
        }
        #expect(Set(Self.calls.map(\.code)).count == Self.calls.count)
    }

    @Test("every department, strategy element, dependency and call a project names exists")
    func references() {
        let callCodes = Set(Self.calls.map(\.code))
        for project in Self.projects {
            #expect(Self.departmentCodes.contains(project.departmentCode), "\(project.code) → \(project.departmentCode)")
            for line in project.effort {
                #expect(Self.departmentCodes.contains(line.departmentCode), "\(project.code) effort → \(line.departmentCode)")
            }
            #expect(!project.strategyCodes.isEmpty, "\(project.code) serves no strategy element")
            for code in project.strategyCodes {
                #expect(Self.strategyCodes.contains(code), "\(project.code) → \(code)")
            }
            for code in project.dependsOn {
                #expect(Self.byCode[code] != nil, "\(project.code) depends on unknown \(code)")
                #expect(code != project.code, "\(project.code) depends on itself")
            }
            #expect(project.inCallCode.map(callCodes.contains) ?? true, "\(project.code) → \(project.inCallCode ?? "")")
        }
    }

    @Test("the dependency graph has no cycle")
    func acyclic() {
        enum Mark { case visiting, done }
        var marks: [String: Mark] = [:]
        var cycle: [String]?
        func visit(_ code: String, path: [String]) {
            if cycle != nil || marks[code] == .done { return }
            if marks[code] == .visiting { cycle = path + [code]; return }
            marks[code] = .visiting
            for next in Self.byCode[code]?.dependsOn ?? [] { visit(next, path: path + [code]) }
            marks[code] = .done
        }
        for project in Self.projects { visit(project.code, path: []) }
        #expect(cycle == nil, "cycle: \(cycle ?? [])")
    }

    @Test("basic components come first: ePayment and BundID serve several online services")
    func basicComponentsFirst() {
        let dependents = Dictionary(grouping: Self.projects.flatMap { project in project.dependsOn.map { ($0, project.code) } },
                                    by: \.0)
        #expect((dependents["P-0004"]?.count ?? 0) >= 3, "ePayment")
        #expect((dependents["P-0003"]?.count ?? 0) >= 5, "BundID")
        #expect((dependents["P-0001"]?.count ?? 0) >= 5, "E-Akte")
        for project in Self.projects where project.kind == .infrastructure && !project.dependsOn.isEmpty {
            for code in project.dependsOn {
                #expect(Self.byCode[code]?.kind == .infrastructure, "\(project.code): a basic component depends on \(code)")
            }
        }
    }

    // MARK: workflow

    @Test("every history is a valid path from an idea to the current status, oldest first")
    func histories() throws {
        for project in Self.projects {
            let first = try #require(project.history.first, "\(project.code) has no history")
            #expect(first.to == .idea, "\(project.code) starts at \(first.to)")
            #expect(project.history.last?.to == project.status, "\(project.code)")
            for (from, to) in zip(project.history, project.history.dropFirst()) {
                #expect(from.to.canMove(to: to.to), "\(project.code): \(from.to) → \(to.to)")
                #expect(from.daysAgo > to.daysAgo, "\(project.code): steps out of order")
            }
            #expect(project.history.allSatisfy { $0.daysAgo >= 0 }, "\(project.code) has a step in the future")
        }
    }

    @Test("deferrals, cancellations and returns give a reason")
    func reasons() {
        for project in Self.projects {
            for (from, to) in zip(project.history, project.history.dropFirst())
            where [.deferred, .cancelled].contains(to.to) || to.to < from.to {
                #expect(to.reason?.isEmpty == false, "\(project.code): \(from.to) → \(to.to) without a reason")
            }
        }
    }

    // MARK: fields

    @Test("texts fit the limits and the description is Markdown")
    func texts() {
        for project in Self.projects {
            #expect((1...ProjectLimits.title).contains(project.title.count), "\(project.code)")
            #expect((1...ProjectLimits.summary).contains(project.summary.count), "\(project.code)")
            #expect((1...ProjectLimits.description).contains(project.description.count), "\(project.code)")
            #expect(project.description.contains("**") || project.description.contains("*"), "\(project.code)")
            #expect((1...ProjectLimits.person).contains(project.responsiblePerson.count), "\(project.code)")
            #expect(!project.beneficiaries.isEmpty, "\(project.code)")
            #expect(Set(project.beneficiaries).count == project.beneficiaries.count, "\(project.code)")
            #expect((1...ProjectLimits.tags).contains(project.tags.count), "\(project.code)")
            #expect(project.tags.allSatisfy { (1...ProjectLimits.tag).contains($0.count) }, "\(project.code)")
            #expect(Set(project.tags).count == project.tags.count, "\(project.code)")
            for text in [project.risks, project.benefitDescription, project.legalReference].compactMap({ $0 }) {
                #expect(text.count <= ProjectLimits.longText, "\(project.code)")
            }
        }
    }

    @Test("dates are ISO days, the end is not before the start, and a legal duty names its law")
    func datesAndLaw() {
        for project in Self.projects {
            for day in [project.startOn, project.endOn, project.legalDeadline].compactMap({ $0 }) {
                #expect(Self.isISODay(day), "\(project.code): \(day)")
            }
            if let start = project.startOn, let end = project.endOn {
                #expect(start <= end, "\(project.code): \(start) … \(end)")
            }
            if project.legalObligation {
                #expect(project.legalReference?.isEmpty == false, "\(project.code) has a legal duty without reference")
            } else {
                #expect(project.legalDeadline == nil, "\(project.code) has a legal deadline but no legal duty")
            }
            if project.status == .inProgress || project.status == .completed {
                #expect(project.startOn != nil && project.endOn != nil, "\(project.code) runs without dates")
            }
        }
        #expect(Self.projects.filter(\.legalObligation).count >= 5)
    }

    @Test("money, effort and hours saved are plausible")
    func figures() {
        for project in Self.projects {
            for line in project.costs {
                #expect(ProjectLimits.years.contains(line.year), "\(project.code)")
                #expect(line.oneOffCents >= 0 && line.runningCents >= 0, "\(project.code) has negative money")
                #expect(line.oneOffCents <= 2_000_000_00 && line.runningCents <= 200_000_00, "\(project.code) \(line.year): too costly for a Mittelstadt")
            }
            #expect(Set(project.costs.map(\.year)).count == project.costs.count, "\(project.code): a year twice")
            #expect(!project.costs.isEmpty, "\(project.code) has no costs")
            for line in project.effort {
                #expect((10...200).contains(line.fteHundredths), "\(project.code): \(line.departmentCode) \(line.year)")
                #expect(ProjectLimits.years.contains(line.year), "\(project.code)")
            }
            let perYear = Dictionary(grouping: project.effort, by: \.year).mapValues { $0.reduce(0) { $0 + $1.fteHundredths } }
            for (year, total) in perYear {
                #expect(total <= ProjectLimits.maxFTEHundredthsPerYear, "\(project.code) \(year): \(total)")
            }
            let keys = project.effort.map { "\($0.departmentCode)/\($0.year)" }
            #expect(Set(keys).count == keys.count, "\(project.code): a department-year twice")
            if let hours = project.hoursSavedPerYear {
                #expect(ProjectLimits.hoursSaved.contains(hours) && hours <= 10_000, "\(project.code): \(hours)")
            }
        }
        let eAkte = Self.byCode["P-0001"]!
        #expect(eAkte.costs.reduce(0) { $0 + $1.oneOffCents } == 180_000_00)
        #expect(eAkte.costs.map(\.runningCents).max() == 35_000_00)
    }

    @Test("administrative services belong to online services and process projects")
    func services() {
        for project in Self.projects where project.kind == .onlineService && project.status != .cancelled {
            #expect(project.administrativeService != nil, "\(project.code) is an online service without a Verwaltungsleistung")
            #expect(project.beneficiaries.contains(.citizens) || project.beneficiaries.contains(.businesses), "\(project.code)")
        }
    }

    // MARK: near-duplicates

    @Test("three near-duplicate pairs were submitted by different departments", arguments: nearDuplicates)
    func nearDuplicate(pair: (String, String)) throws {
        let first = try #require(Self.byCode[pair.0]), second = try #require(Self.byCode[pair.1])
        #expect(first.departmentCode != second.departmentCode)
        #expect(first.title != second.title)
        #expect(first.kind == second.kind || !Set(first.strategyCodes).isDisjoint(with: second.strategyCodes))
        let firstTags = Set(first.tags.map { $0.lowercased() }), secondTags = Set(second.tags.map { $0.lowercased() })
        let sharedWords = ["termin", "wlan", "lern"].filter { word in
            firstTags.contains { $0.contains(word) } && secondTags.contains { $0.contains(word) }
        }
        #expect(!sharedWords.isEmpty, "\(pair): no shared topic")
        #expect(first.status != .cancelled && second.status != .cancelled)
    }

    // MARK: calls

    @Test("calls: valid dates, one closed earlier in 2026 and one open with a December deadline")
    func callDates() throws {
        for call in Self.calls {
            #expect(Self.isISODay(call.opensOn) && Self.isISODay(call.deadline), "\(call.code)")
            #expect(call.opensOn <= call.deadline, "\(call.code)")
            #expect(!call.title.isEmpty && call.message.contains("**"), "\(call.code)")
            #expect(call.message.contains("@musterstadt.example"), "\(call.code) names no contact")
        }
        let closed = Self.calls.filter { $0.deadline < Self.today }
        let open = Self.calls.filter { $0.opensOn <= Self.today && Self.today <= $0.deadline }
        #expect(closed.count == 1 && open.count == 1)
        #expect(closed.first?.deadline.hasPrefix("2026-") == true)
        #expect(open.first?.deadline.hasPrefix("2026-12-") == true)
    }

    @Test("calls ask existing departments; only asked departments declare completion")
    func callDepartments() {
        for call in Self.calls {
            let asked = Set(call.departmentCodes)
            #expect(asked.count == call.departmentCodes.count, "\(call.code): a department twice")
            #expect(asked.isSubset(of: Self.departmentCodes), "\(call.code)")
            #expect(Set(call.completedDepartmentCodes).isSubset(of: asked), "\(call.code)")
        }
    }

    @Test("projects in a call come from asked departments and were created or submitted while it was open")
    func callProjects() throws {
        for project in Self.projects {
            guard let code = project.inCallCode else { continue }
            let call = try #require(Self.calls.first { $0.code == code })
            #expect(Self.belongs(project.departmentCode, to: Set(call.departmentCodes)), "\(project.code)")
            let step = project.history.last { $0.to == .submitted } ?? project.history[0]
            let day = Self.dayNumber(Self.today) - step.daysAgo
            #expect(Self.dayNumber(call.opensOn) <= day && day <= Self.dayNumber(call.deadline), "\(project.code)")
        }
    }

    @Test("the open call shows 10–15 projects, submitted and missing departments")
    func openCallBoard() throws {
        let open = try #require(Self.calls.first { $0.deadline >= Self.today })
        let inCall = Self.projects.filter { $0.inCallCode == open.code }
        #expect((10...15).contains(inCall.count), "\(inCall.count)")
        let submitting = Set(inCall.filter { $0.status != .idea }.map(\.departmentCode))
        let withAnything = Set(inCall.map(\.departmentCode))
        let silent = open.departmentCodes.filter { !withAnything.contains($0) }
        #expect((2...3).contains(silent.count), "silent: \(silent)")
        #expect(submitting.count >= 6)
        #expect(!open.completedDepartmentCodes.isEmpty)
        #expect(open.completedDepartmentCodes.count < open.departmentCodes.count)
        for code in silent {
            #expect(!open.completedDepartmentCodes.contains(code), "\(code) declared complete without any project")
        }
    }
}
