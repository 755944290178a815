import Foundation

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
            blockWeights = fields.flatMap { weight in
                [Float(weight * c.wordShare.squareRoot()), Float(weight * (1 - c.wordShare).squareRoot())]
            }
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
        // Sorting packed integers is much faster than sorting structs: feature (24 bits), field-block, tf bits.
        var keyed = analysis.entries.map {
            UInt64(UInt32(ids[Int($0.key)])) << 40 | UInt64($0.fieldBlock) << 32 | UInt64($0.tf.bitPattern)
        }
        keyed.sort()
        return keyed.map {
            RawEntry(feature: Int32($0 >> 40), fieldBlock: UInt8($0 >> 32 & 0xFF), tf: Float(bitPattern: UInt32($0 & 0xFFFF_FFFF)))
        }
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

    /// All slot pairs (a < b) scoring at least `minimumScore` (and above 0) that share at least one feature found
    /// in at most `max(pruneMinimum, pruneShare × count)` profiles. Partners are found through the postings of those
    /// features only — the very frequent ones (n-grams like "ung$", words like "Antrag") would make the search
    /// quadratic; for a partner that can still reach the threshold (Cauchy–Schwarz bound on the frequent part), the
    /// frequent part of the score is then added exactly. So every reported score is exact; a pair sharing *nothing but*
    /// very frequent features has nothing specific in common and is not reported.
    func pairs(minimumScore: Float, pruneShare: Double, pruneMinimum: Int) -> [(a: Int32, b: Int32, score: Float)] {
        let threshold = max(minimumScore, .leastNonzeroMagnitude)
        let pruneAbove = Int32(max(pruneMinimum, Int(pruneShare * Double(count))))
        // Number the frequent features densely and collect each profile's frequent part with its norm.
        var compact = [Int32](repeating: -1, count: idf.count)
        var frequentCount: Int32 = 0
        for (f, df) in documentFrequency.enumerated() where df > pruneAbove {
            compact[f] = frequentCount; frequentCount += 1
        }
        var frequentStart = [0], frequentFeature: [Int32] = [], frequentWeight: [Float] = [], frequentNorm: [Float] = []
        frequentStart.reserveCapacity(count + 1); frequentNorm.reserveCapacity(count)
        for slot in 0..<count {
            var squares: Float = 0
            for v in vectorStart[slot]..<vectorStart[slot + 1] where compact[Int(vectorFeature[v])] >= 0 {
                frequentFeature.append(compact[Int(vectorFeature[v])]); frequentWeight.append(vectorWeight[v])
                squares += vectorWeight[v] * vectorWeight[v]
            }
            frequentStart.append(frequentFeature.count); frequentNorm.append(squares.squareRoot())
        }

        var accumulator = [Float](repeating: 0, count: count)
        var frequentOfA = [Float](repeating: 0, count: Int(frequentCount))
        var touched: [Int32] = []
        var found: [(a: Int32, b: Int32, score: Float)] = []
        postingSlot.withUnsafeBufferPointer { postingSlot in
            postingWeight.withUnsafeBufferPointer { postingWeight in
                accumulator.withUnsafeMutableBufferPointer { accumulator in
                    for a in 0..<count {
                        for v in vectorStart[a]..<vectorStart[a + 1] where compact[Int(vectorFeature[v])] < 0 {
                            let f = Int(vectorFeature[v]), weight = vectorWeight[v], first = postingStart[f]
                            // Postings are in slot order: walk back from the end while the partner comes after `a`.
                            var p = postingStart[f + 1] - 1
                            while p >= first {
                                let b = Int(postingSlot[p])
                                if b <= a { break }
                                if accumulator[b] == 0 { touched.append(Int32(b)) }
                                accumulator[b] += weight * postingWeight[p]
                                p -= 1
                            }
                        }
                        for k in frequentStart[a]..<frequentStart[a + 1] {
                            frequentOfA[Int(frequentFeature[k])] = frequentWeight[k]
                        }
                        for b32 in touched {
                            let b = Int(b32)
                            var score = accumulator[b]
                            accumulator[b] = 0
                            if score + frequentNorm[a] * frequentNorm[b] < threshold { continue }
                            for k in frequentStart[b]..<frequentStart[b + 1] {
                                score += frequentOfA[Int(frequentFeature[k])] * frequentWeight[k]
                            }
                            if score >= threshold { found.append((Int32(a), b32, score)) }
                        }
                        for k in frequentStart[a]..<frequentStart[a + 1] { frequentOfA[Int(frequentFeature[k])] = 0 }
                        touched.removeAll(keepingCapacity: true)
                    }
                }
            }
        }
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
