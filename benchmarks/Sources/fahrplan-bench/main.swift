// Benchmarks of the core algorithms, run by `benchmarks/*.sh` in a release build. Each prints its figures.
import Foundation

let arguments = CommandLine.arguments.dropFirst()
let benchmarks: [String: () throws -> Void] = [
    "duplicates": DuplicatesBenchmark.run,
]
guard let name = arguments.first, let run = benchmarks[name] else {
    FileHandle.standardError.write(Data("usage: fahrplan-bench <\(benchmarks.keys.sorted().joined(separator: "|"))>\n".utf8))
    exit(2)
}
try run()
