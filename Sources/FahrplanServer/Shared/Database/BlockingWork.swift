import Vapor

extension Request {
    /// Runs CPU-heavy work (a Monte-Carlo run over thousands of samples) on the thread pool, so the event loop
    /// keeps serving other requests meanwhile.
    func offloaded<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await application.threadPool.runIfActive(work)
    }
}
