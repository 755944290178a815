import ArgumentParser
import Foundation
import Logging

/// Logs as one JSON object per line (LOG_FORMAT=json, the default) or as plain text (LOG_FORMAT=text).
/// A misspelt setting stops the program rather than silently logging differently.
enum LogSetup {
    nonisolated(unsafe) private static var done = false

    static func bootstrapOnce() throws {
        guard !done else { return }
        let environment = ProcessInfo.processInfo.environment
        let level: Logger.Level
        if let raw = environment["LOG_LEVEL"], !raw.isEmpty {
            guard let parsed = Logger.Level(rawValue: raw.lowercased()) else {
                throw ValidationError("LOG_LEVEL must be one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")) (got \(raw)).")
            }
            level = parsed
        } else {
            level = .info
        }
        let format = (environment["LOG_FORMAT"] ?? "json").lowercased()
        guard ["json", "text"].contains(format) else { throw ValidationError("LOG_FORMAT must be json or text (got \(format)).") }
        done = true
        LoggingSystem.bootstrap { label in
            var handler: any LogHandler = format == "json" ? JSONLogHandler(label: label) : StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}

struct JSONLogHandler: LogHandler {
    var label: String
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var fields: [String: Any] = [
            "time": ISO8601DateFormatter().string(from: Date()), "level": event.level.rawValue,
            "message": event.message.description, "logger": label,
        ]
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) { fields[key] = Self.json(value) }
        guard let data = try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]) else { return }
        FileHandle.standardError.write(data + Data("\n".utf8))
    }

    /// Numbers stay numbers (status, duration_ms), so log tools can compute with them.
    private static func json(_ value: Logger.Metadata.Value) -> Any {
        switch value {
        case .string(let text): return text
        case .stringConvertible(let convertible):
            if let number = convertible as? Int { return number }
            if let number = convertible as? Double { return number }
            return convertible.description
        case .array(let values): return values.map(json)
        case .dictionary(let values): return values.mapValues(json)
        }
    }
}
