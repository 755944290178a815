import AsyncHTTPClient
@testable import FahrplanServer
import Foundation
import NIOCore
import NIOHTTP1
import Testing
import Vapor

@Suite("Request limits and shutting down")
struct RequestLimitTests {
    @Test("before sign-in a body larger than a login form is refused with 413, whatever route it is sent to")
    func anonymousBodies() async throws {
        try await withServer { server in
            let browser = server.client()
            try await browser.get("/login")
            let big = Data(repeating: UInt8(ascii: "a"), count: 1_048_576)
            let login = try await browser.postRaw("/login", body: Data("email=a%40b.example&password=".utf8) + big)
            #expect(login.status == .payloadTooLarge)
            #expect(login.body.contains("zu groß"))
            // A small login form still works and is answered as before.
            let wrong = try await browser.post("/login", [("email", "niemand@example.org"), ("password", "falsch-falsch-falsch")])
            #expect(wrong.status == .unauthorized)
        }
    }

    @Test("an upload that announces more than its route accepts is refused from Content-Length, before it is read")
    func announcedTooLarge() async throws {
        try await withServer { server in
            let browser = server.client()
            try await browser.login(Fixtures.strategyTeam)
            try await browser.get("/m/musterstadt/projects/import")
            // 30 MB announced to a 25 MB route, but only 1 KB sent: the rest is held back until the answer has come.
            // A server that reads before it answers would wait for the rest (or read 25 MB of it) first.
            let (body, sender) = AsyncStream<ByteBuffer>.makeStream()
            sender.yield(ByteBuffer(repeating: UInt8(ascii: "a"), count: 1_024))
            let released = ManagedFlag()
            // Only without the check does this matter: it lets such a server finish instead of hanging the suite.
            let fallback = Task {
                try await Task.sleep(for: .seconds(120))
                released.set()
                sender.yield(ByteBuffer(repeating: UInt8(ascii: "a"), count: 30 * 1_048_576 - 1_024))
                sender.finish()
            }
            var request = HTTPClientRequest(url: server.baseURL + "/m/musterstadt/projects/import")
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "multipart/form-data; boundary=grenze")
            request.headers.add(name: "Cookie", value: browser.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
            request.body = .stream(body, length: .known(Int64(30 * 1_048_576)))
            let response = try await server.http.execute(request, deadline: .distantFuture)
            let answeredBeforeTheBody = !released.isSet
            fallback.cancel()
            sender.finish()
            #expect(response.status == .payloadTooLarge)
            #expect(answeredBeforeTheBody, "the server waited for the body before refusing it")
            let text = String(buffer: try await response.body.collect(upTo: 1_048_576))
            #expect(text.contains("höchstens 25 MB"))
            #expect(try await StagedImport.query(on: server.db).count() == 0)
            #expect(try await browser.get("/m/musterstadt/projects/import").status == .ok)
        }
    }

    @Test("shutting down waits for a request whose client gave up, instead of tearing the views away under it")
    func shutdownWaitsForRunningRequests() async throws {
        let (database, cleanup) = try await TestDatabase.make()
        defer { Task { await cleanup() } }
        let app = try await Operations.makeApplication(configuration: TestDatabase.configuration(database),
                                                       environment: .testing, passwordCost: 4)
        app.logger.logLevel = .warning
        try await app.autoMigrate()
        let gate = Gate()
        // A page that is still being made when its client has gone and the application stops.
        app.get("slow-page") { req async throws -> View in
            await gate.arrive()
            await gate.waitUntilOpen()
            return try await req.view.render("error", ["title": "spät"])
        }
        try await app.server.start(address: .hostname("127.0.0.1", port: 0))
        let port = try #require(app.http.server.shared.localAddress?.port)
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        let client = Task {
            try? await http.execute(HTTPClientRequest(url: "http://127.0.0.1:\(port)/slow-page"), deadline: .now() + .seconds(600))
        }
        await gate.waitForArrival()
        client.cancel()
        _ = await client.value
        try await http.shutdown()
        #expect(app.inFlightRequests.current == 1)
        // Stopping the listener and then the application, as `serve` and the tests do; never awaited before the
        // handler is released, so that a listener that waits for the handler cannot deadlock the test.
        let stopping = Task {
            await app.server.shutdown()
            try await app.asyncShutdown()
        }
        // Give the shutdown every chance to run ahead; without the wait it would tear the views down now.
        try await Task.sleep(for: .milliseconds(300))
        await gate.open()
        try await stopping.value
        #expect(app.inFlightRequests.current == 0)
    }
}

/// Lets a test hold a request handler at one point and release it.
private actor Gate {
    private var arrived = false
    private var isOpen = false
    private var arrivalWaiters: [CheckedContinuation<Void, Never>] = []
    private var openWaiters: [CheckedContinuation<Void, Never>] = []

    func arrive() {
        arrived = true
        arrivalWaiters.forEach { $0.resume() }
        arrivalWaiters = []
    }

    func waitForArrival() async {
        if arrived { return }
        await withCheckedContinuation { arrivalWaiters.append($0) }
    }

    func open() {
        isOpen = true
        openWaiters.forEach { $0.resume() }
        openWaiters = []
    }

    func waitUntilOpen() async {
        if isOpen { return }
        await withCheckedContinuation { openWaiters.append($0) }
    }
}

/// A flag set from one task and read from another.
private final class ManagedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
