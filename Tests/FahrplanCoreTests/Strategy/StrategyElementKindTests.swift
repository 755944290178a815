import FahrplanCore
import Testing

@Suite("StrategyElementKind: the shape of the strategy frame")
struct StrategyElementKindTests {
    @Test("raw values are stored in the database and must not change")
    func rawValues() {
        #expect(StrategyElementKind.allCases.map(\.rawValue) == ["principle", "fieldOfAction", "goal", "program"])
    }

    @Test("path segments are fixed URLs", arguments: [
        (StrategyElementKind.principle, "principles"), (.fieldOfAction, "fields-of-action"), (.goal, "goals"), (.program, "programs"),
    ])
    func pathSegments(kind: StrategyElementKind, segment: String) {
        #expect(kind.pathSegment == segment)
        #expect(StrategyElementKind(pathSegment: segment) == kind)
    }

    @Test("unknown or differently spelled path segments are not a kind", arguments: [
        "", "goal", "Goals", "GOALS", "goals/", " goals", "fieldsOfAction", "fields_of_action", "vision",
    ])
    func unknownPathSegments(segment: String) {
        #expect(StrategyElementKind(pathSegment: segment) == nil)
    }

    @Test("path segments are unique")
    func uniqueSegments() {
        #expect(Set(StrategyElementKind.allCases.map(\.pathSegment)).count == StrategyElementKind.allCases.count)
    }

    @Test("Handlungsfeld → Ziel → Programm; Leitlinien and Handlungsfelder stand on their own")
    func parents() {
        #expect(StrategyElementKind.principle.parentKind == nil)
        #expect(StrategyElementKind.fieldOfAction.parentKind == nil)
        #expect(StrategyElementKind.goal.parentKind == .fieldOfAction)
        #expect(StrategyElementKind.program.parentKind == .goal)
    }

    @Test("following parents always ends, without visiting a kind twice", arguments: StrategyElementKind.allCases)
    func parentChainEnds(kind: StrategyElementKind) {
        var seen: Set<StrategyElementKind> = [kind]
        var current = kind.parentKind
        while let parent = current {
            #expect(seen.insert(parent).inserted)
            current = parent.parentKind
        }
    }

    @Test("only goals have a target; goals and programs have a responsible department")
    func capabilities() {
        #expect(StrategyElementKind.allCases.filter(\.requiresTargetStatement) == [.goal])
        #expect(StrategyElementKind.allCases.filter(\.hasTarget) == [.goal])
        #expect(StrategyElementKind.allCases.filter(\.hasResponsibleDepartment) == [.goal, .program])
    }
}
