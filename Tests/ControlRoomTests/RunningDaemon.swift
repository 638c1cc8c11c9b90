import ControlRoom
import Foundation
import TestSupport

/// A real `yamg perform --http 127.0.0.1:0` process for the tests: the tiny CLI model, recording into a folder of
/// its own, its runtime file in a private `$XDG_RUNTIME_DIR`. `stop()` (or the end of the test process) ends it.
final class RunningDaemon: @unchecked Sendable {
    let process = Process()
    let folder: String
    let runtime: RuntimeFile
    let client: ControlClient
    var recordings: String { folder + "/sessions" }
    var environment: [String: String] { ["XDG_RUNTIME_DIR": folder + "/run"] }
    var log: String { (try? String(contentsOfFile: folder + "/yamg.log", encoding: .utf8)) ?? "" }
    var port: Int { client.exchange.port }
    var http: HTTPExchange { client.exchange }

    /// Starts it and waits (up to 30 s) until its control room answers; `extra` flags go last.
    init(_ label: String, seconds: Int = 120, extra: [String] = []) throws {
        folder = try TestPaths.temporaryFolder(label)
        try FileManager.default.createDirectory(atPath: folder + "/run", withIntermediateDirectories: true)
        process.executableURL = CLI.binary
        process.arguments = ["perform", TinyModel.cli.model, "--http", "127.0.0.1:0", "--record", folder + "/sessions",
                             "--seconds", String(seconds), "--seed", "5", "--lookahead", "1"] + extra
        process.environment = ProcessInfo.processInfo.environment.merging(["XDG_RUNTIME_DIR": folder + "/run"]) { $1 }
        _ = FileManager.default.createFile(atPath: folder + "/yamg.log", contents: nil)
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: folder + "/yamg.log"))
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let pid = process.processIdentifier
        Self.started.append(pid)
        let path = folder + "/run/yamg/" + RuntimeFile.name
        let deadline = Date().addingTimeInterval(30)
        while !FileManager.default.fileExists(atPath: path) {
            guard process.isRunning, Date() < deadline else {
                throw ControlRoomError.notRunning("yamg perform did not start its control room: \((try? String(contentsOfFile: folder + "/yamg.log", encoding: .utf8)) ?? "")")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        runtime = try RuntimeFile.read(path)
        client = try ControlClient(url: runtime.url, token: runtime.token)
    }

    /// SIGTERM, and waits for the exit.
    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
    }

    deinit { stop() }

    /// Every daemon a test started, ended when the test process exits (a failing test may not reach `stop`).
    nonisolated(unsafe) static var started: [Int32] = {
        atexit { for pid in RunningDaemon.started { kill(pid, SIGTERM) } }
        return []
    }()

    /// `GET /api/state` as a dictionary.
    func state() throws -> [String: Any] { try client.call("GET", "/api/state") }

    /// The recordings' file names, sorted.
    func recordingFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: recordings).filter { $0.hasSuffix(".mid") }.sorted()
    }

    /// A WebSocket on `/api/events` with the token.
    func events() throws -> WebSocketClient {
        try WebSocketClient(port: port, path: "/api/events", headers: [("Authorization", "Bearer \(runtime.token)")])
    }
}

/// One message of the event stream, decoded.
struct EventBatch {
    var now: Double
    var dropped: Int
    var events: [[String: Any]]

    init(_ text: String) throws {
        guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
              let now = (object["now"] as? NSNumber)?.doubleValue, let events = object["events"] as? [[String: Any]] else {
            throw ControlRoomError.request("not an event batch: \(text)")
        }
        self.now = now
        dropped = (object["dropped"] as? NSNumber)?.intValue ?? -1
        self.events = events
    }
}
