import Foundation

/// Duplicate detection across departments (Dublettenprüfung): finds project profiles that ask for the same thing in
/// different words — "Online-Antrag Wohngeld" and "Wohngeldantrag digitalisieren", or "E-Akte im Bürgeramt" and
/// "Einführung der elektronischen Akte für das Bürgeramt" — so the strategy team can merge them before two
/// departments buy the same software.
///
/// Each profile becomes a TF-IDF vector: features are the CISTEM stems of its words (stop words removed) plus the
/// character n-grams of those stems, so that a compound meets its parts ("Wohngeldantrag" ↔ "Antrag auf Wohngeld").
/// Each field (title, tags, summary, description) and each feature kind (stems, n-grams) is normalised on its own and
/// then weighted, so a long description cannot drown the title; term frequencies are sublinear (1 + ln tf); features
/// found in more than a few percent of all profiles are dropped as noise (and for speed). Scores are cosine
/// similarities in 0…1, found through an inverted index.
///
/// `insert` and `remove` are exact (the result equals a rebuild) but re-weigh every stored vector, because the inverse
/// document frequencies change: milliseconds for thousands of profiles, fine for a form save; use
/// `insert(contentsOf:)` for many at once.
public struct SimilarityIndex<ID: Hashable & Sendable>: Sendable {
    /// What duplicate detection reads of one project profile (Projektsteckbrief).
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

