import FahrplanCore
import Foundation
import Vapor

struct PlanDTO: Content {
    var id: UUID
    var name: String
    var periodLength: String
    var firstYear: Int
    var periodCount: Int
    var periods: [String]
    var discount: Double
    var roundId: UUID?
    var basePlanId: UUID?
    var scenarioNote: String
    var version: Int
    var archived: Bool

    init(_ plan: RoadmapPlan) throws {
        id = try plan.requireID()
        name = plan.name
        periodLength = plan.periodLength
        firstYear = plan.firstYear
        periodCount = plan.periodCount
        periods = plan.periodLabels
        discount = plan.discount
        roundId = plan.$round.id
        basePlanId = plan.$basePlan.id
        scenarioNote = plan.scenarioNote
        version = plan.version
        archived = plan.archivedAt != nil
    }
}

/// POST creates a plan, PATCH changes the fields it names (the others keep their value).
struct PlanWriteDTO: Content {
    var name: String?
    var periodLength: String?
    var firstYear: Int?
    var periodCount: Int?
    var discount: Double?
    var roundId: String?
    var scenarioNote: String?

    func input(over plan: RoadmapPlan?) -> PlanInput {
        PlanInput(name: name ?? plan?.name, periodLength: periodLength ?? plan?.periodLength,
                  firstYear: (firstYear ?? plan?.firstYear).map(String.init), periodCount: (periodCount ?? plan?.periodCount).map(String.init),
                  discount: .number(discount ?? plan?.discount ?? 1), roundId: roundId ?? plan?.$round.id?.uuidString,
                  scenarioNote: scenarioNote ?? plan?.scenarioNote)
    }
}

extension PlanInput {
    init(name: String?, periodLength: String?, firstYear: String?, periodCount: String?, discount: PlanNumber, roundId: String?, scenarioNote: String?) {
        self.init(name: name, periodLength: periodLength, firstYear: firstYear, periodCount: periodCount, discount: discount,
                  roundID: roundId, scenarioNote: scenarioNote)
    }
}

struct CapacitiesDTO: Content {
    struct Line: Content {
        var id: UUID?
        var label: String
        var kind: String
        var fundingSource: String?
        var eligibleProjectIds: [UUID]
        var amounts: [Double]
    }

    struct Staff: Content {
        var departmentId: UUID
        var departmentCode: String?
        var fte: [Double]
    }

    var periods: [String]
    var budgetLines: [Line]
    var staff: [Staff]
    var version: Int
}

struct BudgetLineWriteDTO: Content {
    var label: String?
    var kind: String?
    var fundingSource: String?
    var eligibleProjectIds: [String]?
    var amounts: [Double?]
}

struct StaffCapacityWriteDTO: Content {
    var departmentId: String?
    var fte: [Double?]
}

struct CapacitiesWriteDTO: Content {
    var budgetLines: [BudgetLineWriteDTO]
    var staff: [StaffCapacityWriteDTO]

    var input: CapacitiesInput {
        CapacitiesInput(lines: budgetLines.map { .init(label: $0.label, kind: $0.kind, fundingSource: $0.fundingSource,
                                                      eligibleProjectIDs: $0.eligibleProjectIds ?? [], amounts: $0.amounts.map { .number($0) }) },
                        staff: staff.map { .init(departmentID: $0.departmentId, fte: $0.fte.map { .number($0) }) })
    }
}

struct PlanProjectSettingDTO: Content {
    var projectId: UUID
    var code: String
    var title: String
    var included: Bool
    var mandatory: Bool?
    var pinnedStart: Int?
    var budgetLineId: UUID?
    var score: Double?
}

struct PlanSettingWriteDTO: Content {
    var projectId: String?
    var included: Bool?
    var mandatory: Bool?
    var pinnedStart: Int?
    var budgetLineId: String?
}

struct PlanSettingsWriteDTO: Content {
    var projects: [PlanSettingWriteDTO]

    var inputs: [ProjectSettingInput] {
        projects.map { .init(projectID: $0.projectId, included: $0.included ?? true, mandatory: $0.mandatory, pinnedStart: $0.pinnedStart,
                             budgetLineID: $0.budgetLineId) }
    }
}

struct PlanSolveStatusDTO: Content {
    var state: String
    var fractionDone: Double
    var nodes: Int
    var objective: Double?
    var bound: Double?
    /// While running: what the job does ("Optimierung", "Effizienzgrenze 3/11").
    var stage: String?
    /// When failed: why, in the request's language (e.g. the plan was changed while it was being optimized).
    var message: String?
    var statusUrl: String
    var resultUrl: String
    var frontierUrl: String

