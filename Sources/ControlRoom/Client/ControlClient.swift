import Foundation

/// The API of a running daemon's control room, for `yamg ctl`: the same requests the page makes.
public struct ControlClient: Sendable {
    public let exchange: HTTPExchange
    public let token: String

    public init(url: String, token: String) throws(ControlRoomError) {
        exchange = try HTTPExchange(url: url)
        self.token = token
    }

    /// `--url` and `--token` where given, the rest from the runtime file of the running daemon.
    public static func locate(url: String?, token: String?,
                              environment: [String: String] = ProcessInfo.processInfo.environment) throws(ControlRoomError) -> ControlClient {
        if let url, let token { return try ControlClient(url: url, token: token) }
        let folders = RuntimeFile.folders(environment: environment)
        guard let path = folders.map({ $0 + "/" + RuntimeFile.name }).first(where: { FileManager.default.fileExists(atPath: $0) }) else {
            throw .notRunning("no running yamg perform with a control room found (looked for \(folders.map { $0 + "/" + RuntimeFile.name }.joined(separator: ", "))); "
                              + "start it with --http 127.0.0.1:8340, or give --url and --token")
        }
        let file = try RuntimeFile.read(path)
        return try ControlClient(url: url ?? file.url, token: token ?? file.token)
    }

    /// Sends a request with the token; answers the JSON object, or throws the server's one-line error.
    @discardableResult
    public func call(_ method: String, _ path: String, json: String? = nil) throws(ControlRoomError) -> [String: Any] {
        var headers = [("Authorization", "Bearer \(token)")]
        if json != nil { headers.append(("Content-Type", "application/json")) }
        let answer = try exchange.send(method, path, headers: headers, body: json.map { Data($0.utf8) })
        let object = (try? JSONSerialization.jsonObject(with: answer.body)) as? [String: Any]
        guard (200..<300).contains(answer.status) else {
            throw .request((object?["error"] as? String) ?? "HTTP \(answer.status) from \(method) \(path)")
        }
        guard let object else { throw .request("\(method) \(path): the answer is not a JSON object") }
        return object
    }

    /// `yamg ctl set KEY VALUE …`: the values as text, checked by the daemon as every surface checks them.
    @discardableResult
    public func set(_ pairs: [(String, String)]) throws(ControlRoomError) -> [String: Any] {
        let body = JSONValue.object(pairs.map { ($0.0, .string($0.1)) }).text
        return try call("PATCH", "/api/controls", json: body)
    }

    /// The status as a few lines for a terminal.
    public static func statusLines(_ state: [String: Any]) -> [String] {
        func number(_ key: String) -> Double { (state[key] as? NSNumber)?.doubleValue ?? 0 }
        let model = state["model"] as? [String: Any] ?? [:]
        let sinks = (state["sinks"] as? [[String: Any]] ?? []).map { sink in
            "\(sink["name"] as? String ?? "?")" + ((sink["ok"] as? Bool ?? true) ? "" : " (failed)")
        }
        let recording = (state["recording"] as? [String: Any])?["path"] as? String
        let controls = state["controls"] as? [String: Any] ?? [:]
        let order = (state["control_specs"] as? [[String: Any]] ?? []).compactMap { $0["key"] as? String }
        return [
            ((state["paused"] as? Bool ?? false) ? "paused" : "playing") + " for \(Int(number("now") - number("start"))) s; "
                + "control room up \(Int(number("uptime"))) s",
            "model: \(model["path"] as? String ?? "?") (\(model["about"] as? String ?? ""))",
            "outputs: " + (sinks.isEmpty ? "none (recording only)" : sinks.joined(separator: ", ")),
            "recording: " + (recording ?? "none"),
            String(format: "%d events, %d late, %d pieces, %d tokens (%.1f/s), CPU %.1f%%, %d WebSocket client(s)",
                   Int(number("events")), Int(number("late_events")), Int(number("pieces")), Int(number("tokens")),
                   number("tokens_per_second"), number("cpu_percent"), Int(number("websocket_clients"))),
            "controls: " + order.map { "\($0) \(text(controls[$0]))" }.joined(separator: ", "),
        ]
    }

    /// A JSON value as a user writes it: `0.5`, `40`, `Ebm`.
    public static func text(_ value: Any?) -> String {
        switch value {
        case let number as NSNumber: JSONValue.number(number.doubleValue)
        case let text as String: text
        default: "?"
        }
    }
}
