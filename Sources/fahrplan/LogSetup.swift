import Foundation
import Logging

/// Logs as one JSON object per line (LOG_FORMAT=json, the default) or as plain text (LOG_FORMAT=text).
enum LogSetup {
    nonisolated(unsafe) private static var done = false

    static func bootstrapOnce() {
        guard !done else { return }
        done = true
        let environment = ProcessInfo.processInfo.environment
        let level = environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        let json = (environment["LOG_FORMAT"] ?? "json") == "json"
        LoggingSystem.bootstrap { label in
            var handler: any LogHandler = json ? JSONLogHandler(label: label) : StreamLogHandler.standardError(label: label)
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
        let level = event.level, message = event.message, explicit = event.metadata
        var fields: [String: String] = [
            "time": ISO8601DateFormatter().string(from: Date()), "level": level.rawValue,
            "message": message.description, "logger": label,
        ]
        for (key, value) in metadata.merging(explicit ?? [:], uniquingKeysWith: { $1 }) { fields[key] = "\(value)" }
        guard let data = try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]) else { return }
        FileHandle.standardError.write(data + Data("\n".utf8))
    }
}
