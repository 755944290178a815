import FahrplanCore
@testable import FahrplanServer
import Foundation
import Testing

/// The reports hub leads to the portal: the strategy team to its settings, everyone else to the public portal once
/// it is published (and nowhere while it is not, since the address would answer 404).
@Suite("Portal: reached from the reports hub")
struct PortalHubLinkTests {
    @Test("team: the settings; reader: the public portal only when published")
    func hubLinks() async throws {
        try await withServer { server in
            let reader = server.client()
            try await reader.login(Fixtures.reader)
            let team = server.client()
            try await team.login(Fixtures.strategyTeam)
            _ = try await PortalTests.setUp(server, publish: false)
            #expect(try await team.get("/m/musterstadt/reports").body.contains("href=\"/m/musterstadt/portal\""))
            let unpublished = try await reader.get("/m/musterstadt/reports").body
            #expect(!unpublished.contains("/m/musterstadt/portal") && !unpublished.contains("href=\"/p/musterstadt\""))
            _ = try await PortalTests.setUp(server, publish: true)
            let published = try await reader.get("/m/musterstadt/reports").body
            #expect(published.contains("href=\"/p/musterstadt\""))
            #expect(!published.contains("/m/musterstadt/portal"))
        }
    }
}
