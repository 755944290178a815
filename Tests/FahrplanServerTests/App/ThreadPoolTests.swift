@testable import FahrplanServer
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import Foundation
import Testing

/// Each application blocks on a pool of its own with room beyond the database connections: on the process-wide pool
/// (one thread per core) two SQLite writers waiting for the lock could leave none for the connection holding it.
@Suite("App: the blocking thread pool")
struct ThreadPoolTests {
    @Test("the application and its databases use their own pool, not the process-wide one")
    func ownPool() async throws {
        try await withServer { server in
            #expect(server.app.threadPool !== NIOSingletons.posixBlockingThreadPool)
            #expect(server.app.databases.threadPool === server.app.threadPool)
            // Eight blocking jobs at once all run: each waits (bounded) until all eight are inside, which with fewer
            // threads they could not be — the first ones would give up and report it.
            let pool = server.app.threadPool
            let inside = NIOLockedValueBox(0)
            let sawAll = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        try await pool.runIfActive {
                            inside.withLockedValue { $0 += 1 }
                            for _ in 0..<4_000 where inside.withLockedValue({ $0 }) < 8 { usleep(5_000) }
                            return inside.withLockedValue { $0 } == 8
                        }
                    }
                }
                var all: [Bool] = []
                for try await saw in group { all.append(saw) }
                return all
            }
            #expect(sawAll.count == 8 && sawAll.allSatisfy { $0 })
        }
    }
}
