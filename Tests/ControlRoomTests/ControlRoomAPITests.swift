import ControlRoom
import Foundation
import Generation
import MIDIFile
import TestSupport
import Testing

/// The API over real HTTP, against a real `yamg perform --http` process: every endpoint, every validation error
/// (the same words as the CLI's), and the WebSocket stream against the recording.
@Suite(.serialized, .tags(.slow), .timeLimit(.minutes(5))) struct ControlRoomAPITests {
    static let daemon: RunningDaemon = try! RunningDaemon("api")

    var daemon: RunningDaemon { Self.daemon }

    func number(_ value: Any?) -> Double? { (value as? NSNumber)?.doubleValue }

    @Test func stateDescribesThePerformanceAndEveryControlOfTheTable() throws {
        let state = try daemon.state()
        for key in ["now", "start", "uptime", "paused", "model", "models", "sinks", "events", "late_events", "tokens", "pieces",
                    "tokens_per_second", "cpu_percent", "recording", "websocket_clients", "controls", "control_specs"] {
            #expect(state[key] != nil, "GET /api/state lacks \(key)")
        }
        let model = try #require(state["model"] as? [String: Any])
        #expect((model["path"] as? String) == TinyModel.cli.model)
        #expect((model["about"] as? String)?.contains("performance encoding") == true, "\(model)")
        let recording = try #require(state["recording"] as? [String: Any])
        #expect(try daemon.recordingFiles().contains(recording["name"] as? String ?? "?"))
        let specs = try #require(state["control_specs"] as? [[String: Any]])
        #expect(specs.compactMap { $0["key"] as? String } == ControlKey.allCases.map(\.rawValue), "in table order")
        let controls = try #require(state["controls"] as? [String: Any])
        let defaults = Controls()
        for spec in specs {
            let key = ControlKey(rawValue: spec["key"] as! String)!
            #expect(spec["kind"] as? String == key.spec.kind.rawValue)
            #expect(spec["help"] as? String == key.spec.help && spec["unit"] as? String == key.spec.unit)
            #expect(ControlClient.text(spec["default"]) == defaults.text(key), "\(key)'s default")
            #expect(ControlClient.text(controls[key.rawValue]) == defaults.text(key), "\(key) starts at its default")
            if ["number", "integer"].contains(spec["kind"] as? String) {
                #expect(controls[key.rawValue] is NSNumber, "\(key) is a JSON number")
                let bounds: Bounds? = key.spec.bounds
                #expect(spec["range"] as? String == bounds.map { "\($0)" })
            }
        }
    }

    @Test func patchSetsAnySubsetAndTheStateReadsItBack() throws {
        let answer = try daemon.client.call("PATCH", "/api/controls", json: #"{"temperature": 0.7, "top-k": "30"}"#)
        let controls = try #require(answer["controls"] as? [String: Any])
        #expect(number(controls["temperature"]) == 0.7 && number(controls["top-k"]) == 30)
        let state = try #require(try daemon.state()["controls"] as? [String: Any])
        #expect(number(state["temperature"]) == 0.7 && number(state["top-k"]) == 30 && number(state["speed"]) == 1)
        // Applied at a token boundary, and logged once with the surface that asked.
        try waitFor("the performer applies it") { self.daemon.log.contains("controls (http): temperature 1 → 0.7, top-k 0 → 30") }
        try daemon.client.set([("temperature", "1"), ("top-k", "0")])
    }

    /// `PATCH /api/controls` as a polite client sends it: told 429 (the write limit, 10 a second), it waits the
    /// Retry-After and sends again. The bad-value test makes more writes than a second allows.
    func patchWaitingOutTheLimit(_ body: String) throws -> HTTPExchange.Answer {
        for _ in 0..<5 {
            let answer = try daemon.http.send("PATCH", "/api/controls", headers: [("Authorization", "Bearer \(daemon.runtime.token)")],
                                              body: Data(body.utf8))
            guard answer.status == 429 else { return answer }
            Thread.sleep(forTimeInterval: Double(answer.headers["retry-after"] ?? "1") ?? 1)
        }
        throw ControlRoomError.request("still 429 after five tries: \(body)")
    }

    /// Each bad value is a 400 whose message is the CLI's for the same value (`--temperature: 0 is not in (0, 5]`
    /// there, `key 'temperature': 0 is not in (0, 5]` here: the config file's shape, with the same reason).
    @Test func everyBadValueIsA400WithTheCLIsWords() throws {
        var cases: [(ControlKey, String)] = []
        for key in ControlKey.allCases {
            let bounds: Bounds? = key.spec.bounds
            if let bounds, bounds.lower.isFinite { cases.append((key, Bounds.short(bounds.lower - 1))) }
            if let bounds, bounds.upper.isFinite { cases.append((key, Bounds.short(bounds.upper + 1))) }
            cases.append((key, "lots"))
        }
        for (key, value) in cases {
            let answer = try patchWaitingOutTheLimit("{\"\(key)\": \"\(value)\"}")
            let cli = try CLI.run(["perform", "model.safetensors", "--\(key)=\(value)", "--print-config"])
            let reason = cli.stderr.components(separatedBy: "--\(key): ").last?.trimmingCharacters(in: .newlines) ?? "?"
            #expect(answer.status == 400, "\(key) = \(value): HTTP \(answer.status)")
            #expect(cli.status != 0 && !reason.isEmpty, "the CLI accepts --\(key) \(value)?")
            #expect(try error(answer) == "key '\(key)': \(reason)", "\(key) = \(value)")
        }
        #expect(cases.count >= 2 * ControlKey.allCases.count, "\(cases.count) cases")
        let other: [(String, String)] = [
            (#"{"bpm": 1}"#, "unknown control 'bpm'; the controls are " + ControlKey.allCases.map(\.rawValue).joined(separator: ", ")),
            (#"[1, 2]"#, #"expected a JSON object of controls, like {"temperature": 0.8}"#),
            (#"{"speed": true}"#, "key 'speed': expected a number or a string, got true"),
            (#"{"speed": null}"#, "key 'speed': expected a number or a string, got null"),
            (#"{"speed": 2, "temperature": 0}"#, "key 'temperature': 0 is not in (0, 5]"),
        ]
        for (body, message) in other {
            let answer = try patchWaitingOutTheLimit(body)
            #expect(answer.status == 400 && (try? error(answer)) == message, "\(body): \(answer.status) \(answer.text)")
        }
        let controls = try #require(try daemon.state()["controls"] as? [String: Any])
        #expect(number(controls["speed"]) == 1, "a refused body changes nothing, not even its good keys")
    }

    @Test func actionsPauseResumePanicNextAndRotate() throws {
        let client = daemon.client
        try client.call("POST", "/api/actions/pause")
        #expect(try daemon.state()["paused"] as? Bool == true)
        try waitFor("paused") { self.daemon.log.contains("[Performance] paused") }
        let events = try #require(number(try daemon.state()["events"]))
        Thread.sleep(forTimeInterval: 1.5)
        #expect(number(try daemon.state()["events"]) == events, "nothing is sent while paused")
        try client.call("POST", "/api/actions/resume")
        #expect(try daemon.state()["paused"] as? Bool == false)
        try waitFor("more events after resume") { (self.number(try self.daemon.state()["events"]) ?? 0) > events }

        try client.call("POST", "/api/actions/panic")
        try waitFor("panic") { self.daemon.log.contains("panic: every note off") }

        let pieces = try #require(number(try daemon.state()["pieces"]))
        try client.call("POST", "/api/actions/next")
        try waitFor("a new piece") { (self.number(try self.daemon.state()["pieces"]) ?? 0) > pieces }

        let files = try daemon.recordingFiles().count
        try client.call("POST", "/api/actions/rotate")
        try waitFor("a new recording file") { try self.daemon.recordingFiles().count == files + 1 }

        let unknown = try daemon.http.send("POST", "/api/actions/explode", headers: [("Authorization", "Bearer \(daemon.runtime.token)")])
        #expect(unknown.status == 404 && (try? error(unknown))?.hasPrefix("no action 'explode'") == true)
    }

    @Test func recordingsAreListedAndServedByName() throws {
        let listed = try #require(try daemon.client.call("GET", "/api/recordings")["recordings"] as? [[String: Any]])
        let names = listed.compactMap { $0["name"] as? String }
        #expect(Set(names) == Set(try daemon.recordingFiles()), "\(names)")
        #expect(listed.filter { $0["current"] as? Bool == true }.count == 1)
        for name in names {
            let answer = try daemon.http.send("GET", "/api/recordings/\(name)", headers: [("Authorization", "Bearer \(daemon.runtime.token)")])
            #expect(answer.status == 200 && answer.headers["content-type"] == "audio/midi")
            #expect(answer.headers["content-disposition"] == "attachment; filename=\"\(name)\"")
            // The current file is rewritten every second: compare with what is on disk now, allowing for one rewrite.
            let midi = try StandardMIDIFile(bytes: [UInt8](answer.body))
            #expect(midi.tracks.count >= 1, "\(name) is a MIDI file")
            let notes = try daemon.client.call("GET", "/api/recordings/\(name)/notes")
            #expect((notes["notes"] as? [[Any]])?.count == midi.notes().notes.count || listed.first { $0["name"] as? String == name }?["current"] as? Bool == true)
        }
        #expect(!names.isEmpty)
    }

    @Test func thePageMetricsAndSmallEndpoints() throws {
        let page = try daemon.http.send("GET", "/")
        #expect(page.status == 200 && page.text.contains("<canvas id=\"roll\"") && page.headers["content-type"]?.hasPrefix("text/html") == true)
        #expect(page.headers["content-security-policy"]?.contains("default-src 'self'") == true)
        #expect(page.headers["x-content-type-options"] == "nosniff" && page.headers["referrer-policy"] == "no-referrer")
        for asset in ["app.js", "roll.js", "style.css"] {
            #expect(try daemon.http.send("GET", "/\(asset)").status == 200, "\(asset)")
        }
        #expect(try daemon.http.send("GET", "/nonesuch.js").status == 404)
        let metrics = try daemon.http.send("GET", "/metrics")
        #expect(metrics.status == 200 && metrics.headers["content-type"]?.hasPrefix("text/plain") == true)
        for name in ["yamg_events_sent_total", "yamg_late_events_total", "yamg_tokens_generated_total",
                     "yamg_generation_seconds_per_token_bucket", "yamg_tick_wake_lateness_seconds_count", "yamg_input_events_total",
                     "yamg_input_dropped_total", "yamg_recording_bytes", "yamg_websocket_clients"] {
            #expect(metrics.text.contains("\n\(name)") || metrics.text.hasPrefix(name), "/metrics lacks \(name)")
        }
        let sent = metrics.text.split(separator: "\n").first { $0.hasPrefix("yamg_events_sent_total ") }.flatMap { Double($0.split(separator: " ")[1]) }
        #expect((sent ?? 0) > 0, "events were counted")
        let plain = try daemon.http.send("GET", "/api/events", headers: [("Authorization", "Bearer \(daemon.runtime.token)")])
        #expect(plain.status == 426, "a GET without the upgrade: \(plain.status)")

        // A one-time link's code buys the token once.
        let link = try #require(try daemon.client.call("POST", "/api/links")["url"] as? String)
        let code = try #require(link.components(separatedBy: "?once=").last)
        let first = try daemon.http.send("POST", "/api/login", headers: [("Content-Type", "application/json")], body: Data("{\"code\": \"\(code)\"}".utf8))
        let token = try JSONSerialization.jsonObject(with: first.body) as? [String: Any]
        #expect(first.status == 200 && token?["token"] as? String == daemon.runtime.token)
        let again = try daemon.http.send("POST", "/api/login", headers: [("Content-Type", "application/json")], body: Data("{\"code\": \"\(code)\"}".utf8))
        #expect(again.status == 401, "a code opens the page once")
    }

    /// Every note-on the stream announces is in the recording at the same time (to the millisecond) with the same
    /// pitch and velocity, and every recorded note from when the client connected was announced.
    @Test func theStreamAnnouncesTheNotesThatAreRecorded() throws {
        let fresh = try RunningDaemon("stream", seconds: 6)
        let socket = try fresh.events()
        var announced: [(t: Double, pitch: Int, velocity: Int)] = []
        var recordingStart: Double?
        var nows: [Double] = []
        while let text = try socket.receive() {
            let batch = try EventBatch(text)
            nows.append(batch.now)
            #expect(batch.dropped == 0)
            for event in batch.events {
                // The hello names the recording when the session had begun; else its "recording" event follows.
                if event["type"] as? String == "hello" { recordingStart = number(event["recording_start"]) }
                if event["type"] as? String == "recording", recordingStart == nil { recordingStart = number(event["start"]) }
                guard event["type"] as? String == "sent" else { continue }
                for note in event["notes"] as? [[String: Any]] ?? [] where note["on"] != nil {
                    announced.append((number(note["t"])!, Int(number(note["on"])!), Int(number(note["v"])!)))
                }
            }
        }
        fresh.process.waitUntilExit()
        #expect(fresh.process.terminationStatus == 0, "\(fresh.log)")
        #expect(zip(nows, nows.dropFirst()).allSatisfy { $0 <= $1 }, "the stream's clock never goes back")
        let start = try #require(recordingStart, "the stream names the recording's start")
        let files = try fresh.recordingFiles()
        try #require(files.count == 1)
        let midi = try StandardMIDIFile(contentsOf: fresh.recordings + "/" + files[0])
        let recorded = midi.notes().notes
        let duration = midi.durationSeconds
        let first = try #require(announced.first?.t, "notes were announced")
        func key(_ t: Double, _ pitch: Int, _ velocity: Int) -> String { "\(Int((t * 1000).rounded())):\(pitch):\(velocity)" }
        let announcedKeys = announced.filter { $0.t - start < duration - 0.001 }.map { key($0.t - start, $0.pitch, $0.velocity) }
        let recordedKeys = recorded.filter { $0.start + start > first + 0.001 }.map { key($0.start, Int($0.pitch), Int($0.velocity)) }
        #expect(announcedKeys.count >= 10, "too few notes to compare: \(announcedKeys.count)")
        // Multisets: the recorded notes from the first announced one on must all have been announced, and every
        // announced note before the end must be recorded.
        var pool = announcedKeys
        for note in recordedKeys {
            if let i = pool.firstIndex(of: note) { pool.remove(at: i) } else { Issue.record("recorded but not announced: \(note)") }
        }
        let recordedAll = recorded.map { key($0.start, Int($0.pitch), Int($0.velocity)) }
        for note in announcedKeys where !recordedAll.contains(note) { Issue.record("announced but not recorded: \(note)") }
    }

    /// `yamg ctl` finds the daemon by its runtime file and speaks the same API, with the same error words.
    @Test func yamgCtlSpeaksTheSameAPI() throws {
        let environment = daemon.environment
        let status = try CLI.run(["ctl", "status"], environment: environment)
        #expect(status.status == 0 && status.stdout.contains("model: \(TinyModel.cli.model)"), "\(status.stderr)")
        #expect(status.stdout.contains("controls: speed 1, temperature"), "\(status.stdout)")
        let set = try CLI.run(["ctl", "set", "top-p", "0.8", "speed", "1.25"], environment: environment)
        #expect(set.status == 0 && set.stdout == "top-p = 0.8, speed = 1.25\n", "\(set.stdout)\(set.stderr)")
        let controls = try #require(try daemon.state()["controls"] as? [String: Any])
        #expect(number(controls["top-p"]) == 0.8 && number(controls["speed"]) == 1.25)
        let bad = try CLI.run(["ctl", "set", "temperature", "0"], environment: environment)
        #expect(bad.status == 1 && bad.stderr == "yamg ctl: key 'temperature': 0 is not in (0, 5]\n", "\(bad.stderr)")
        let recordings = try CLI.run(["ctl", "--json", "recordings"], environment: environment)
        let listed = try JSONSerialization.jsonObject(with: Data(recordings.stdout.utf8)) as? [String: Any]
        #expect((listed?["recordings"] as? [Any])?.isEmpty == false, "\(recordings.stdout)")
        // --url and --token instead of the runtime file; a wrong token; no daemon at all.
        let elsewhere = try TestPaths.temporaryFolder("no-runtime")
        let flags = try CLI.run(["ctl", "set", "speed", "1", "--url", daemon.runtime.url, "--token", daemon.runtime.token],
                                environment: ["XDG_RUNTIME_DIR": elsewhere])
        #expect(flags.status == 0 && flags.stdout == "speed = 1\n", "\(flags.stderr)")
        let wrong = try CLI.run(["ctl", "status", "--url", daemon.runtime.url, "--token", String(repeating: "0", count: 64)])
        #expect(wrong.status == 1 && wrong.stderr.hasPrefix("yamg ctl: missing or wrong token"), "\(wrong.stderr)")
        let nobody = try CLI.run(["ctl", "status"], environment: ["XDG_RUNTIME_DIR": elsewhere])
        #expect(nobody.status == 1 && nobody.stderr.hasPrefix("yamg ctl: no running yamg perform with a control room found"), "\(nobody.stderr)")
        #expect(nobody.stderr.split(separator: "\n").count == 1)
        try daemon.client.set([("top-p", "1")])
    }

    func error(_ answer: HTTPExchange.Answer) throws -> String {
        let object = try JSONSerialization.jsonObject(with: answer.body) as? [String: Any]
        return try #require(object?["error"] as? String, "\(answer.text)")
    }
}

/// Polls `condition` every 50 ms for up to `seconds`; records a failure naming `what` when it never holds.
func waitFor(_ what: String, seconds: Double = 10, _ condition: () throws -> Bool) throws {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try condition() { return }
        Thread.sleep(forTimeInterval: 0.05)
    }
    Issue.record("timed out waiting for: \(what)")
}
