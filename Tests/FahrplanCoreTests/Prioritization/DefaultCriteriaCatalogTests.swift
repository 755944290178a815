import Foundation
@testable import FahrplanCore
import Testing

@Suite("DefaultCriteriaCatalog: the shipped German catalog and its English twin")
struct DefaultCriteriaCatalogTests {
    static let keys = ["legal", "citizenBenefit", "staffRelief", "strategicFit", "urgency", "feasibility", "risk",
                       "costBenefit", "basicComponent"]

    @Test("stable keys, in order, the same in both languages")
    func keys() {
        #expect(DefaultCriteriaCatalog.keys == Self.keys)
        #expect(DefaultCriteriaCatalog.criteria(english: false).map(\.key) == Self.keys)
        #expect(DefaultCriteriaCatalog.criteria(english: true).map(\.key) == Self.keys)
    }

    @Test("sources and directions: derived where the profile knows, risk lower is better")
    func sourcesAndDirections() {
        for english in [false, true] {
            let byKey = Dictionary(uniqueKeysWithValues: DefaultCriteriaCatalog.criteria(english: english).map { ($0.key, $0) })
            #expect(byKey["legal"]?.source == .legalObligation)
            #expect(byKey["costBenefit"]?.source == .costBenefit)
            #expect(byKey["basicComponent"]?.source == .dependents)
            for key in ["citizenBenefit", "staffRelief", "strategicFit", "urgency", "feasibility", "risk"] {
                #expect(byKey[key]?.source == .rating, "\(key)")
            }
            #expect(byKey.values.filter { $0.direction == .lowerIsBetter }.map(\.key) == ["risk"])
            #expect(byKey["risk"]?.normalized(0) == 1 && byKey["risk"]?.normalized(4) == 0)
        }
    }

    @Test("every criterion is valid and has a 0–4 scale with a label and a real anchor for every level")
    func anchoredScales() {
        for english in [false, true] {
            for criterion in DefaultCriteriaCatalog.criteria(english: english) {
                #expect(criterion.problems().isEmpty, "\(criterion.key)")
                #expect(criterion.levels.map(\.value) == [0, 1, 2, 3, 4], "\(criterion.key)")
                #expect(criterion.description.count >= 60, "\(criterion.key)")
                for level in criterion.levels {
                    #expect(!level.label.isEmpty && level.label.count <= 40, "\(criterion.key) \(level.value): \(level.label)")
                    #expect(level.description.count >= 35, "\(criterion.key) \(level.value) is not anchored")
                    #expect(level.description.hasSuffix("."), "\(criterion.key) \(level.value)")
                }
                #expect(Set(criterion.levels.map(\.label)).count == 5, "\(criterion.key): labels repeat")
                #expect(Set(criterion.levels.map(\.description)).count == 5, "\(criterion.key): anchors repeat")
            }
        }
    }

    @Test("German first, English a real twin: different texts, same structure")
    func twins() {
        let german = DefaultCriteriaCatalog.criteria(english: false)
        let english = DefaultCriteriaCatalog.criteria(english: true)
        for (de, en) in zip(german, english) {
            #expect(de.name != en.name || de.key == "risk" && de.name == "Risiko" && en.name == "Risk")
            #expect(de.description != en.description)
            #expect(zip(de.levels, en.levels).allSatisfy { $0.description != $1.description })
            #expect(de.direction == en.direction && de.source == en.source)
        }
        #expect(german.first { $0.key == "citizenBenefit" }?.name == "Bürgernutzen")
        #expect(german.first { $0.key == "citizenBenefit" }?.levels[0].label == "Kein spürbarer Nutzen")
        let allGerman = german.flatMap { [$0.name, $0.description] + $0.levels.flatMap { [$0.label, $0.description] } }.joined()
        #expect(allGerman.contains("ü") && allGerman.contains("ä") && !allGerman.contains(" the "))
    }

    @Test("default weights: points for every key, all positive, 100 in all")
    func defaultWeights() {
        let weights = DefaultCriteriaCatalog.defaultWeights()
        #expect(Set(weights.keys) == Set(Self.keys))
        #expect(weights.values.allSatisfy { $0 > 0 })
        #expect(weights.values.reduce(0, +) == 100)
        #expect(weights["citizenBenefit"] == weights.values.max())
    }

    @Test("the cost-benefit anchors state the derivation's hourly rate and thresholds")
    func costBenefitAnchorsMatchDerivation() throws {
        let german = try #require(DefaultCriteriaCatalog.criteria(english: false).first { $0.key == "costBenefit" })
        let english = try #require(DefaultCriteriaCatalog.criteria(english: true).first { $0.key == "costBenefit" })
        let euros = DerivedCriterionValue.hourlyRateCents / 100
        #expect(german.description.contains("\(euros) €") && english.description.contains("\(euros) €"))
        #expect(german.description.contains("fünf Jahre") && DerivedCriterionValue.horizonYears == 5)
        #expect(DerivedCriterionValue.costBenefitThresholds == [0.5, 1, 2, 4])
        #expect(german.levels[0].description.contains("0,5") && german.levels[1].description.contains("0,5 bis unter 1"))
        #expect(german.levels[2].description.contains("1 bis unter 2") && german.levels[3].description.contains("2 bis unter 4"))
        #expect(german.levels[4].description.contains("4 und mehr"))
        #expect(english.levels[3].description.contains("2 to below 4"))
        let basic = try #require(DefaultCriteriaCatalog.criteria(english: false).first { $0.key == "basicComponent" })
        #expect(basic.levels[3].label.contains("Drei oder vier") && basic.levels[4].label.contains("Fünf oder mehr"))
    }
}