    /// Two stored profiles that are likely duplicates; `a` was stored before `b`.
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
        /// Length of the character n-grams of a stem, 3 or 4 (with start and end markers).
        public var gramLength: Int = 4
        /// Folded words ignored before stemming.
        public var stopWords: Set<String> = GermanStemmer.stopWords
        public init() {}
    }

    /// Default for `minimumScore`. Evidence from `SimilarityPairsTests` (20 duplicate and 20 related-but-different
    /// pairs of municipal projects in one index): every duplicate pair scores at least 0.36 and every related pair
    /// below 0.35; embedded in 2,000 generated profiles the gap widens. Related pairs just below the line are
    /// texts of identical build about different subjects ("Online-Antrag Wohngeld" / "Online-Antrag Elterngeld").
    public static var defaultMinimumScore: Double { 0.35 }

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

    /// All pairs of stored profiles scoring at least `minimumScore`, best first, at most `limit` — the "likely
    /// duplicates across departments" view. One pass over the inverted index; each pair is counted once.
    public func likelyPairs(minimumScore: Double = defaultMinimumScore, limit: Int = 100) -> [Pair] {
        guard limit > 0 else { return [] }
        var found = core.pairs(minimumScore: Float(minimumScore))
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

/// The vectors and the inverted index behind `SimilarityIndex`, by slot number; not generic, so the compiler
/// specialises every loop.
struct SimilarityCore: Sendable {
    /// The configuration as the core needs it.
    struct Settings: Sendable {
        /// Per field-block (field × 2 + 0 for stems, 1 for n-grams): field weight × √share.
        var blockWeights: [Float]
        var gramLength: Int
        var stopWords: Set<String>

        init<ID>(_ c: SimilarityIndex<ID>.Configuration) {
            let fields = [c.titleWeight, c.tagsWeight, c.summaryWeight, c.descriptionWeight]
            blockWeights = fields.flatMap { [Float($0 * c.wordShare.squareRoot()), Float($0 * (1 - c.wordShare).squareRoot())] }
            gramLength = c.gramLength; stopWords = c.stopWords
        }
    }

    /// One feature of one field-block with its sublinear term frequency 1 + ln(count).
    struct RawEntry: Sendable {
        var feature: Int32
        var fieldBlock: UInt8
        var tf: Float
    }

    /// A document's features before they get ids: keys in order of first appearance, entries pointing into them.
    struct Analysis {
        var keys: [UInt64] = []
        var entries: [(key: Int32, fieldBlock: UInt8, tf: Float)] = []
    }

    let settings: Settings
    private var count = 0
    /// Per slot: raw entries sorted by feature, then field-block.
    private var raws: [[RawEntry]] = []
    /// Feature key → feature id. Stems are FNV-1a hashes with the top bit clear; n-grams pack their characters into
    /// 15 bits each (top bit set).
    private var vocabulary: [UInt64: Int32] = [:]
    private var documentFrequency: [Int32] = []
    // Derived by `reweigh()`.
    private var idf: [Float] = []
    private var vectorStart: [Int] = [0]
    private var vectorFeature: [Int32] = []
    private var vectorWeight: [Float] = []
    private var postingStart: [Int] = [0]
    private var postingSlot: [Int32] = []
    private var postingWeight: [Float] = []

    init(settings: Settings) { self.settings = settings }

    func analyze(_ fields: [String]) -> Analysis {
        var analysis = Analysis()
        var keyIndex: [UInt64: Int32] = [:]
        var counts: [Int32] = []
        var order: [Int32] = []
        var buffers = GermanStemmer.Buffers()
        var padded: [UInt64] = []
        let n = settings.gramLength
        for (field, text) in fields.enumerated() where !text.isEmpty {
            func count(_ key: UInt64) {
                let index: Int32
                if let known = keyIndex[key] { index = known } else {
                    index = Int32(analysis.keys.count); analysis.keys.append(key); keyIndex[key] = index; counts.append(0)
                }
                if counts[Int(index)] == 0 { order.append(index) }
                counts[Int(index)] += 1
            }
            GermanStemmer.forEachContentStem(text, stopWords: settings.stopWords, buffers: &buffers) { stem in
                var hash: UInt64 = 0xcbf2_9ce4_8422_2325
                for byte in stem { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
                count(hash & ~(1 << 63))
                padded.removeAll(keepingCapacity: true)
                padded.append(1)
                if stem.allSatisfy({ $0 < 0x80 }) {
                    for byte in stem { padded.append(UInt64(byte)) }
                } else {
                    for scalar in String(decoding: stem, as: UTF8.self).unicodeScalars {
                        padded.append(UInt64(min(scalar.value, 0x7FFF)))
                    }
                }
                padded.append(2)
                var start = 0
                repeat {
                    var packed: UInt64 = 0
                    for k in start..<min(start + n, padded.count) { packed = packed << 15 | padded[k] }
                    count(packed | 1 << 63)
                    start += 1
                } while start + n <= padded.count
            }
            for index in order {
                let isGram = analysis.keys[Int(index)] >> 63 == 1
                analysis.entries.append((index, UInt8(field * 2 + (isGram ? 1 : 0)), 1 + logf(Float(counts[Int(index)]))))
                counts[Int(index)] = 0
            }
            order.removeAll(keepingCapacity: true)
        }
        return analysis
    }

    /// Stores an analysed document in the next slot (vectors are stale until `reweigh()`).
    mutating func store(_ analysis: Analysis) {
        var ids: [Int32] = []
        ids.reserveCapacity(analysis.keys.count)
        for key in analysis.keys {
            if let known = vocabulary[key] { ids.append(known); continue }
            precondition(documentFrequency.count < 1 << 24, "at most 16 million distinct features")
            let new = Int32(documentFrequency.count)
            vocabulary[key] = new; documentFrequency.append(0); ids.append(new)
        }
        for feature in ids { documentFrequency[Int(feature)] += 1 }
        raws.append(Self.sorted(analysis, ids: ids))
        count += 1
    }

    /// Removes a slot; later slots move up by one (vectors are stale until `reweigh()`).
    mutating func unstore(_ slot: Int) {
        var previous: Int32 = -1
        for entry in raws[slot] where entry.feature != previous {
            documentFrequency[Int(entry.feature)] -= 1; previous = entry.feature
        }
        raws.remove(at: slot)
        count -= 1
    }

    private static func sorted(_ analysis: Analysis, ids: [Int32]) -> [RawEntry] {
        var keyed = analysis.entries.map { UInt64(UInt32(ids[Int($0.key)])) << 40 | UInt64($0.fieldBlock) << 32 | UInt64($0.tf.bitPattern) }
        keyed.sort()
        return keyed.map { RawEntry(feature: Int32($0 >> 40), fieldBlock: UInt8($0 >> 32 & 0xFF), tf: Float(bitPattern: UInt32($0 & 0xFFFF_FFFF))) }
    }

    /// The smoothed inverse document frequency ln((N + 1) / (df + 1)) + 1.
    private func inverseFrequency(_ df: Int) -> Float { logf(Float(count + 1) / Float(df + 1)) + 1 }

    /// The L2-normalised vector of entries sorted by feature: each field-block normalised, then weighted. Features
    /// from `known` on (unknown to the index) count in the norms but are left out of the result.
    private static func weigh(
        _ entries: [RawEntry], blockWeights: [Float], known: Int32, idfOf: (Int32) -> Float,
        into features: inout [Int32], _ weights: inout [Float]
    ) {
        var norms = (Float(0), Float(0), Float(0), Float(0), Float(0), Float(0), Float(0), Float(0))
        withUnsafeMutableBytes(of: &norms) { raw in
            let norm = raw.bindMemory(to: Float.self)
            for entry in entries {
                let v = entry.tf * idfOf(entry.feature)
                norm[Int(entry.fieldBlock)] += v * v
            }
            for block in 0..<8 { norm[block] = norm[block] > 0 ? blockWeights[block] / norm[block].squareRoot() : 0 }
        }
        let first = weights.count
        var total: Float = 0
        var k = 0
        withUnsafeBytes(of: norms) { raw in
            let coefficient = raw.bindMemory(to: Float.self)
            while k < entries.count {
                let feature = entries[k].feature
                let weight = idfOf(feature)
                var sum: Float = 0
                while k < entries.count && entries[k].feature == feature {
                    sum += coefficient[Int(entries[k].fieldBlock)] * entries[k].tf * weight; k += 1
                }
                total += sum * sum
                if sum > 0 && feature < known { features.append(feature); weights.append(sum) }
            }
        }
        if total > 0 {
            let scale = 1 / total.squareRoot()
            for index in first..<weights.count { weights[index] *= scale }
        }
    }

    /// Recomputes the inverse document frequencies, every stored vector and the inverted index.
    mutating func reweigh() {
        idf = documentFrequency.map { inverseFrequency(Int($0)) }
        let idfTable = idf
        var vectorStart = [0], vectorFeature: [Int32] = [], vectorWeight: [Float] = []
        vectorStart.reserveCapacity(count + 1)
        let entryCount = raws.reduce(0) { $0 + $1.count }
        vectorFeature.reserveCapacity(entryCount); vectorWeight.reserveCapacity(entryCount)
        for raw in raws {
            Self.weigh(raw, blockWeights: settings.blockWeights, known: Int32(idfTable.count), idfOf: { idfTable[Int($0)] },
                       into: &vectorFeature, &vectorWeight)
            vectorStart.append(vectorFeature.count)
        }
        self.vectorStart = vectorStart; self.vectorFeature = vectorFeature; self.vectorWeight = vectorWeight
        var start = [Int](repeating: 0, count: idf.count + 1)
        for feature in vectorFeature { start[Int(feature) + 1] += 1 }
        for f in 0..<idf.count { start[f + 1] += start[f] }
        postingStart = start
        var postingSlot = [Int32](repeating: 0, count: vectorFeature.count)
        var postingWeight = [Float](repeating: 0, count: vectorFeature.count)
        for slot in 0..<count {
            for v in vectorStart[slot]..<vectorStart[slot + 1] {
                let f = Int(vectorFeature[v])
                postingSlot[start[f]] = Int32(slot); postingWeight[start[f]] = vectorWeight[v]; start[f] += 1
            }
        }
        self.postingSlot = postingSlot; self.postingWeight = postingWeight
    }

    /// The vector of a document that is not (necessarily) stored: unknown features weigh as never seen (document
    /// frequency 0) and count only in the document's own norm.
    func queryVector(_ analysis: Analysis) -> (features: [Int32], weights: [Float]) {
        var ids: [Int32] = []
        var next = Int32(documentFrequency.count)
        for key in analysis.keys {
            if let known = vocabulary[key] { ids.append(known) } else { ids.append(next); next += 1 }
        }
        let unseen = inverseFrequency(0)
        let idfTable = idf
        var features: [Int32] = [], weights: [Float] = []
        Self.weigh(Self.sorted(analysis, ids: ids), blockWeights: settings.blockWeights, known: Int32(idfTable.count),
                   idfOf: { Int($0) < idfTable.count ? idfTable[Int($0)] : unseen }, into: &features, &weights)
        return (features, weights)
    }

    /// Calls `body` with every stored slot sharing a feature with `query`, and its cosine similarity.
    func forEachScore(of query: (features: [Int32], weights: [Float]), _ body: (Int, Double) -> Void) {
        var accumulator = [Float](repeating: 0, count: count)
        var touched: [Int32] = []
        for (feature, weight) in zip(query.features, query.weights) where Int(feature) < idf.count {
            let f = Int(feature)
            for p in postingStart[f]..<postingStart[f + 1] {
                let slot = Int(postingSlot[p])
                if accumulator[slot] == 0 { touched.append(Int32(slot)) }
                accumulator[slot] += weight * postingWeight[p]
            }
        }
        for slot in touched { body(Int(slot), min(1, Double(accumulator[Int(slot)]))) }
    }

    /// All slot pairs (a < b) scoring at least `minimumScore`, exactly, by prefix filtering (Bayardo, Ma, Srikant:
    /// "Scaling Up All Pairs Similarity Search", WWW 2007). Each vector is walked from its most frequent features
    /// on; as long as the upper bound Σ weight × (largest weight of that feature anywhere) stays below the threshold,
    /// the feature is left out of a partial inverted index. A pair reaching the threshold must then share an indexed
    /// feature, so probing the partial index finds it; its score is completed exactly from the left-out part.
    /// Very frequent features, whose postings are long, thus drop out of the search without changing any result.
    func pairs(minimumScore threshold: Float) -> [(a: Int32, b: Int32, score: Float)] {
        guard count > 1, threshold > 0 else { return threshold > 0 ? [] : allPairs() }
        var largest = [Float](repeating: 0, count: idf.count)
        for v in vectorFeature.indices { largest[Int(vectorFeature[v])] = max(largest[Int(vectorFeature[v])], vectorWeight[v]) }
        // Split each vector into the left-out prefix (with its bound) and the indexed rest.
        var leftOutStart = [0], leftOutFeature: [Int32] = [], leftOutWeight: [Float] = [], leftOutBound: [Float] = []
        var indexed: [(feature: Int32, slot: Int32, weight: Float)] = []
        var order: [Int] = []
        for slot in 0..<count {
            order.removeAll(keepingCapacity: true)
            order.append(contentsOf: vectorStart[slot]..<vectorStart[slot + 1])
            order.sort { (documentFrequency[Int(vectorFeature[$0])], vectorFeature[$1]) > (documentFrequency[Int(vectorFeature[$1])], vectorFeature[$0]) }
            var bound: Float = 0
            var k = 0
            while k < order.count {
                let v = order[k]
                let next = bound + vectorWeight[v] * largest[Int(vectorFeature[v])]
                if next >= threshold { break }
                bound = next; leftOutFeature.append(vectorFeature[v]); leftOutWeight.append(vectorWeight[v]); k += 1
            }
            while k < order.count {
                let v = order[k]
                indexed.append((vectorFeature[v], Int32(slot), vectorWeight[v])); k += 1
            }
            leftOutStart.append(leftOutFeature.count); leftOutBound.append(bound)
        }
        // The partial inverted index, postings in slot order.
        var start = [Int](repeating: 0, count: idf.count + 1)
        for entry in indexed { start[Int(entry.feature) + 1] += 1 }
        for f in 0..<idf.count { start[f + 1] += start[f] }
        let partialStart = start
        var partialSlot = [Int32](repeating: 0, count: indexed.count), partialWeight = [Float](repeating: 0, count: indexed.count)
        for entry in indexed {
            let f = Int(entry.feature)
            partialSlot[start[f]] = entry.slot; partialWeight[start[f]] = entry.weight; start[f] += 1
        }
        indexed = []

        var accumulator = [Float](repeating: 0, count: count)
        var dense = [Float](repeating: 0, count: idf.count)
        var touched: [Int32] = []
        var found: [(a: Int32, b: Int32, score: Float)] = []
        for a in 0..<count {
            for v in vectorStart[a]..<vectorStart[a + 1] {
                let f = Int(vectorFeature[v]), weight = vectorWeight[v]
                dense[f] = weight
                var p = partialStart[f + 1] - 1
                while p >= partialStart[f] {
                    let b = Int(partialSlot[p])
                    if b <= a { break }
                    if accumulator[b] == 0 { touched.append(Int32(b)) }
                    accumulator[b] += weight * partialWeight[p]
                    p -= 1
                }
            }
            for b32 in touched {
                let b = Int(b32)
                var score = accumulator[b]
                accumulator[b] = 0
                if score + leftOutBound[b] < threshold { continue }
                for k in leftOutStart[b]..<leftOutStart[b + 1] { score += dense[Int(leftOutFeature[k])] * leftOutWeight[k] }
                if score >= threshold { found.append((Int32(a), b32, score)) }
            }
            for v in vectorStart[a]..<vectorStart[a + 1] { dense[Int(vectorFeature[v])] = 0 }
            touched.removeAll(keepingCapacity: true)
        }
        return found
    }

    /// Every pair, for a threshold of 0.
    private func allPairs() -> [(a: Int32, b: Int32, score: Float)] {
        var found: [(a: Int32, b: Int32, score: Float)] = []
        for a in 0..<count { for b in (a + 1)..<max(a + 1, count) { found.append((Int32(a), Int32(b), Float(score(a, b)))) } }
        return found
    }

    /// Cosine similarity of two stored slots.
    func score(_ x: Int, _ y: Int) -> Double {
        var i = vectorStart[x], j = vectorStart[y]
        var sum: Float = 0
        while i < vectorStart[x + 1] && j < vectorStart[y + 1] {
            if vectorFeature[i] == vectorFeature[j] {
                sum += vectorWeight[i] * vectorWeight[j]; i += 1; j += 1
            } else if vectorFeature[i] < vectorFeature[j] { i += 1 } else { j += 1 }
        }
        return min(1, Double(sum))
    }
}
