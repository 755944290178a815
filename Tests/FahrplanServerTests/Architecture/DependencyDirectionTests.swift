import Foundation
import Testing

/// The server's capability folders are layers: each may use the ones listed before it in docs/ARCHITECTURE.md
/// ("Layers"), never one after it. Checked on the source text: every type declared in a folder belongs to that
/// folder, and a file that names a type of a later folder breaks the direction.
@Suite("Architecture: dependency direction")
struct DependencyDirectionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let serverSources = root.appendingPathComponent("Sources/FahrplanServer")

    /// The layer list between the markers in docs/ARCHITECTURE.md: lines "1. `Shared` — …".
    static func layers() throws -> [String] {
        let text = try String(contentsOf: root.appendingPathComponent("docs/ARCHITECTURE.md"), encoding: .utf8)
        guard let start = text.range(of: "<!-- layers -->"), let end = text.range(of: "<!-- /layers -->") else { return [] }
        return text[start.upperBound..<end.lowerBound].split(separator: "\n").compactMap { line in
            guard line.range(of: #"^\d+\. `"#, options: .regularExpression) != nil else { return nil }
            return line.split(separator: "`").dropFirst().first.map(String.init)
        }
    }

    /// Source text without string literals and comments, so that a word in a message or a remark is no use.
    static func code(_ source: String) -> String {
        var text = source.replacingOccurrences(of: #"\"\"\"[\s\S]*?\"\"\""#, with: "\"\"", options: .regularExpression)
        text = text.replacingOccurrences(of: #""(?:[^"\\\n]|\\.)*""#, with: "\"\"", options: .regularExpression)
        text = text.replacingOccurrences(of: #"/\*[\s\S]*?\*/"#, with: "", options: .regularExpression)
        return text.replacingOccurrences(of: #"//[^\n]*"#, with: "", options: .regularExpression)
    }

    static func sourceFiles() throws -> [(layer: String, path: String, code: String)] {
        let files = FileManager.default.enumerator(at: serverSources, includingPropertiesForKeys: nil)
        var result: [(String, String, String)] = []
        while let url = files?.nextObject() as? URL {
            guard url.pathExtension == "swift" else { continue }
            let relative = String(url.path.dropFirst(serverSources.path.count + 1))
            let layer = relative.contains("/") ? String(relative.prefix { $0 != "/" }) : "."
            result.append((layer, relative, code(try String(contentsOf: url, encoding: .utf8))))
        }
        return result
    }

    static func words(_ pattern: String, in text: String) -> [String] {
        let expression = try! NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines])
        return expression.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
            Range(match.range(at: match.numberOfRanges - 1), in: text).map { String(text[$0]) }
        }
    }

    static let declaration = #"^(\s*)(?:(?:public|internal|private|fileprivate|final|indirect|@\w+)\s+)*(?:struct|enum|class|protocol|actor|typealias)\s+([A-Z]\w*)"#

    /// Which layers declare each type: `topLevel` for the types other files can name bare, `anyDepth` including
    /// nested ones (a layer's own `Form` or `Entry` nested in a type is not another layer's).
    static func owners(_ files: [(layer: String, path: String, code: String)]) -> (topLevel: [String: Set<String>], anyDepth: [String: Set<String>]) {
        var topLevel: [String: Set<String>] = [:]
        var anyDepth: [String: Set<String>] = [:]
        let expression = try! NSRegularExpression(pattern: declaration, options: [.anchorsMatchLines])
        for file in files {
            for match in expression.matches(in: file.code, range: NSRange(file.code.startIndex..., in: file.code)) {
                guard let indent = Range(match.range(at: 1), in: file.code), let name = Range(match.range(at: 2), in: file.code) else { continue }
                let type = String(file.code[name])
                anyDepth[type, default: []].insert(file.layer)
                if file.code[indent].isEmpty { topLevel[type, default: []].insert(file.layer) }
            }
        }
        return (topLevel, anyDepth)
    }

    /// "Portfolio/ProjectDetailBuilder.swift uses ProjectDecisionSection of Prioritization" for each wrong-way use.
    static func violations(layers: [String], files: [(layer: String, path: String, code: String)]) -> [String] {
        let (topLevel, anyDepth) = owners(files)
        var found: [String] = []
        for file in files {
            guard let own = layers.firstIndex(of: file.layer) else { continue }
            for name in Set(words(#"\b([A-Z]\w*)\b"#, in: file.code)).sorted() {
                // A name the file's own layer declares too (e.g. nested) is taken to mean that one.
                guard !anyDepth[name, default: []].contains(file.layer) else { continue }
                for owner in topLevel[name, default: []] {
                    if let index = layers.firstIndex(of: owner), index > own {
                        found.append("\(file.path) uses \(name) of \(owner)")
                    }
                }
            }
        }
        return found.sorted()
    }

    @Test("every folder of the server is a layer listed in docs/ARCHITECTURE.md, and none uses a later one")
    func direction() throws {
        let layers = try Self.layers()
        try #require(layers.count >= 10, "docs/ARCHITECTURE.md lists the layers between <!-- layers --> markers")
        let files = try Self.sourceFiles()
        let unlisted = Set(files.map(\.layer)).subtracting(layers).subtracting(["."])
        #expect(unlisted.isEmpty, "folders missing from the layer list: \(unlisted.sorted())")
        let violations = Self.violations(layers: layers, files: files)
        #expect(violations.isEmpty, "uses against the layer order:\n\(violations.joined(separator: "\n"))")
    }

    @Test("the check finds a use against the order, and ignores names in strings and comments")
    func checkBites() {
        let files: [(layer: String, path: String, code: String)] = [
            ("Shared", "Shared/A.swift", Self.code("struct Frame {}\nlet x = \"Ranking\" // Ranking")),
            ("Portfolio", "Portfolio/B.swift", Self.code("final class Project {}\nlet y = Frame()\nlet z: Ranking? = nil")),
            ("Prioritization", "Prioritization/C.swift", Self.code("struct Ranking { var p: Project }\nstruct Page {}")),
            ("Shared", "Shared/D.swift", Self.code("enum Link {\n    enum Page { case a }\n}\nlet p: Link.Page = .a")),
        ]
        #expect(Self.violations(layers: ["Shared", "Portfolio", "Prioritization"], files: files)
            == ["Portfolio/B.swift uses Ranking of Prioritization"])
    }

    @Test("the core imports neither Vapor nor Fluent")
    func coreStaysPlain() throws {
        let core = Self.root.appendingPathComponent("Sources/FahrplanCore")
        let files = FileManager.default.enumerator(at: core, includingPropertiesForKeys: nil)
        var offending: [String] = []
        while let url = files?.nextObject() as? URL {
            guard url.pathExtension == "swift" else { continue }
            let imports = Self.words(#"^\s*(?:@\w+\s+)?import\s+(\w+)"#, in: try String(contentsOf: url, encoding: .utf8))
            if !Set(imports).isSubset(of: ["Foundation", "Crypto", "Dispatch", "ZIPFoundation"]) { offending.append(url.lastPathComponent + ": " + imports.joined(separator: ", ")) }
        }
        #expect(offending.isEmpty, "\(offending)")
    }
}
