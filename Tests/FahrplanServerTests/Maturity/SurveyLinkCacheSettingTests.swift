@testable import FahrplanServer
import Foundation
import Testing

/// `FAHRPLAN_SURVEY_LINK_CACHE`: how long a process keeps what a public Quick-Check link opens.
@Suite("Survey link cache setting")
struct SurveyLinkCacheSettingTests {
    @Test("default 1 s, 0 switches it off, a bad value stops start-up naming the variable")
    func setting() throws {
        #expect(try AppConfiguration.fromEnvironment([:], workingDirectory: "/tmp").surveyLinkCacheSeconds == 1)
        #expect(try AppConfiguration.fromEnvironment(["FAHRPLAN_SURVEY_LINK_CACHE": " 0 "], workingDirectory: "/tmp").surveyLinkCacheSeconds == 0)
        #expect(try AppConfiguration.fromEnvironment(["FAHRPLAN_SURVEY_LINK_CACHE": "30"], workingDirectory: "/tmp").surveyLinkCacheSeconds == 30)
        for value in ["-1", "1.5", "301", "1s"] {
            #expect { try AppConfiguration.fromEnvironment(["FAHRPLAN_SURVEY_LINK_CACHE": value], workingDirectory: "/tmp") } throws: { error in
                String(describing: error).contains("FAHRPLAN_SURVEY_LINK_CACHE")
            }
        }
    }

    @Test("test servers keep nothing (no test depends on the real lifetime); the ones about the cache install their own clock")
    func testServersKeepNothing() async throws {
        try await withServer { server in
            #expect(server.app.surveyTargets.lifetime == 0)
        }
    }
}
