import ArgumentParser
import FahrplanCore
import Foundation

/// `fahrplan plan FILE`: solves a roadmap problem in the exchange format `fahrplan-planning/1` and prints the
/// `fahrplan-plan/1` solution, so that plans can be checked against other solvers. Needs no database.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Solve a roadmap problem (fahrplan-planning/1) and print the schedule (fahrplan-plan/1).",
        discussion: """
            Reads the problem from FILE ("-" for stdin), selects and schedules projects to maximize the sum of \
            value × discount^start within every period's budget and staff capacity, with dependencies, mandatory \
            projects, earliest starts and deadlines respected. Prints {"format": "fahrplan-plan/1", "objective", \
            "bound" (a proven upper bound on the optimum), "gap", "status" ("optimal" or "limitReached"), "nodes", \
            "schedule": [{"id", "start"}]} on stdout. The search stops at the work limit (deterministic: the same \
            file and limit give the same schedule) or, as a safety net, at the time limit. Exit status: 0 solved, \
            1 no feasible schedule exists (the conflicts are named on stderr), 2 the file cannot be read or is \
            not a valid problem (the fields are named on stderr).
            """)

    @Argument(help: "The problem file (fahrplan-planning/1), or - for stdin.") var file: String
    @Option(help: "Deterministic work limit (solver work units).") var workLimit: Int = RoadmapSolverOptions.defaultWorkLimit
    @Option(help: "Safety-net time limit in seconds.") var timeLimit: Double = 60

    func run() throws {
        let input: Data
        if file == "-" {
            input = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            do {
                input = try Data(contentsOf: URL(fileURLWithPath: file))
            } catch {
                printError("Cannot read \(file): \(error.localizedDescription)")
                throw ExitCode(2)
            }
        }
        let problem: RoadmapProblem
        do {
            problem = try PlanningFormat.decodeProblem(input)
        } catch let failure as ValidationFailure {
            printError("\(file) is not a valid fahrplan-planning/1 problem:")
            for problem in failure.problems { printError("  \(problem.field): \(problem.kind)") }
            throw ExitCode(2)
        }
        let options = RoadmapSolverOptions(workLimit: max(0, workLimit), timeLimit: max(0, timeLimit))
        switch RoadmapOptimizer.solve(problem, options: options) {
        case .solved(let solution):
            FileHandle.standardOutput.write(PlanningFormat.encodeSolution(solution, problem: problem))
        case .infeasible(let conflicts):
            printError("Kein zulässiger Plan:")
            for conflict in conflicts { printError("  \(conflict.message)") }
            throw ExitCode(1)
        }
    }
}
