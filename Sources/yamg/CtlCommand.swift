import ArgumentParser
import Basics
import ControlRoom
import Foundation

/// `yamg ctl`: a running `yamg perform --http …` from a script or an SSH session, through the control room's API
/// (the same requests the page makes). The address and token come from the daemon's runtime file.
struct CtlCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ctl",
        abstract: "Control a running yamg perform (started with --http): status, controls, pause, panic, next piece.",
        discussion: """
            Finds the daemon through its runtime file (control-room.json in $RUNTIME_DIRECTORY, $XDG_RUNTIME_DIR/yamg \
            or /run/yamg), or --url and --token. Actions:
              status                     what plays, where, and every control
              set KEY VALUE [KEY VALUE…] change live controls (checked as flags and config lines are)
              pause | resume | panic | next | rotate
              model NAME                 play another model of the --models folder
              recordings                 the recordings, newest first
              link                       a new one-time link that opens the page
            """)

    @Argument(help: "The action, then its arguments.") var words: [String]
    @Option(help: "The control room's URL (http://HOST:PORT); default: from the runtime file.") var url: String?
    @Option(help: "The token; default: from the runtime file.") var token: String?
    @Flag(help: "Print the API's JSON answer instead of text.") var json = false

    func run() throws {
        do {
            try perform()
        } catch let error as ControlRoomError {
            printError("yamg ctl: \(error)")
            throw ExitCode(1)
        }
    }

    private func perform() throws {
        guard let action = words.first else { throw ValidationError("name an action: status, set, pause, resume, panic, next, rotate, model, recordings or link") }
        let arguments = Array(words.dropFirst())
        let client = try ControlClient.locate(url: url, token: token)
        let answer: [String: Any]
        switch action {
        case "status":
            try expect(arguments, count: 0)
            answer = try client.call("GET", "/api/state")
            if !json { ControlClient.statusLines(answer).forEach { print($0) } }
        case "set":
            guard !arguments.isEmpty, arguments.count % 2 == 0 else { throw ValidationError("set takes KEY VALUE pairs, like: set temperature 0.8 top-k 40") }
            let pairs = stride(from: 0, to: arguments.count, by: 2).map { (arguments[$0], arguments[$0 + 1]) }
            answer = try client.set(pairs)
            let controls = answer["controls"] as? [String: Any] ?? [:]
            if !json { print(pairs.map { "\($0.0) = \(ControlClient.text(controls[$0.0]))" }.joined(separator: ", ")) }
        case "pause", "resume", "panic", "next", "rotate":
            try expect(arguments, count: 0)
            answer = try client.call("POST", "/api/actions/\(action)")
            if !json { print(action == "rotate" ? "new recording file" : "\(action): done") }
        case "model":
            try expect(arguments, count: 1)
            answer = try client.call("POST", "/api/actions/model", json: "{\"name\": \(jsonString(arguments[0]))}")
            if !json { print("playing \(arguments[0])") }
        case "recordings":
            try expect(arguments, count: 0)
            answer = try client.call("GET", "/api/recordings")
            if !json {
                for entry in answer["recordings"] as? [[String: Any]] ?? [] {
                    let bytes = (entry["bytes"] as? NSNumber)?.intValue ?? 0
                    print("\(entry["name"] as? String ?? "?")  \(bytes) bytes" + ((entry["current"] as? Bool ?? false) ? "  (recording now)" : ""))
                }
            }
        case "link":
            try expect(arguments, count: 0)
            answer = try client.call("POST", "/api/links")
            if !json { print(answer["url"] as? String ?? "?") }
        default:
            throw ValidationError("unknown action '\(action)': status, set, pause, resume, panic, next, rotate, model, recordings or link")
        }
        if json, let data = try? JSONSerialization.data(withJSONObject: answer, options: [.sortedKeys]) {
            print(String(decoding: data, as: UTF8.self))
        }
    }

    private func expect(_ arguments: [String], count: Int) throws {
        guard arguments.count == count else { throw ValidationError("'\(words[0])' takes \(count == 0 ? "no arguments" : "\(count) argument(s)")") }
    }
}
