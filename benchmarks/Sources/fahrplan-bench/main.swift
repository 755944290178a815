// Benchmarks of the core algorithms, run by `benchmarks/*.sh` in a release build. Each prints its figures.
import Foundation

let arguments = CommandLine.arguments.dropFirst()
let benchmarks: [String: () throws -> Void] = [
    "ahp": AHPBenchmark.run,
    "dependencies": DependencyBenchmark.run,
    "duplicates": DuplicatesBenchmark.run,
    "kpi-rollup": KPIRollupBenchmark.run,
    "maturity-results": MaturityBenchmark.run,
    "montecarlo": RankingBenchmark.runMonteCarlo,
    "planning": PlanningBenchmark.run,
    "ranking": RankingBenchmark.runRanking,
    "reporting": ReportingBenchmark.run,
    "reporting-docx": ReportingBenchmark.writeDOCX,
]
guard let name = arguments.first, let run = benchmarks[name] else {
    FileHandle.standardError.write(Data("usage: fahrplan-bench <\(benchmarks.keys.sorted().joined(separator: "|"))>\n".utf8))
    exit(2)
}
try run()
