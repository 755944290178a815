import Foundation

/// The models a municipality can choose with one click instead of editing JSON. Both keep the criteria keys of
/// Fahrplan's default (`antrag`, `nachweise`, `bescheid`), so stored assessments stay attached to their criteria.
public enum MaturityModelPreset: String, CaseIterable, Sendable {
    /// The OZG maturity model 1.1 (levels 0–4), Fahrplan's default.
    case ozg = "ozg-2017"
    /// The OZG maturity model 2.0 (levels 0–7, in force since July 2025).
    case ozg2025 = "ozg-2025"

    public var model: MaturityModel {
        switch self {
        case .ozg: .ozg
        case .ozg2025: .ozg2025
        }
    }

    public func name(english: Bool) -> String {
        switch self {
        case .ozg: english ? "OZG maturity model (0–4)" : "OZG-Reifegradmodell (0–4)"
        case .ozg2025: english ? "OZG maturity model 2.0 (0–7)" : "OZG-Reifegradmodell 2.0 (0–7)"
        }
    }

    /// The preset a stored model is, if it is one unchanged.
    public static func matching(_ model: MaturityModel) -> MaturityModelPreset? {
        allCases.first { $0.model == model }
    }
}

extension MaturityModel {
    /// The successor of the OZG model: version 2.0 (July 2025) rates a service from 0 (offline only) to 7 (handled
    /// end to end digitally); levels 0–3 describe the online application (front end), 4–6 process orientation and
    /// data centricity inside the administration, 7 the complete end-to-end digital handling. Levels 0–3 keep the
    /// OZG model's labels; those of 4–7 are Fahrplan's short descriptions of that structure, not the official
    /// wording, and the official model's 13 criteria are not reproduced: a municipality checks them against the
    /// published model and edits them (docs/inventory.md). Level 3 stays the threshold for "online".
    public static let ozg2025 = MaturityModel(
        key: "ozg-2025",
        levels: [
            MaturityLevel(number: 0, germanLabel: "Offline", englishLabel: "Offline"),
            MaturityLevel(number: 1, germanLabel: "Information", englishLabel: "Information"),
            MaturityLevel(number: 2, germanLabel: "Formular-Assistent", englishLabel: "Form assistant"),
            MaturityLevel(number: 3, germanLabel: "Online-Leistung", englishLabel: "Online service"),
            MaturityLevel(number: 4, germanLabel: "Digitale Übernahme ins Fachverfahren", englishLabel: "Digital hand-over to the specialist procedure"),
            MaturityLevel(number: 5, germanLabel: "Digitale Bearbeitung", englishLabel: "Digital processing"),
            MaturityLevel(number: 6, germanLabel: "Datenzentriert (Once-Only)", englishLabel: "Data-centred (once only)"),
            MaturityLevel(number: 7, germanLabel: "Ende-zu-Ende digital", englishLabel: "End-to-end digital"),
        ],
        criteria: MaturityModel.ozg.criteria,
        onlineFrom: 3)
}

/// What replacing a maturity model does to the services' current ratings. A rating keeps its level number;
/// a rating whose number the new model lacks would silently turn a known level into "unknown", so such a change
/// is refused (`missing`), naming the services, until they are rated on a level both models have. A number whose
/// label changes (`renamed`) keeps its ratings but is shown before the change, because its meaning may differ.
public enum MaturityModelChange {
    /// The current (latest) rating of one criterion of one service.
    public struct Rating: Sendable, Equatable {
        public var service: String
        public var criterionKey: String
        public var level: Int

        public init(service: String, criterionKey: String, level: Int) {
            self.service = service; self.criterionKey = criterionKey; self.level = level
        }
    }

    /// One level number and the services whose current rating uses it (names sorted, each once).
    public struct LevelImpact: Sendable, Equatable {
        public var level: Int
        public var before: MaturityLevel?
        public var after: MaturityLevel?
        public var services: [String]
    }

    public struct Impact: Sendable, Equatable {
        /// Levels the new model lacks that current ratings use: the change is refused.
        public var missing: [LevelImpact]
        /// Levels in both models with another label that current ratings use: kept, shown before applying.
        public var renamed: [LevelImpact]

        public var isSafe: Bool { missing.isEmpty }
    }

    /// Ratings of criteria the new model does not have are left out: they stop counting either way.
    public static func impact(from old: MaturityModel, to new: MaturityModel, current: [Rating]) -> Impact {
        var byLevel: [Int: Set<String>] = [:]
        for rating in current where new.criterion(rating.criterionKey) != nil {
            byLevel[rating.level, default: []].insert(rating.service)
        }
        var missing: [LevelImpact] = [], renamed: [LevelImpact] = []
        for level in byLevel.keys.sorted() {
            let services = byLevel[level, default: []].sorted()
            let before = old.level(level), after = new.level(level)
            if after == nil {
                missing.append(LevelImpact(level: level, before: before, after: nil, services: services))
            } else if let before, let after, before.germanLabel != after.germanLabel || before.englishLabel != after.englishLabel {
                renamed.append(LevelImpact(level: level, before: before, after: after, services: services))
            }
        }
        return Impact(missing: missing, renamed: renamed)
    }
}
