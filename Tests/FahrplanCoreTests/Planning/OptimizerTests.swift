import Foundation
@testable import FahrplanCore
import Testing

@Suite("RoadmapOptimizer: optimal, feasible, deterministic schedules")
struct OptimizerTests {
    typealias Project = RoadmapProblem.Project

    static func problem(periods: Int, budget: [Double], staff: [Double]? = nil, discount: Double = 0.9, _ projects: [Project]) -> RoadmapProblem {
        var resources = [RoadmapProblem.Resource(id: "budget", kind: .budget, capacity: budget)]
        if let staff { resources.append(.init(id: "FD-IT", kind: .staff, capacity: staff)) }
        return RoadmapProblem(name: "test", periods: (0..<periods).map { "P\($0)" }, discount: discount, resources: resources, projects: projects)
    }

    static func solution(_ result: RoadmapResult) throws -> RoadmapSolution {
        guard case .solved(let solution) = result else { throw TestFailure(message: "expected a solution, got \(result)") }
        return solution
    }

    @Test("two projects that cannot run together: the more valuable one first, the other after it")
    func sequencesByValue() throws {
        let p = Self.problem(periods: 3, budget: [10, 10, 10], [
            Project(id: "A", value: 10, duration: 1, usage: ["budget": [10]]),
            Project(id: "B", value: 20, duration: 1, usage: ["budget": [10]]),
        ])
        let solution = try Self.solution(RoadmapOptimizer.solve(p))
        #expect(solution.schedule.starts == ["B": 0, "A": 1])
        #expect(abs(solution.objective - (20 + 10 * 0.9)) < 1e-9)
        #expect(solution.status == .optimal && abs(solution.bound - solution.objective) < 1e-6)
    }

    @Test("a dependency holds: the successor starts after its predecessor finished, and is dropped without it")
    func dependencies() throws {
        let p = Self.problem(periods: 4, budget: [5, 5, 5, 5], [
            Project(id: "A", value: 1, duration: 2, usage: ["budget": [5, 5]]),
            Project(id: "B", value: 50, duration: 1, usage: ["budget": [5]], after: ["A"]),
        ])
        let solution = try Self.solution(RoadmapOptimizer.solve(p))
        #expect(solution.schedule.starts == ["A": 0, "B": 2])
        let tight = Self.problem(periods: 2, budget: [5, 5], [
            Project(id: "A", value: 1, duration: 2, usage: ["budget": [5, 5]]),
            Project(id: "B", value: 50, duration: 1, after: ["A"]),
            Project(id: "C", value: 2, duration: 1, usage: ["budget": [5]]),
        ])
        #expect(try Self.solution(RoadmapOptimizer.solve(tight)).schedule.starts == ["C": 0])
    }

    @Test("mandatory projects are in even when worth less; latest finish and earliest start hold")
    func mandatoryAndWindows() throws {
        let p = Self.problem(periods: 4, budget: [10, 10, 10, 10], [
            Project(id: "M", value: 1, duration: 2, usage: ["budget": [10, 10]], mandatory: true),
            Project(id: "X", value: 100, duration: 4, usage: ["budget": [1, 1, 1, 1]]),
            Project(id: "D", value: 5, duration: 1, usage: ["budget": [10]], latestFinish: 2),
            Project(id: "E", value: 5, duration: 1, usage: ["budget": [10]], earliestStart: 3),
        ])
        let solution = try Self.solution(RoadmapOptimizer.solve(p))
        #expect(solution.schedule.starts["M"] != nil && solution.schedule.starts["X"] == nil)
        #expect(solution.schedule.starts["E"] == 3)
        #expect(solution.schedule.starts["D"] == 0 || solution.schedule.starts["D"] == 2)
        #expect(Self.violations(solution.schedule, p).isEmpty)
    }

    @Test("mandatory projects that cannot fit together are named, with the binding resource and period")
    func mandatoryConflict() throws {
        let p = Self.problem(periods: 2, budget: [10, 10], staff: [1, 1], [
            Project(id: "M1", value: 1, duration: 2, usage: ["FD-IT": [0.6, 0.6]], mandatory: true),
            Project(id: "M2", value: 1, duration: 2, usage: ["FD-IT": [0.6, 0.6]], mandatory: true),
        ])
        guard case .infeasible(let conflicts) = RoadmapOptimizer.solve(p) else { Issue.record("expected infeasible"); return }
        let conflict = try #require(conflicts.first { $0.kind == .mandatoryDoesNotFit })
        #expect(Set(conflict.projects) == ["M1", "M2"])
        #expect(conflict.resources == ["FD-IT"] && !conflict.message.isEmpty)
    }

