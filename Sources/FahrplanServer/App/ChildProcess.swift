import Foundation
import NIOConcurrencyHelpers
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs another program (pg_dump, pg_restore) to its end and collects what it wrote to standard error.
///
/// Spawned with `posix_spawn` directly instead of Foundation's `Process`: a full test run once crashed inside
/// `Process.run()` (memcpy, bad pointer) while other tests ran in parallel. `Process` on Linux brings a shared
/// run-loop thread, CFSockets and process-wide bookkeeping for every launch; here each run owns everything it
/// touches (argv, envp, the pipe), builds and frees it itself, and waits for its own child with `waitpid`.
enum ChildProcess {
    struct Outcome: Sendable, Equatable {
        /// The exit status; 128 + the signal's number when a signal ended the program (as shells report it).
        var status: Int32
        var standardError: String
    }

    struct LaunchFailure: Error, CustomStringConvertible {
        var executable: String
        var code: Int32
        var description: String { "\(executable) could not be started: \(String(cString: strerror(code)))" }
    }

    /// `executable` is a full path; standard input is /dev/null, standard output is the server's own.
    /// The waiting happens on a thread of its own, never on the cooperative pool, however long the program runs.
    static func run(_ executable: String, _ arguments: [String], environment: [String: String]) async throws -> Outcome {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Result { try runBlocking(executable, arguments, environment: environment) })
            }
            thread.name = "fahrplan-child-process"
            thread.start()
        }
    }

    /// One launch at a time in this process (see `runBlocking`); the programs themselves run side by side.
    private static let launchLock = NIOLock()

    private static func spawn(_ pid: inout pid_t, _ executable: String, _ arguments: [String], environment: [String: String],
                              standardError: Int32) -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, standardError, 2)

        // The server ignores SIGPIPE and NIO threads may block signals; the program gets the defaults.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaultSignals = sigset_t()
        sigemptyset(&defaultSignals)
        for signal in [SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGCHLD] { sigaddset(&defaultSignals, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaultSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        // NUL-terminated copies owned by this call, each array ending in a null pointer.
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        return posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
    }

    static func runBlocking(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> Outcome {
        var pid = pid_t()
        let readEnd = try launchLock.withLock { () throws -> Int32 in
            // Creating the pipe, marking it close-on-exec and spawning are one step under the lock: a program
            // started by another run in between would inherit the write end, and the read below would not see
            // its end until that other program exits. (pipe2 with O_CLOEXEC is not visible from Swift.)
            var pipeEnds: [Int32] = [-1, -1]
            guard pipe(&pipeEnds) == 0 else { throw LaunchFailure(executable: executable, code: errno) }
            let (readEnd, writeEnd) = (pipeEnds[0], pipeEnds[1])
            _ = fcntl(readEnd, F_SETFD, FD_CLOEXEC)
            _ = fcntl(writeEnd, F_SETFD, FD_CLOEXEC)
            defer { close(writeEnd) }
            // dup2 in the child clears close-on-exec on standard error only.
            let spawned = spawn(&pid, executable, arguments, environment: environment, standardError: writeEnd)
            guard spawned == 0 else {
                close(readEnd)
                throw LaunchFailure(executable: executable, code: spawned)
            }
            return readEnd
        }
        defer { close(readEnd) }

        var errorOutput: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
            if count > 0 {
                errorOutput.append(contentsOf: buffer[0..<count])
            } else if count == 0 || errno != EINTR {
                break
            }
        }

        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            guard errno == EINTR else { throw LaunchFailure(executable: executable, code: errno) }
        }
        // WIFEXITED / WEXITSTATUS / WTERMSIG are macros Swift does not import.
        let signal = status & 0x7f
        let exitStatus = signal == 0 ? (status >> 8) & 0xff : 128 + signal
        return Outcome(status: exitStatus, standardError: String(decoding: errorOutput, as: UTF8.self))
    }
}
