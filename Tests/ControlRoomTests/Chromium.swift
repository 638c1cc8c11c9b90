import ControlRoom
import Foundation
import TestSupport

/// Headless Chromium (Debian's `chromium`, installed by `make test-deps`) driven through the DevTools protocol over
/// a WebSocket: a real browser loading the control room's page, for the page tests.
final class Chromium {
    struct Missing: Error, CustomStringConvertible {
        var description: String {
            "chromium is not installed: the page tests need a real browser (make test-deps installs Debian's chromium)"
        }
    }

    private let process = Process()
    private let page: WebSocketClient
    private var nextID = 0
    /// Console messages and exceptions of the page, as DevTools reported them.
    private(set) var errors: [String] = []

    static func binary() -> String? {
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
                let path = "\(folder)/\(name)"
                if FileManager.default.isExecutableFile(atPath: path) { return path }
            }
        }
        return nil
    }

    init(width: Int = 1400, height: Int = 1100) throws {
        guard let binary = Self.binary() else { throw Missing() }
        let profile = try TestPaths.temporaryFolder("chromium")
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
                             "--disable-extensions", "--remote-debugging-port=0", "--user-data-dir=\(profile)",
                             "--window-size=\(width),\(height)", "about:blank"]
        let errorPath = profile + "/stderr.log"
        _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // "DevTools listening on ws://127.0.0.1:PORT/devtools/browser/…"
        var port: Int?
        let deadline = Date().addingTimeInterval(30)
        while port == nil {
            let log = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
            if let match = log.firstMatch(of: /DevTools listening on ws:\/\/127\.0\.0\.1:(\d+)\//) { port = Int(match.1) }
            guard port != nil || (process.isRunning && Date() < deadline) else {
                throw ControlRoomError.request("chromium did not start: \(log)")
            }
            if port == nil { Thread.sleep(forTimeInterval: 0.1) }
        }
        let targets = try HTTPExchange(host: "127.0.0.1", port: port!).send("GET", "/json/list")
        let list = try JSONSerialization.jsonObject(with: targets.body) as? [[String: Any]] ?? []
        guard let url = list.first(where: { $0["type"] as? String == "page" })?["webSocketDebuggerUrl"] as? String,
              let path = url.firstMatch(of: /\/devtools\/page\/.*/).map({ String($0.0) }) else {
            throw ControlRoomError.request("chromium shows no page: \(targets.text)")
        }
        page = try WebSocketClient(port: port!, path: path)
        page.setTimeout(30)
        for domain in ["Page", "Runtime", "Log"] { _ = try call("\(domain).enable") }
    }

    deinit {
        if process.isRunning { process.terminate(); process.waitUntilExit() }
    }

    /// Sends one DevTools command and returns its result (events that arrive meanwhile are kept).
    @discardableResult
    func call(_ method: String, _ params: [String: Any] = [:]) throws -> [String: Any] {
        nextID += 1
        let id = nextID
        let message = try JSONSerialization.data(withJSONObject: ["id": id, "method": method, "params": params])
        try page.send(String(decoding: message, as: UTF8.self))
        while let text = try page.receive() {
            guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else { continue }
            if (object["id"] as? NSNumber)?.intValue == id {
                if let error = object["error"] { throw ControlRoomError.request("\(method): \(error)") }
                return object["result"] as? [String: Any] ?? [:]
            }
            note(object)
        }
        throw ControlRoomError.request("chromium closed the DevTools connection")
    }

    /// Evaluates JavaScript in the page (awaiting a promise) and returns its value.
    func evaluate(_ expression: String) throws -> Any? {
        let result = try call("Runtime.evaluate", ["expression": expression, "returnByValue": true, "awaitPromise": true])
        if let exception = result["exceptionDetails"] { throw ControlRoomError.request("\(expression): \(exception)") }
        return (result["result"] as? [String: Any])?["value"]
    }

    /// A left click at page coordinates, as a person's mouse makes it.
    func click(x: Double, y: Double) throws {
        for type in ["mouseMoved", "mousePressed", "mouseReleased"] {
            try call("Input.dispatchMouseEvent", ["type": type, "x": x, "y": y, "button": "left", "clickCount": 1])
        }
    }

    /// The centre of the element `selector` matches, in page coordinates.
    func centre(of selector: String, at fraction: Double = 0.5) throws -> (x: Double, y: Double) {
        let rect = try evaluate("(() => { const r = document.querySelector('\(selector)').getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; })()")
        guard let r = (rect as? [NSNumber])?.map(\.doubleValue), r.count == 4 else { throw ControlRoomError.request("no element \(selector)") }
        return (r[0] + r[2] * fraction, r[1] + r[3] / 2)
    }

    func screenshot(to path: String) throws {
        let result = try call("Page.captureScreenshot", ["format": "png"])
        guard let data = (result["data"] as? String).flatMap({ Data(base64Encoded: $0) }) else { throw ControlRoomError.request("no screenshot") }
        try data.write(to: URL(fileURLWithPath: path))
    }

    /// Keeps the page's console errors, exceptions and failed loads.
    private func note(_ event: [String: Any]) {
        let params = event["params"] as? [String: Any] ?? [:]
        switch event["method"] as? String {
        case "Runtime.exceptionThrown":
            errors.append("exception: \((params["exceptionDetails"] as? [String: Any])?["text"] ?? params)")
        case "Runtime.consoleAPICalled" where ["error", "assert"].contains(params["type"] as? String):
            errors.append("console.\(params["type"]!): \(params["args"] ?? "")")
        case "Log.entryAdded":
            let entry = params["entry"] as? [String: Any] ?? [:]
            if entry["level"] as? String == "error" { errors.append("log: \(entry["text"] ?? "") \(entry["url"] ?? "")") }
        default: break
        }
    }
}