    @Test("no projects: the empty schedule, proven optimal; progress ends at 1; a cancelled solve still answers feasibly")
    func edges() throws {
        let empty = try Self.solution(RoadmapOptimizer.solve(Self.problem(periods: 2, budget: [1, 1], [])))
        #expect(empty.schedule.starts.isEmpty && empty.status == .optimal)
        var random = TestRandom(seed: 11)
        var p = Self.randomProblem(&random, projects: 40, periods: 6)
        for index in p.projects.indices { p.projects[index].mandatory = false }
        let seen = ProgressLog()
        let options = RoadmapSolverOptions(workLimit: 500_000, progress: { seen.add($0.fractionDone) }, isCancelled: { true })
        let solution = try Self.solution(RoadmapOptimizer.solve(p, options: options))
        #expect(Self.violations(solution.schedule, p).isEmpty && solution.bound >= solution.objective - 1e-9)
        #expect(seen.values.last == 1)
    }

    @Test("a dependency cycle is infeasible and names the projects of the cycle")
    func cycle() {
        let p = Self.problem(periods: 3, budget: [1, 1, 1], [
            Project(id: "A", value: 1, duration: 1, after: ["C"]),
            Project(id: "B", value: 1, duration: 1, after: ["A"]),
            Project(id: "C", value: 1, duration: 1, after: ["B"]),
        ])
        guard case .infeasible(let conflicts) = RoadmapOptimizer.solve(p) else { Issue.record("expected infeasible"); return }
        #expect(conflicts.contains { $0.kind == .dependencyCycle && Set($0.projects) == ["A", "B", "C"] })
    }

    @Test("random small problems (fixed seed): the optimizer's objective equals brute force, schedules are feasible")
    func bruteForce() throws {
        var random = TestRandom(seed: 42)
        var checked = 0
        for _ in 0..<60 {
            let p = Self.randomProblem(&random, projects: 3 + random.below(3), periods: 3 + random.below(3))
            let best = Self.bruteForce(p)
            switch RoadmapOptimizer.solve(p) {
            case .solved(let solution):
                let optimum = try #require(best, "solver found a schedule where brute force found none")
                #expect(Self.violations(solution.schedule, p).isEmpty)
                #expect(abs(solution.objective - optimum) < 1e-9, "objective \(solution.objective) vs optimum \(optimum)")
                #expect(solution.status == .optimal && solution.bound >= optimum - 1e-9)
                checked += 1
            case .infeasible:
                #expect(best == nil, "solver says infeasible, brute force found \(best ?? 0)")
            }
        }
        #expect(checked > 40)
    }

    @Test("larger random problems (9 projects, fixed seed): a proof reached deep in the branch-and-bound matches exhaustive search")
    func deepProofs() throws {
        var random = TestRandom(seed: 2026)
        var proven = 0
        for _ in 0..<12 {
            let p = Self.randomProblem(&random, projects: 9, periods: 5)
            let best = Self.exhaustive(p)
            guard case .solved(let solution) = RoadmapOptimizer.solve(p, options: RoadmapSolverOptions(workLimit: 20_000_000)) else {
                #expect(best == nil); continue
            }
            let optimum = try #require(best)
            #expect(Self.violations(solution.schedule, p).isEmpty)
            #expect(solution.bound >= optimum - 1e-9, "bound \(solution.bound) below the optimum \(optimum)")
            if solution.status == .optimal {
                #expect(abs(solution.objective - optimum) < 1e-9, "proven \(solution.objective), optimum \(optimum)")
                proven += 1
            }
        }
        #expect(proven >= 10)
    }

    @Test("the same input and work limit give the same schedule; a lower limit still gives a feasible one")
    func deterministic() throws {
        var random = TestRandom(seed: 7)
        var p = Self.randomProblem(&random, projects: 90, periods: 10)
        for index in p.projects.indices { p.projects[index].mandatory = index == 3 }
        let options = RoadmapSolverOptions(workLimit: 2_000_000)
        let first = try Self.solution(RoadmapOptimizer.solve(p, options: options))
        let second = try Self.solution(RoadmapOptimizer.solve(p, options: options))
        #expect(first.schedule == second.schedule && first.nodes == second.nodes)
        #expect(Self.violations(first.schedule, p).isEmpty && first.bound >= first.objective - 1e-9)
        let quick = try Self.solution(RoadmapOptimizer.solve(p, options: RoadmapSolverOptions(workLimit: 1_000)))
        #expect(Self.violations(quick.schedule, p).isEmpty)
    }
}

extension OptimizerTests {
    struct TestFailure: Error { var message: String }

