import ControlRoom
import Foundation
import MIDIFile
import TestSupport
import Testing

/// The page in a real browser (headless Chromium over the DevTools protocol) against a real daemon playing through
/// FluidSynth's `file` driver: it loads without console errors, notes appear in the roll within a second of being
/// sent, moving the temperature slider changes the daemon's temperature, and Panic silences. A screenshot is saved
/// as `.build/control-room.png`. Without Chromium the test fails and says how to install it.
@Suite(.serialized, .tags(.slow), .timeLimit(.minutes(5))) struct ControlRoomPageTests {
    /// What the test's own WebSocket heard: each note-on with the wall time it arrived, and each cut.
    final class Listener: @unchecked Sendable {
        private let lock = NSLock()
        private var notes: [(id: String, arrived: Double)] = []
        private var cuts: [(t: Double, reason: String)] = []
        private var start: Double?

        func start(_ socket: WebSocketClient) {
            Thread {
                while let text = try? socket.receive(), let batch = try? EventBatch(text) {
                    let arrived = Date().timeIntervalSince1970 * 1000
                    self.lock.withLock {
                        for event in batch.events {
                            // The recording's time 0 in session time: the hello has it once the session began.
                            if event["type"] as? String == "hello", let t = (event["recording_start"] as? NSNumber)?.doubleValue { self.start = t }
                            if event["type"] as? String == "recording", self.start == nil, let t = (event["start"] as? NSNumber)?.doubleValue {
                                self.start = t
                            }
                            if event["type"] as? String == "cut", let t = (event["t"] as? NSNumber)?.doubleValue {
                                self.cuts.append((t, event["reason"] as? String ?? ""))
                            }
                            guard event["type"] as? String == "sent" else { continue }
                            for note in event["notes"] as? [[String: Any]] ?? [] {
                                guard let pitch = note["on"] as? NSNumber, let t = (note["t"] as? NSNumber)?.doubleValue else { continue }
                                self.notes.append((String(format: "%.3f:%d", t, pitch.intValue), arrived))
                            }
                        }
                    }
                }
            }.start()
        }

        var heard: [(id: String, arrived: Double)] { lock.withLock { notes } }
        var cutsHeard: [(t: Double, reason: String)] { lock.withLock { cuts } }
        var recordingStart: Double? { lock.withLock { start } }
    }

    @Test func thePageShowsAndSteersTheDaemon() throws {
        let audio = try TestPaths.temporaryFolder("page-audio") + "/out.wav"
        let daemon = try RunningDaemon("page", seconds: 120, extra: ["--fluidsynth", "--audio-driver", "file", "--audio-file", audio])
        let listener = Listener()
        listener.start(try daemon.events())
        let browser: Chromium
        do { browser = try Chromium() } catch let missing as Chromium.Missing {
            Issue.record("\(missing)")
            return
        }
        let link = try #require(try daemon.client.call("POST", "/api/links")["url"] as? String)
        try browser.call("Page.navigate", ["url": link])
        try waitFor("the page builds its controls from the API", seconds: 20) {
            (try browser.evaluate("document.querySelectorAll('#controls .control').length") as? NSNumber)?.intValue ?? 0 > 0
        }
        #expect(try browser.evaluate("location.search") as? String == "", "the one-time code leaves the address bar")
        #expect(try browser.evaluate("document.getElementById('playing').textContent") as? String == "playing")

        // Notes appear in the roll within a second of being sent (both clocks are this machine's wall clock): the
        // notes the test's own stream heard since the page's stream opened, once a second has passed for each.
        // The event stream opens after the controls are built: wait for it rather than race it.
        try waitFor("the page's event stream opens", seconds: 20) {
            (try browser.evaluate("window.yamg.state.connectedAt") as? NSNumber) != nil
        }
        let opened = try #require((try browser.evaluate("window.yamg.state.connectedAt") as? NSNumber)?.doubleValue)
        try waitFor("notes sent since the page connected", seconds: 20) { listener.heard.filter { $0.arrived > opened + 100 }.count >= 8 }
        Thread.sleep(forTimeInterval: 1.2)
        let drawn = try browser.evaluate("Object.fromEntries(window.yamg.roll.drawn)") as? [String: NSNumber] ?? [:]
        let heard = listener.heard.filter { $0.arrived > opened + 100 && $0.arrived < Date().timeIntervalSince1970 * 1000 - 1100 }
        #expect(heard.count >= 8, "the test's own stream heard \(heard.count) notes")
        var late: [String] = []
        for note in heard {
            guard let at = drawn[note.id]?.doubleValue else { late.append("\(note.id) never drawn"); continue }
            if at - note.arrived > 1000 { late.append("\(note.id) drawn \(Int(at - note.arrived)) ms after it was sent") }
        }
        #expect(late.isEmpty, "\(late.prefix(5)) of \(heard.count)")

        // A person drags the temperature slider to 30 % of its width.
        let slider = try browser.centre(of: "#control-temperature", at: 0.3)
        try browser.click(x: slider.x, y: slider.y)
        let shown = try #require(Double(try browser.evaluate("document.getElementById('control-temperature').value") as? String ?? ""))
        #expect(abs(shown - 1) > 0.1, "the slider moved: \(shown)")
        try waitFor("the daemon's temperature follows the slider") {
            let controls = try daemon.state()["controls"] as? [String: Any]
            return (controls?["temperature"] as? NSNumber)?.doubleValue == shown
        }

        // Panic: every note sounding then ends then, in the recording (what the sinks were told).
        let button = try browser.centre(of: "#panic")
        try browser.click(x: button.x, y: button.y)
        try waitFor("the panic cut") { listener.cutsHeard.contains { $0.reason == "panic" } }
        try waitFor("the page logs it") { (try browser.evaluate("document.getElementById('log').textContent") as? String)?.contains("panic") == true }
        Thread.sleep(forTimeInterval: 1.5)
        try browser.screenshot(to: TestPaths.repository + "/.build/control-room.png")
        #expect(browser.errors.isEmpty, "console: \(browser.errors)")

        daemon.stop()
        #expect(daemon.process.terminationStatus == 0, "\(daemon.log)")
        let panic = try #require(listener.cutsHeard.first { $0.reason == "panic" }?.t)
        let files = try daemon.recordingFiles()
        try #require(files.count == 1)
        let start = try #require(listener.recordingStart, "the stream named the recording's start")
        let notes = try StandardMIDIFile(contentsOf: daemon.recordings + "/" + files[0]).notes().notes
        let across = notes.filter { $0.start + start < panic - 0.001 && $0.end + start > panic + 0.001 }
        #expect(across.isEmpty, "notes sounding through the panic at \(panic): \(across.map { ($0.pitch, $0.start + start, $0.end + start) })")
        #expect(notes.contains { $0.start + start < panic } && notes.contains { $0.start + start > panic }, "music before and after it")
        #expect(daemon.log.contains("panic: every note off"))
    }
}