    init(_ status: PlanSolveJobs.Status?, planID: UUID, language: Language = .de) {
        state = status?.state.rawValue ?? "idle"
        fractionDone = status?.progress.fractionDone ?? 0
        nodes = status?.progress.nodes ?? 0
        objective = status?.progress.objective
        bound = status?.progress.bound
        stage = status?.state == .running ? status?.stage.label(language) : nil
        message = status?.message(language)
        frontierUrl = APIURL.plan(.value(planID), .frontier).path
        statusUrl = APIURL.plan(.value(planID), .solve).path
        resultUrl = APIURL.plan(.value(planID), .result).path
    }
}

struct PlanViolationDTO: Content {
    var kind: String
    var projects: [String]
    var resource: String?
    var period: String?
    var used: Double?
    var limit: Double?
    var message: String

    init(_ violation: RoadmapViolation, periods: [String], english: Bool) {
        kind = violation.kind.rawValue
        projects = violation.projects
        resource = violation.resource
        period = violation.period.flatMap { periods.indices.contains($0) ? periods[$0] : nil }
        used = violation.used
        limit = violation.limit
        message = english ? violation.messageEN : violation.message
    }
}

struct PlanResultDTO: Content {
    struct Start: Content {
        var projectId: UUID
        var code: String
        var title: String
        var start: Int?
        var period: String?
        var outcome: String
        var mandatory: Bool
        var manual: Bool
        var reason: String
    }

    struct Use: Content {
        var resource: String
        var label: String
        var kind: String
        var used: [Double]
        var capacity: [Double]
    }

    struct Conflict: Content {
        var kind: String
        var projects: [String]
        var message: String
    }

    var status: String
    var objective: Double?
    var bound: Double?
    var gap: Double?
    var nodes: Int?
    var solvedAt: Date?
    var periods: [String]
    var projects: [Start]
    var periodUse: [Use]
    var violations: [PlanViolationDTO]
    var conflicts: [Conflict]

    init(_ outcome: PlanOutcome, english: Bool) {
        let result = outcome.result
        status = result?.status ?? "none"
        objective = result.map { _ in outcome.objective }
        bound = result?.bound
        gap = result?.gap
        nodes = result?.nodes
        solvedAt = result?.solvedAt
        periods = outcome.problem.periods
        let labels = outcome.problem.periods
        projects = PlanReport.projects(outcome).map {
            Start(projectId: $0.id, code: $0.code, title: $0.title, start: $0.start, period: $0.start.flatMap { labels.indices.contains($0) ? labels[$0] : nil },
                  outcome: $0.outcome.rawValue, mandatory: $0.mandatory, manual: $0.manual, reason: english ? $0.reason.en : $0.reason.de)
        }
        periodUse = PlanReport.periodUse(outcome.problem, outcome.schedule).map {
            Use(resource: $0.id, label: $0.label, kind: $0.kind.rawValue, used: $0.used, capacity: $0.capacity)
        }
        violations = outcome.violations.map { PlanViolationDTO($0, periods: labels, english: english) }
        conflicts = outcome.conflicts.map { Conflict(kind: $0.kind.rawValue, projects: $0.projects, message: $0.message) }
    }
}

struct PlanStartWriteDTO: Content {
    var projectId: String?
    /// nil drops the project from the plan.
    var start: Int?
}

struct PlanViolationsDTO: Content {
    var violations: [PlanViolationDTO]
}

struct PlanScenarioWriteDTO: Content {
    var name: String?
    var note: String?
    var budgetPercent: Double?
    var addedFte: [String: Double]?
    var mandatoryProjectIds: [String]?

    var input: ScenarioCopyInput {
        ScenarioCopyInput(name: name, note: note, budgetPercent: budgetPercent.map { String($0) },
                          addedFTE: (addedFte ?? [:]).mapValues { .number($0) }, mandatoryProjectIDs: mandatoryProjectIds)
    }
}

struct PlanComparisonDTO: Content {
    struct Change: Content {
        var code: String
        var title: String
        var change: String
        var baseStart: String?
        var otherStart: String?
    }

    struct Side: Content {
        var planId: UUID
        var name: String
        var objective: Double
        var budgetUsed: Double
        var budgetCapacity: Double
    }

    var base: Side
    var other: Side
    var changes: [Change]
}

/// A `fahrplan-plan/1` solution file, as the import reads it.
struct PlanSolutionFileDTO: Content {
    var format: String
    var objective: Double?
    var bound: Double?
    var schedule: [PlanSolutionEntryDTO]
}

struct PlanSolutionEntryDTO: Content {
    var id: String
    var start: Int
}
