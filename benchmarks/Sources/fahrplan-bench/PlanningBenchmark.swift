import FahrplanCore
import Foundation

/// `fahrplan-bench planning [--work-limit N] [--out DIR] FILE…`: solves each `fahrplan-planning/1` file with the
/// roadmap optimizer (default options unless given), writes the `fahrplan-plan/1` solution to DIR/NAME.plan.json
/// and prints one line per problem: `planning.NAME status objective bound gap seconds nodes selected`.
enum PlanningBenchmark {
    static func run() throws {
        var arguments = Array(CommandLine.arguments.dropFirst(2))
        var options = RoadmapSolverOptions()
        var outDirectory = FileManager.default.temporaryDirectory.path
        while let flag = arguments.first, flag.hasPrefix("--"), arguments.count >= 2 {
            switch flag {
            case "--work-limit": options.workLimit = Int(arguments[1]) ?? options.workLimit
            case "--time-limit": options.timeLimit = Double(arguments[1]) ?? options.timeLimit
            case "--out": outDirectory = arguments[1]
            default: throw BenchmarkUsage(message: "unknown option \(flag)")
            }
            arguments.removeFirst(2)
        }
        for path in arguments {
            let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
            let problem = try PlanningFormat.decodeProblem(Data(contentsOf: URL(fileURLWithPath: path)))
            let began = Date()
            let result = RoadmapOptimizer.solve(problem, options: options)
            let seconds = Date().timeIntervalSince(began)
            switch result {
            case .solved(let solution):
                let out = URL(fileURLWithPath: outDirectory).appendingPathComponent("\(name).plan.json")
                try PlanningFormat.encodeSolution(solution, problem: problem).write(to: out)
                print(String(format: "planning.%@ %@ %.4f %.4f %.5f %.3f %d %d", name, solution.status.rawValue, solution.objective,
                             solution.bound, solution.gap, seconds, solution.nodes, solution.schedule.starts.count))
            case .infeasible(let conflicts):
                print("planning.\(name) infeasible 0 0 0 \(String(format: "%.3f", seconds)) 0 0")
                for conflict in conflicts { FileHandle.standardError.write(Data("\(name): \(conflict.message)\n".utf8)) }
            }
        }
    }
}

struct BenchmarkUsage: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
