import Foundation

/// Duplicate detection across departments (Dublettenprüfung): finds project profiles that ask for the same thing in
/// different words — "Online-Antrag Wohngeld" and "Wohngeldantrag digitalisieren", or "E-Akte im Bürgeramt" and
/// "Einführung der elektronischen Akte für das Bürgeramt" — so the strategy team can merge them before two
/// departments buy the same software.
///
/// Each profile becomes a TF-IDF vector: features are the CISTEM stems of its words (stop words removed) plus the
/// character n-grams of those stems, so that a compound meets its parts ("Wohngeldantrag" ↔ "Antrag auf Wohngeld").
/// Each field (title, tags, summary, description) and each feature kind (stems, n-grams) is normalised on its own and
/// then weighted, so a long description cannot drown the title; term frequencies are sublinear (1 + ln tf) and weighted
/// by the smoothed inverse document frequency, so words every second profile uses count little. Scores are cosine
/// similarities in 0…1 (exact, the same from every method), found through an inverted index.
///
/// `insert` and `remove` are exact (the result equals a rebuild) but re-weigh every stored vector, because the inverse
/// document frequencies change: milliseconds for thousands of profiles, fine for a form save; use
/// `insert(contentsOf:)` for many at once.
public struct SimilarityIndex<ID: Hashable & Sendable>: Sendable {
    /// What duplicate detection reads of one project profile (Projektsteckbrief): title, short description
    /// (Kurzbeschreibung), long description and tags (Schlagwörter).
    public struct Document: Sendable {
        public var id: ID
        public var title: String
        public var summary: String
        public var description: String
        public var tags: [String]
        public init(id: ID, title: String, summary: String = "", description: String = "", tags: [String] = []) {
            self.id = id; self.title = title; self.summary = summary; self.description = description; self.tags = tags
        }
    }

    /// A stored profile resembling the one asked about, with its cosine similarity (0…1).
    public struct Match: Sendable, Equatable {
        public var id: ID
        public var score: Double
    }

    /// Two stored profiles that are likely duplicates; `a` was stored (or last replaced) before `b`.
    public struct Pair: Sendable, Equatable {
        public var a: ID
        public var b: ID
        public var score: Double
    }

    /// Tuning knobs. The defaults were chosen on `SimilarityPairsTests` (realistic duplicate and related pairs):
    /// summaries matter nearly as much as titles, n-grams more than whole stems, and the municipal filler words must
    /// go (each of these choices widened the gap between duplicates and related projects).
    public struct Configuration: Sendable {
        /// Relative weights of the fields. The title says most about what a project *is*; since each field is
        /// normalised on its own, each word of a short title weighs far more than a word of the description.
        public var titleWeight: Double = 1.0
        public var tagsWeight: Double = 0.5
        public var summaryWeight: Double = 0.8
        public var descriptionWeight: Double = 0.5
        /// Share of whole-word stems in each field's vector; the rest goes to the character n-grams.
        public var wordShare: Double = 0.2
        /// `likelyPairs` finds partners only through features in at most `pruneShare` of all profiles (at least
        /// `pruneMinimum`): see `likelyPairs`. Scores are not affected.
        public var pruneShare: Double = 0.05
        public var pruneMinimum: Int = 50
        /// Length of the character n-grams of a stem, 3 or 4 (with start and end markers).
        public var gramLength: Int = 4
        /// Folded words ignored before stemming.
        public var stopWords: Set<String> = GermanStemmer.stopWords
        public init() {}
    }

    /// Default for `minimumScore`: 0.3. Evidence from `SimilarityPairsTests` (20 duplicate and 20 related but
    /// different pairs of municipal projects): on their own, every duplicate scores ≥ 0.36 and 19 of the 20 related
    /// pairs < 0.27; among 2,000 other projects, where common subjects weigh less, duplicates score ≥ 0.31 and related
    /// pairs ≤ 0.30. The one related pair above the line is a text of identical build about another subject
    /// ("Online-Antrag Wohngeld" / "Online-Antrag Elterngeld", 0.34). A hint "Gibt es das schon?" should rather show
    /// one related project too many than miss a duplicate, hence the lower end of the gap.
    public static var defaultMinimumScore: Double { 0.3 }

    /// The settings the index was built with.
    public let configuration: Configuration
    private var ids: [ID] = []
    private var slotOf: [ID: Int] = [:]
    private var core: SimilarityCore

