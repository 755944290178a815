import Foundation

extension ProjectInput {
    /// Checks the whole profile; throws `ValidationFailure` naming every problem at once. Line fields are
    /// named like `costs[1].oneOff` so a form or a spreadsheet report can point at the exact cell.
    public func validated() throws -> ProjectValues {
        var check = Validator()
        let code = check.text("code", code, required: false, max: ProjectLimits.code)
        let title = check.text("title", title, required: true, max: ProjectLimits.title)
        let summary = check.text("summary", summary, required: false, max: ProjectLimits.summary, multiline: true)
        let description = check.text("description", description, required: false, max: ProjectLimits.description, multiline: true)
        let department = check.text("departmentID", departmentID, required: true, max: 200)
        let person = check.text("responsiblePerson", responsiblePerson, required: false, max: ProjectLimits.person)
        var kind = ProjectKind.other
        if let raw = check.text("projectKind", self.kind, required: false, max: 100) {
            if let parsed = ProjectKind(label: raw) { kind = parsed } else { check.add("projectKind", .invalidChoice) }
        }
        let legal = check.boolean("legalObligation", legalObligation)
        let reference = check.text("legalReference", legalReference, required: legal, max: ProjectLimits.reference)
        let deadline = check.day("legalDeadline", legalDeadline)
        let service = check.text("administrativeService", administrativeService, required: false, max: ProjectLimits.reference)
        var chosen: [Beneficiary] = []
        for raw in Self.splitList(beneficiaries) {
            if let parsed = Beneficiary(label: raw) {
                if !chosen.contains(parsed) { chosen.append(parsed) }
            } else {
                check.add("beneficiaries", .invalidChoice)
            }
        }
        let benefit = check.text("benefitDescription", benefitDescription, required: false, max: ProjectLimits.longText, multiline: true)
        let hours = check.integer("hoursSavedPerYear", ProjectInput.wholeNumberText(hoursSavedPerYear), range: ProjectLimits.hoursSaved)
        let citizenHours = check.integer("citizenHoursSavedPerYear", ProjectInput.wholeNumberText(citizenHoursSavedPerYear),
                                         range: ProjectLimits.hoursSaved)
        let businessHours = check.integer("businessHoursSavedPerYear", ProjectInput.wholeNumberText(businessHoursSavedPerYear),
                                          range: ProjectLimits.hoursSaved)
        let start = check.day("startOn", startOn)
        let end = check.day("endOn", endOn)
        if let start, let end, end < start { check.add("endOn", .endBeforeStart) }
        let risks = check.text("risks", risks, required: false, max: ProjectLimits.longText, multiline: true)
        var tags: [String] = []
        for raw in self.tags {
            guard let tag = check.text("tags", raw, required: false, max: ProjectLimits.tag) else { continue }
            if !tags.contains(where: { $0.lowercased() == tag.lowercased() }) { tags.append(tag) }
        }
        if tags.count > ProjectLimits.tags { check.add("tags", .tooMany(max: ProjectLimits.tags)) }
        let elements = check.references("strategyElementIDs", strategyElementIDs)
        let dependencies = check.references("dependencyIDs", dependencyIDs)
        let costs = check.costLines(self.costs)
        let effort = check.effortLines(self.effort)
        try check.finish()
        return ProjectValues(
            code: code, title: title ?? "", summary: summary, description: description, departmentID: department,
            responsiblePerson: person, kind: kind, legalObligation: legal, legalReference: reference,
            legalDeadline: deadline, administrativeService: service, beneficiaries: chosen,
            benefitDescription: benefit, hoursSavedPerYear: hours, citizenHoursSavedPerYear: citizenHours,
            businessHoursSavedPerYear: businessHours, startOn: start, endOn: end, risks: risks, tags: tags,
            strategyElementIDs: elements, dependencyIDs: dependencies, costs: costs, effort: effort)
    }

    /// Splits "Bürger, Unternehmen; Beschäftigte" as well as separate values.
    static func splitList(_ values: [String]) -> [String] {
        values.flatMap { $0.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "\n" }) }
            .map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// "1.200" hours typed the German way are 1200, not 1.2.
    static func wholeNumberText(_ raw: String?) -> String? {
        guard let raw, let cents = try? LocaleNumber.cents(raw), cents % 100 == 0 else { return raw }
        return String(cents / 100)
    }
}

