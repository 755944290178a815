@testable import FahrplanCore
import Foundation
import Testing
extension TextMatchingTests {
    @Suite("SimilarityIndex: TF-IDF duplicate detection")
    struct SimilarityIndexTests {
        typealias Index = SimilarityIndex<String>
        typealias Document = Index.Document

        static let portfolio: [Document] = [
            .init(id: "wohngeld", title: "Antrag auf Wohngeld", summary: "Mietzuschuss online beantragen."),
            .init(id: "hund", title: "Hundesteuer anmelden", summary: "Hunde online zur Steuer anmelden."),
            .init(id: "park", title: "Bewohnerparkausweis", summary: "Parkausweise für Anwohnende beantragen und bezahlen."),
            .init(id: "kita", title: "Kitaplatz vormerken", summary: "Eltern suchen einen Platz in der Kita."),
            .init(id: "eakte", title: "E-Akte im Bürgeramt", summary: "Vorgänge des Bürgeramts elektronisch führen.",
                  description: "Papierakten werden gescannt; neue Vorgänge entstehen nur noch digital.", tags: ["E-Akte", "DMS"]),
            .init(id: "wlan", title: "WLAN an Schulen", summary: "Alle Unterrichtsräume bekommen WLAN.", tags: ["Schule"]),
        ]

        static func assertSameScores(_ x: Index, _ y: Index, _ ids: [String]) {
            for a in ids {
                for b in ids {
                    #expect(abs(x.score(a, b)! - y.score(a, b)!) < 1e-5, "\(a) / \(b)")
                }
            }
        }

        @Test("an empty index finds nothing")
        func empty() {
            let index = Index()
            #expect(index.count == 0)
            #expect(index.candidates(for: Self.portfolio[0], minimumScore: 0).isEmpty)
            #expect(index.likelyPairs(minimumScore: 0.01).isEmpty)
            #expect(index.score("a", "b") == nil)
        }

        @Test("a compound finds its parts: \"Wohngeldantrag\" meets \"Antrag auf Wohngeld\"")
        func compounds() {
            let index = Index(documents: Self.portfolio)
            let found = index.candidates(for: .init(id: "new", title: "Wohngeldantrag"), minimumScore: 0)
            #expect(found.first?.id == "wohngeld")
            #expect(found.first!.score >= Index.defaultMinimumScore)
        }

        @Test("the same text scores 1, texts without common words 0 and are not listed")
        func extremes() {
            let index = Index(documents: Self.portfolio)
            let copy = index.candidates(for: .init(id: "copy", title: "Hundesteuer anmelden", summary: "Hunde online zur Steuer anmelden."))
            #expect(copy.first?.id == "hund")
            #expect(abs(copy.first!.score - 1) < 1e-5)
            #expect(index.score("hund", "hund")! > 0.9999)
            #expect(index.score("wlan", "hund") == 0)
            let unrelated = index.candidates(for: .init(id: "x", title: "Friedhofsverwaltung"), minimumScore: 0)
            #expect(!unrelated.contains { $0.score == 0 })
        }

        @Test("a word in the title counts more than the same word in the description")
        func titleWeighsMore() {
            let documents: [Document] = [
                .init(id: "q", title: "Ratsinformationssystem", description: "Abstimmung mit der Telefonanlage"),
                .init(id: "title", title: "Ratsinformationssystem", description: "Schulung der Fraktionen"),
                .init(id: "description", title: "Telefonanlage", description: "Ratsinformationssystem"),
            ] + Self.portfolio
            let index = Index(documents: documents)
            #expect(index.score("q", "title")! > index.score("q", "description")!)
        }

        @Test("tags alone make profiles similar")
        func tags() {
            let index = Index(documents: Self.portfolio + [.init(id: "dms", title: "Scanstelle", tags: ["E-Akte", "DMS"])])
            #expect(index.score("dms", "eakte")! > 0.1)
        }

        @Test("candidates skip the document's own id and excluded ids, respect limit and minimum, best first")
        func candidateOptions() {
            let index = Index(documents: Self.portfolio)
            let eakte = Self.portfolio[4]
            #expect(!index.candidates(for: eakte, minimumScore: 0).contains { $0.id == "eakte" })
            let all = index.candidates(for: .init(id: "new", title: "Antrag online", summary: "Hunde, Kita, Wohngeld"), limit: 10, minimumScore: 0)
            #expect(all.count >= 3)
            #expect(all.map(\.score) == all.map(\.score).sorted(by: >))
            #expect(all.allSatisfy { (0...1).contains($0.score) })
            let top = index.candidates(for: .init(id: "new", title: "Antrag online", summary: "Hunde, Kita, Wohngeld"), limit: 2, minimumScore: 0)
            #expect(top == Array(all.prefix(2)))
            let excluded = index.candidates(
                for: .init(id: "new", title: "Antrag online", summary: "Hunde, Kita, Wohngeld"), limit: 10, minimumScore: 0, excluding: [all[0].id])
            #expect(excluded == Array(all.dropFirst()))
            #expect(index.candidates(for: .init(id: "new", title: "Antrag online"), limit: 10, minimumScore: 0.99).isEmpty)
            #expect(index.candidates(for: eakte, limit: 0, minimumScore: 0).isEmpty)
        }