    /// Independent of the solver: every rule of FORMAT.md, by plain loops.
    static func violations(_ schedule: RoadmapSchedule, _ p: RoadmapProblem) -> [String] {
        var found: [String] = []
        let periods = p.periods.count
        for project in p.projects {
            guard let s = schedule.starts[project.id] else {
                if project.mandatory { found.append("\(project.id) mandatory") }
                continue
            }
            if s < project.earliestStart || s + project.duration > periods { found.append("\(project.id) window") }
            if let finish = project.latestFinish, s + project.duration - 1 > finish { found.append("\(project.id) late") }
            for predecessor in project.after {
                let other = p.projects.first { $0.id == predecessor }!
                guard let t = schedule.starts[predecessor] else { found.append("\(project.id) without \(predecessor)"); continue }
                if s < t + other.duration { found.append("\(project.id) overlaps \(predecessor)") }
            }
        }
        for resource in p.resources {
            for t in 0..<periods {
                var used = 0.0
                for project in p.projects {
                    guard let s = schedule.starts[project.id], t >= s, t < s + project.duration,
                          let use = project.usage[resource.id], t - s < use.count else { continue }
                    used += use[t - s]
                }
                if used > resource.capacity[t] + 1e-9 { found.append("\(resource.id) over in \(t)") }
            }
        }
        return found
    }

    static func bruteForce(_ p: RoadmapProblem) -> Double? {
        var best: Double?
        var choice = [Int](repeating: -1, count: p.projects.count)
        func visit(_ index: Int) {
            if index == p.projects.count {
                var starts: [String: Int] = [:]
                for (i, s) in choice.enumerated() where s >= 0 { starts[p.projects[i].id] = s }
                let schedule = RoadmapSchedule(starts: starts)
                if violations(schedule, p).isEmpty { best = max(best ?? -1, schedule.objective(in: p)) }
                return
            }
            for s in -1...(p.periods.count - p.projects[index].duration) {
                choice[index] = s
                visit(index + 1)
            }
        }
        visit(0)
        return best
    }

    /// Depth-first over starts in index order (predecessors come first in `randomProblem`), capacities checked
    /// as projects are added; independent of the solver's code.
    static func exhaustive(_ p: RoadmapProblem) -> Double? {
        let periods = p.periods.count
        var used = p.resources.map { _ in [Double](repeating: 0, count: periods) }
        var starts: [String: Int] = [:]
        var best: Double?
        func fits(_ project: Project, _ s: Int, _ sign: Double) -> Bool {
            var ok = true
            for (r, resource) in p.resources.enumerated() {
                guard let use = project.usage[resource.id] else { continue }
                for k in 0..<min(use.count, project.duration) {
                    used[r][s + k] += sign * use[k]
                    if used[r][s + k] > resource.capacity[s + k] + 1e-9 { ok = false }
                }
            }
            return ok
        }
        func visit(_ index: Int, _ value: Double) {
            if index == p.projects.count { best = max(best ?? -1, value); return }
            let project = p.projects[index]
            if !project.mandatory { visit(index + 1, value) }
            var lower = project.earliestStart
            for id in project.after {
                guard let t = starts[id] else { return }
                lower = max(lower, t + p.projects.first { $0.id == id }!.duration)
            }
            var upper = periods - project.duration
            if let finish = project.latestFinish { upper = min(upper, finish - project.duration + 1) }
            guard lower <= upper else { return }
            for s in lower...upper {
                if fits(project, s, 1) {
                    starts[project.id] = s
                    visit(index + 1, value + p.value(of: project, startingIn: s))
                    starts[project.id] = nil
                }
                _ = fits(project, s, -1)
            }
        }
        visit(0, 0)
        return best
    }

    static func randomProblem(_ random: inout TestRandom, projects count: Int, periods: Int) -> RoadmapProblem {
        let budget = (0..<periods).map { _ in Double(8 + random.below(6)) }
        let staff = (0..<periods).map { _ in Double(2 + random.below(3)) / 2 }
        var projects: [Project] = []
        for i in 0..<count {
            let duration = 1 + random.below(min(3, periods))
            var project = Project(id: "P\(i)", value: Double(1 + random.below(40)), duration: duration,
                                  usage: ["budget": (0..<duration).map { _ in Double(random.below(7)) },
                                          "FD-IT": (0..<duration).map { _ in Double(random.below(4)) / 4 }])
            if random.below(5) == 0 { project.earliestStart = random.below(periods - duration + 1) }
            if i > 0 && random.below(4) == 0 { project.after = ["P\(random.below(i))"] } else if random.below(5) == 0 {
                project.latestFinish = min(periods - 1, project.earliestStart + duration - 1 + random.below(2))
            }
            if random.below(8) == 0 { project.mandatory = true }
            projects.append(project)
        }
        return problem(periods: periods, budget: budget, staff: staff, discount: 0.9, projects)
    }
}

final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [Double] = []
    func add(_ value: Double) { lock.lock(); stored.append(value); lock.unlock() }
    var values: [Double] { lock.lock(); defer { lock.unlock() }; return stored }
}

struct TestRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func below(_ bound: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) % UInt64(bound))
    }
}