    /// An empty index.
    public init(configuration: Configuration = Configuration()) {
        self.init(documents: [Document](), configuration: configuration)
    }

    /// Builds the index; of several documents with the same id the last one counts.
    public init(documents: some Sequence<Document>, configuration: Configuration = Configuration()) {
        precondition((3...4).contains(configuration.gramLength), "n-grams of 3 or 4 characters")
        self.configuration = configuration
        core = SimilarityCore(settings: SimilarityCore.Settings(configuration))
        for document in documents { store(document) }
        core.reweigh()
    }

    /// Number of stored profiles.
    public var count: Int { ids.count }

    /// Whether a profile with this id is stored.
    public func contains(_ id: ID) -> Bool { slotOf[id] != nil }

    /// Adds a profile, or replaces the stored one with the same id.
    public mutating func insert(_ document: Document) {
        store(document)
        core.reweigh()
    }

    /// Adds or replaces several profiles with one re-weighing.
    public mutating func insert(contentsOf documents: some Sequence<Document>) {
        for document in documents { store(document) }
        core.reweigh()
    }

    /// Removes a profile; returns whether it was stored.
    @discardableResult
    public mutating func remove(_ id: ID) -> Bool {
        guard unstore(id) else { return false }
        core.reweigh()
        return true
    }

    /// The stored profiles most similar to `document`, best first (ties in storage order), at most `limit`, each
    /// scoring at least `minimumScore`. The document's own id and `excluded` ids are skipped, so an existing project
    /// can be checked while it is edited.
    public func candidates(
        for document: Document, limit: Int = 5, minimumScore: Double = defaultMinimumScore, excluding excluded: Set<ID> = []
    ) -> [Match] {
        guard limit > 0, !ids.isEmpty else { return [] }
        let query = core.queryVector(core.analyze(Self.fields(document)))
        var matches: [(slot: Int, score: Double)] = []
        core.forEachScore(of: query) { slot, score in
            if score >= minimumScore && ids[slot] != document.id && !excluded.contains(ids[slot]) {
                matches.append((slot, score))
            }
        }
        matches.sort { $0.score != $1.score ? $0.score > $1.score : $0.slot < $1.slot }
        return matches.prefix(limit).map { Match(id: ids[$0.slot], score: $0.score) }
    }

    /// Pairs of stored profiles scoring at least `minimumScore`, best first (ties in storage order), at most `limit` —
    /// the "likely duplicates across departments" view. One pass over the inverted index; scores are exact and equal
    /// `score(a, b)`. For speed, partners are only looked for through features that are not very frequent (see
    /// `Configuration.pruneShare`): a pair whose only common features are in more than 5 % of all profiles is not
    /// reported, as it has nothing specific in common.
    public func likelyPairs(minimumScore: Double = defaultMinimumScore, limit: Int = 100) -> [Pair] {
        guard limit > 0 else { return [] }
        var found = core.pairs(
            minimumScore: Float(minimumScore), pruneShare: configuration.pruneShare, pruneMinimum: configuration.pruneMinimum)
        found.sort { $0.score != $1.score ? $0.score > $1.score : ($0.a != $1.a ? $0.a < $1.a : $0.b < $1.b) }
        return found.prefix(limit).map { Pair(a: ids[Int($0.a)], b: ids[Int($0.b)], score: min(1, Double($0.score))) }
    }

    /// The similarity of two stored profiles, or nil if one of them is not stored.
    public func score(_ a: ID, _ b: ID) -> Double? {
        guard let x = slotOf[a], let y = slotOf[b] else { return nil }
        return core.score(x, y)
    }

    private static func fields(_ document: Document) -> [String] {
        [document.title, document.tags.joined(separator: " "), document.summary, document.description]
    }

    private mutating func store(_ document: Document) {
        unstore(document.id)
        slotOf[document.id] = ids.count
        ids.append(document.id)
        core.store(core.analyze(Self.fields(document)))
    }

    @discardableResult
    private mutating func unstore(_ id: ID) -> Bool {
        guard let slot = slotOf.removeValue(forKey: id) else { return false }
        core.unstore(slot)
        ids.remove(at: slot)
        for later in slot..<ids.count { slotOf[ids[later]] = later }
        return true
    }
}