        @Test("a stored profile gets the same scores from candidates, score and likelyPairs")
        func consistentScores() {
            let index = Index(documents: SimilarityFixtures.documents)
            let pairs = index.likelyPairs(minimumScore: 0.05, limit: .max)
            for pair in pairs.prefix(40) {
                #expect(abs(pair.score - index.score(pair.a, pair.b)!) < 1e-5)
                let document = SimilarityFixtures.documents.first { $0.id == pair.a }!
                let found = index.candidates(for: document, limit: .max, minimumScore: 0).first { $0.id == pair.b }
                #expect(abs((found?.score ?? 0) - pair.score) < 1e-5)
            }
        }

        @Test("likelyPairs equals the brute-force comparison of all pairs, sorted, each pair once")
        func likelyPairsIsComplete() {
            let index = Index(documents: SimilarityFixtures.documents)
            let ids = SimilarityFixtures.documents.map(\.id)
            var expected: [Set<String>: Double] = [:]
            for (i, a) in ids.enumerated() {
                for b in ids[(i + 1)...] where index.score(a, b)! >= 0.2 { expected[[a, b]] = index.score(a, b)! }
            }
            let pairs = index.likelyPairs(minimumScore: 0.2, limit: .max)
            #expect(pairs.count == expected.count)
            #expect(Set(pairs.map { Set([$0.a, $0.b]) }) == Set(expected.keys))
            #expect(pairs.map(\.score) == pairs.map(\.score).sorted(by: >))
            for pair in pairs {
                #expect(ids.firstIndex(of: pair.a)! < ids.firstIndex(of: pair.b)!)
            }
            #expect(index.likelyPairs(minimumScore: 0.2, limit: 3) == Array(pairs.prefix(3)))
        }

        @Test("with drastic pruning, likelyPairs reports a subset with exact scores, still nearly all duplicates")
        func likelyPairsWithPruning() {
            var configuration = Index.Configuration()
            configuration.pruneMinimum = 2  // in the 75 fixture profiles, every feature in 3 or more counts as frequent
            configuration.pruneShare = 0
            let index = Index(documents: SimilarityFixtures.documents, configuration: configuration)
            let pairs = index.likelyPairs(limit: .max)
            let exact = Index(documents: SimilarityFixtures.documents).likelyPairs(limit: .max)
            let exactScores = Dictionary(uniqueKeysWithValues: exact.map { (Set([$0.a, $0.b]), $0.score) })
            for pair in pairs {
                #expect(abs(pair.score - index.score(pair.a, pair.b)!) < 1e-5)
                #expect(abs(pair.score - (exactScores[[pair.a, pair.b]] ?? -1)) < 1e-5)
            }
            // Missed can only be a pair whose common features are all "frequent": here the two appointment projects
            // share nothing but "Bürgerbüro" and "Termin", each in three or more profiles.
            let reported = Set(pairs.map { Set([$0.a, $0.b]) })
            let found = SimilarityFixtures.duplicates.filter { reported.contains([$0.a.title, $0.b.title]) }
            #expect(found.count >= SimilarityFixtures.duplicates.count - 1)
        }

        @Test("insert, replace and remove give the same index as a rebuild")
        func incremental() {
            let ids = Self.portfolio.map(\.id)
            var grown = Index(documents: Self.portfolio.dropLast())
            grown.insert(Self.portfolio.last!)
            Self.assertSameScores(grown, Index(documents: Self.portfolio), ids)

            var replaced = Index(documents: Self.portfolio)
            let changed = Document(id: "park", title: "Handyparken", summary: "Parkgebühren per App bezahlen.")
            replaced.insert(changed)
            #expect(replaced.count == Self.portfolio.count)
            var rebuilt = Self.portfolio
            rebuilt[2] = changed
            Self.assertSameScores(replaced, Index(documents: rebuilt), ids)

            var shrunk = Index(documents: Self.portfolio)
            let removed = shrunk.remove("hund"), removedAgain = shrunk.remove("hund")
            #expect(removed && !removedAgain)
            #expect(!shrunk.contains("hund") && shrunk.count == Self.portfolio.count - 1)
            let rest = Self.portfolio.filter { $0.id != "hund" }
            Self.assertSameScores(shrunk, Index(documents: rest), rest.map(\.id))
            #expect(shrunk.likelyPairs(minimumScore: 0.01) == Index(documents: rest).likelyPairs(minimumScore: 0.01))

            var batch = Index(documents: Self.portfolio.prefix(2))
            batch.insert(contentsOf: Self.portfolio.dropFirst(2))
            Self.assertSameScores(batch, Index(documents: Self.portfolio), ids)
        }

        @Test("building twice gives identical results (no dependence on hash seeds)")
        func deterministic() {
            let first = Index(documents: SimilarityFixtures.documents).likelyPairs(minimumScore: 0.1, limit: .max)
            let second = Index(documents: SimilarityFixtures.documents).likelyPairs(minimumScore: 0.1, limit: .max)
            #expect(first == second)
        }

        @Test("works with UUIDs as ids")
        func uuidIDs() {
            let a = UUID(), b = UUID(), c = UUID()
            let index = SimilarityIndex(documents: [
                SimilarityIndex<UUID>.Document(id: a, title: "Online-Terminvergabe Bürgerbüro"),
                .init(id: b, title: "Terminbuchung im Internet für das Bürgerbüro"),
                .init(id: c, title: "Sperrmüll anmelden"),
            ])
            #expect(index.likelyPairs().map { Set([$0.a, $0.b]) } == [[a, b]])
        }
    }
}