extension Validator {
    mutating func boolean(_ field: String, _ raw: String?) -> Bool {
        guard let text = CleanText.normalize(raw, multiline: false) else { return false }
        switch text.lowercased() {
        case "ja", "j", "yes", "y", "true", "wahr", "1", "x", "on": return true
        case "nein", "n", "no", "false", "falsch", "0", "-", "off": return false
        default:
            add(field, .invalidBoolean)
            return false
        }
    }

    mutating func day(_ field: String, _ raw: String?) -> CalendarDay? {
        guard let text = CleanText.normalize(raw, multiline: false) else { return nil }
        guard let day = CalendarDay(parsing: text) else {
            add(field, .invalidDate)
            return nil
        }
        return day
    }

    mutating func references(_ field: String, _ raw: [String]) -> [String] {
        var result: [String] = []
        for value in raw {
            guard let id = text(field, value, required: false, max: 200) else { continue }
            if !result.contains(id) { result.append(id) }
        }
        if result.count > ProjectLimits.links { add(field, .tooMany(max: ProjectLimits.links)) }
        return result
    }

    /// A non-negative amount with two decimals kept as a whole number: euros → cents, VZÄ → hundredths.
    mutating func fixedPoint(_ field: String, _ raw: String?, decimals: Int = 2, max: Int64) -> Int64? {
        guard let text = CleanText.normalize(raw, multiline: false) else { return nil }
        do {
            let value = try LocaleNumber.cents(text)
            if value > max { add(field, .outOfRange(min: 0, max: Int(max / 100))); return nil }
            return value
        } catch {
            switch error {
            case .negative: add(field, .negative)
            case .tooPrecise: add(field, .tooPrecise(decimals: decimals))
            case .tooLarge: add(field, .outOfRange(min: 0, max: Int(max / 100)))
            default: add(field, .notADecimal)
            }
            return nil
        }
    }

    mutating func costLines(_ lines: [CostLineInput]) -> [CostLine] {
        var result: [CostLine] = []
        for (index, line) in lines.enumerated() {
            let prefix = "costs[\(index)]"
            let oneOff = fixedPoint("\(prefix).oneOff", line.oneOff, decimals: 2, max: ProjectLimits.maxCents)
            let running = fixedPoint("\(prefix).running", line.running, decimals: 2, max: ProjectLimits.maxCents)
            let hasAmount = CleanText.normalize(line.oneOff, multiline: false) != nil || CleanText.normalize(line.running, multiline: false) != nil
            let year = integer("\(prefix).year", line.year, required: hasAmount, range: ProjectLimits.years)
            guard let year else { continue }
            if result.contains(where: { $0.year == year }) { add("\(prefix).year", .duplicate); continue }
            let entry = CostLine(year: year, oneOffCents: oneOff ?? 0, runningCents: running ?? 0)
            if entry.oneOffCents != 0 || entry.runningCents != 0 { result.append(entry) }
        }
        return result.sorted { $0.year < $1.year }
    }

    mutating func effortLines(_ lines: [EffortLineInput]) -> [EffortLine] {
        var result: [EffortLine] = []
        for (index, line) in lines.enumerated() {
            let prefix = "effort[\(index)]"
            let fte = fixedPoint("\(prefix).fte", line.fte, decimals: 2, max: Int64(ProjectLimits.maxFTEHundredthsPerYear))
            let hasAmount = CleanText.normalize(line.fte, multiline: false) != nil
            let year = integer("\(prefix).year", line.year, required: hasAmount, range: ProjectLimits.years)
            let department = text("\(prefix).departmentID", line.departmentID, required: hasAmount, max: 200)
            guard let year, let department, let fte else { continue }
            if result.contains(where: { $0.year == year && $0.departmentID == department }) { add("\(prefix).year", .duplicate); continue }
            if fte > 0 { result.append(EffortLine(departmentID: department, year: year, fteHundredths: Int(fte), inputIndex: index)) }
        }
        let perYear = Dictionary(grouping: result, by: \.year).mapValues { $0.reduce(0) { $0 + $1.fteHundredths } }
        for (year, total) in perYear.sorted(by: { $0.key < $1.key }) where total > ProjectLimits.maxFTEHundredthsPerYear {
            add("effort", .effortOverLimit(year: year))
        }
        return result.sorted { ($0.year, $0.departmentID) < ($1.year, $1.departmentID) }
    }
}
