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
        // Built by hand: one line per request must stay cheap at thousands of requests per second.
        var line = "{\"time\":\"\(Self.timestamp())\",\"level\":\"\(event.level.rawValue)\",\"logger\":"
        Self.appendString(label, to: &line)
        line += ",\"message\":"
        Self.appendString(event.message.description, to: &line)
        let merged = event.metadata.map { metadata.merging($0, uniquingKeysWith: { $1 }) } ?? metadata
        for key in merged.keys.sorted() {
            guard let value = merged[key] else { continue }
            line += ","
            Self.appendString(key, to: &line)
            line += ":"
            Self.append(value, to: &line)
        }
        line += "}\n"
        FileHandle.standardError.write(Data(line.utf8))
    }

    static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var seconds = now.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let millis = Int(now.tv_nsec / 1_000_000)
        let millisText = millis < 10 ? "00\(millis)" : millis < 100 ? "0\(millis)" : "\(millis)"
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)).\(millisText)Z"
    }

    /// Numbers stay numbers (status, duration_ms), so log tools can compute with them.
    static func append(_ value: Logger.Metadata.Value, to line: inout String) {
        switch value {
        case .string(let text): appendString(text, to: &line)
        case .stringConvertible(let convertible):
            if let number = convertible as? Int { line += String(number) }
            else if let number = convertible as? Double, number.isFinite { line += String(number) }
            else { appendString(convertible.description, to: &line) }
        case .array(let values):
            line += "["
            for (index, element) in values.enumerated() {
                if index > 0 { line += "," }
                append(element, to: &line)
            }
            line += "]"
        case .dictionary(let values):
            line += "{"
            for (index, key) in values.keys.sorted().enumerated() {
                if index > 0 { line += "," }
                appendString(key, to: &line)
                line += ":"
                if let element = values[key] { append(element, to: &line) }
            }
            line += "}"
        }
    }

    static func appendString(_ text: String, to line: inout String) {
        line += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": line += "\\\""
            case "\\": line += "\\\\"
            case "\n": line += "\\n"
            case "\r": line += "\\r"
            case "\t": line += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                line += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: line.unicodeScalars.append(scalar)
            }
        }
        line += "\""
    }
}
