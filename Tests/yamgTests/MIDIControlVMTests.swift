import Foundation
import TestSupport
import Testing

/// Control from a MIDI controller for real, in the alsa-vm: `midisend` (Tests/Fixtures/midisend.c, built here)
/// writes CC, Program Change and clock bytes to VirMIDI 0-0's raw device, which the sequencer delivers from client
/// 16:0 to `yamg:in` (`--listen 16:0`). One VM run learns a knob into a config file, then plays with that config
/// while a scripted controller moves knobs, stops and continues a jittering clock, changes program and floods CC.
@Suite(.serialized, .tags(.alsaVM, .slow), .timeLimit(.minutes(20))) struct MIDIControlVMTests {
    /// The sender's script after yamg subscribed (seconds from its start in comments).
    static let steps = [
        "bytes C063", "bytes C063", // 0: program 99, twice: no such model, logged once
        "sleep 200",
        "bytes FA",               // 0.2: Start
        "clock 60 8 3",           // 0-8: 60 bpm, each pulse ±3 ms → speed 0.5
        "sleep 3000",             // 8-11: no pulse: after 2 s the clock is gone, the tempo kept
        "bytes B04A46",           // 11: CC 74 = 70 → temperature 1.1472
        "bytes B0477F",           // 11: CC 71 = 127 → speed 2
        "sleep 6000",             // 11-17: at speed 2
        "bytes FC",               // 17: Stop → paused
        "sleep 2000",
        "bytes FB",               // 19: Continue
        "sleep 1000",
        "bytes C001",             // 20: Program Change 1 → b.safetensors, queued for the next piece
    ].joined(separator: " ")
    /// Once yamg says the model is ready.
    static let nextStep = "bytes B0507F"  // CC 80 (learnt as next) → the next piece, with the new model
    /// Once the new model plays.
    static let laterSteps = [
        "ccflood 1 74 1000 5",    // 1,000 CC a second for 5 s
        "sleep 1500",
    ].joined(separator: " ")

    @Test func aControllerSteersYamg() async throws {
        let folder = try ALSAVMTests.folder("midi-control")
        let sender = folder + "/midisend"
        let build = try CLI.run(["-O2", "-o", sender, TestPaths.repository + "/Tests/Fixtures/midisend.c"], executable: URL(fileURLWithPath: "/usr/bin/cc"))
        try #require(build.status == 0, "cc: \(build.stderr)")
        let models = folder + "/models"
        try? FileManager.default.removeItem(atPath: models)
        try FileManager.default.createDirectory(atPath: models, withIntermediateDirectories: true)
        for name in ["a.safetensors", "b.safetensors"] { try FileManager.default.copyItem(atPath: ALSAVMTests.model, toPath: models + "/" + name) }
        let config = folder + "/yamg.toml"
        try """
            # my controller
            pause = 0.5  # short pauses

            [controls.midi]  # knobs
            temperature = { cc = 74 }
            speed = { cc = 71 }
            """.write(toFile: config, atomically: true, encoding: .utf8)
        let yamg = "\(VM.quote(CLI.binary.path)) perform"
        let script = """
            cd \(VM.quote(folder)); rm -rf rec
            \(yamg) --learn next --config yamg.toml --listen 16:0 --seconds 60 > learn.log 2>&1 & L=$!
            \(VM.waitForSubscribers(client: "16", port: 0, count: 1))
            sleep 0.3; ./midisend /dev/snd/midiC0D0 bytes B0507F
            wait $L; echo "learn exit $?" >> learn.log
            \(yamg) \(VM.quote(ALSAVMTests.model)) --config yamg.toml --listen 16:0 --sync midi-clock --models models --seed 3 \
                --record rec --seconds 150 > yamg.log 2>&1 & Y=$!
            \(VM.waitForSubscribers(client: "16", port: 0, count: 1))
            ./midisend /dev/snd/midiC0D0 \(Self.steps) 2> midisend.log
            n=0; while ! grep -q 'plays from the next piece' yamg.log && [ $n -lt 300 ]; do sleep 0.1; n=$((n+1)); done
            ./midisend /dev/snd/midiC0D0 \(Self.nextStep) 2>> midisend.log
            n=0; while ! grep -q 'playing .*b.safetensors' yamg.log && [ $n -lt 300 ]; do sleep 0.1; n=$((n+1)); done
            ./midisend /dev/snd/midiC0D0 \(Self.laterSteps) 2>> midisend.log
            kill -INT $Y; wait $Y; rc=$?
            exit $rc
            """
        guard let vm = try await VM.run(script, timeout: 300) else { return }
        let learnt = ALSAVMTests.text(folder + "/learn.log"), log = ALSAVMTests.text(folder + "/yamg.log")
        #expect(vm.status == 0, "yamg: \(log)\nvm: \(vm.stderr)")

        // MIDI learn: the knob's line is in the section, the rest of the file as it was, and it loaded (yamg ran).
        #expect(learnt.contains("wrote next = { cc = 80, channel = 1 } to [controls.midi] of \(config)") && learnt.contains("learn exit 0"), "\(learnt)")
        let written = ALSAVMTests.text(config)
        #expect(written == "# my controller\npause = 0.5  # short pauses\n\n[controls.midi]  # knobs\ntemperature = { cc = 74 }\nspeed = { cc = 71 }\nnext = { cc = 80, channel = 1 }\n", "\(written)")

        let lines = log.split(separator: "\n").map(String.init)
        func has(_ text: String) -> Bool { lines.contains { $0.contains(text) } }
        // The clock: its tempo (60 bpm, jittering) set the speed once, within 2 % of 0.5, and stayed there.
        let clockSpeeds = lines.compactMap { line -> Double? in
            guard line.contains("MIDI clock"), let match = line.firstMatch(of: /speed [\d.]+ → ([\d.]+)/) else { return nil }
            return Double(match.1)
        }
        #expect(!clockSpeeds.isEmpty && clockSpeeds.allSatisfy { abs($0 / 0.5 - 1) < 0.02 }, "\(clockSpeeds)\n\(log)")
        #expect(clockSpeeds.count <= 4, "a steady clock does not keep changing the speed: \(clockSpeeds)")
        #expect(lines.filter { $0.contains("MIDI clock: no pulse for 2 s; keeping 60") }.count == 1, "\(log)")
        // The knobs: temperature and speed, through the controls' one log line.
        #expect(lines.contains { $0.contains("CC 74/ch 1") && $0.contains("temperature 1 → 1.1472") }, "\(log)")
        #expect(lines.contains { $0.contains("CC 71/ch 1") && $0.contains(/speed 0\.[45]\d* → 2(,|$)/) }, "\(log)")
        #expect(has("paused") && has("playing on"), "Stop pauses, Continue plays: \(log)")
        #expect(has("program change 1: \(models)/b.safetensors plays from the next piece") && has("playing \(models)/b.safetensors"), "\(log)")
        #expect(lines.filter { $0.contains("program change 99: no such model") }.count == 1, "\(log)")
        // The flood: at most a line a second about it, and the music on time.
        let floodLines = lines.filter { $0.contains("controls (") && $0.contains("CC 74/ch 1") }
        #expect(floodLines.count <= 9, "\(floodLines.count) lines: \(floodLines)")
        // The emulated CPU (and a debug build) may not keep up with the model: lateness is reported here, and
        // measured on the host's real clock in PerformerMIDITests; the recorded timing of a speed change is
        // checked there too, where the generator's pace does not blur it.
        let end = try #require(log.firstMatch(of: /(\d+) events, (\d+) late/), "\(log)")
        let notes = try ALSAVMTests.notes(try ALSAVMTests.recording(folder))
        #expect(notes.count > 10 && Int(end.1)! > 20, "\(log)")
        print("MIDI control VM: \(end.1) events, \(end.2) late; \(notes.count) notes recorded; clock speeds \(clockSpeeds); \(floodLines.count) log lines with CC 74")
    }
}

/// `text` in single quotes for sh.
