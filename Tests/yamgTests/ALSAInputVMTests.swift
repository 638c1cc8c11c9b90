import Foundation
import MIDIFile
import TestSupport
import Testing

/// A player for real: `aplaymidi` plays a scripted phrase into yamg's port `in` (directly, or through Midi Through
/// that `--listen` subscribed) inside the VM of ../shared/tools/alsa-vm, and yamg's recording of the duet is read
/// back. The emulated CPU is slow, so the timing bounds here are looser than the host's (the host tests and
/// `yamg bench respond` hold the tight ones).
@Suite(.serialized, .tags(.alsaVM, .slow), .timeLimit(.minutes(20))) struct ALSAInputVMTests {
    /// A MIDI file of `notes` (pitch, start, end in seconds), written into `folder`.
    static func midi(_ name: String, in folder: String, _ notes: [(UInt8, Double, Double)]) throws -> String {
        var events: [TimedEvent] = []
        for (p, s, e) in notes {
            events.append(TimedEvent(time: s, .noteOn(pitch: U7(rawValue: p)!, velocity: 90)))
            events.append(TimedEvent(time: e, .noteOff(pitch: U7(rawValue: p)!)))
        }
        events.sort { $0.time < $1.time }
        let path = folder + "/" + name
        try Data(StandardMIDIFile(events: events).serialized()).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// respond through `--listen 'Midi Through'`: yamg is silent during the call, answers after respond-after (within
    /// 150 ms on the emulated CPU), stops when the player plays again, and records both parts.
    @Test func respondAnswersACallPlayedIntoIn() async throws {
        let folder = try ALSAVMTests.folder("respond")
        let pitches: [UInt8] = [60, 62, 64, 65, 67, 65, 64, 62]
        var call: [(UInt8, Double, Double)] = []
        for (i, p) in pitches.enumerated() {
            let start = 0.5 + Double(i) * 0.25
            call.append((p, start, start + 0.2))
        }
        let again: [(UInt8, Double, Double)] = [(72, 6.5, 7.0), (71, 7.0, 7.5)]
        let phrase = try Self.midi("phrase.mid", in: folder, call + again)
        let script = """
            cd \(VM.quote(folder))
            \(ALSAVMTests.perform(folder, "--mode respond --respond-length 3 --listen 'Midi Through' --seconds 20")) & Y=$!
            \(VM.waitForSubscribers(client: "14", port: 0, count: 1))
            aplaymidi -p 14:0 \(VM.quote(phrase))
            wait $Y
            """
        guard let vm = try await VM.run(script, timeout: 420) else { return }
        let log = ALSAVMTests.text(folder + "/yamg.log")
        #expect(vm.status == 0, "yamg: \(log)\nvm: \(vm.stderr)")
        #expect(log.contains("listening to Midi Through (14:0)"), "\(log)")
        let recording = try ALSAVMTests.recording(folder)
        let input = try recordedTrack("input", of: recording)
        #expect(input.map(\.pitch) == (call + again).map(\.0), "\(input)")
        let mine = try recordedTrack("yamg session", of: recording)
        guard input.count == 10, !mine.isEmpty else {
            Issue.record("input \(input.count) notes, yamg \(mine.count): \(log)")
            return
        }
        // The file's clock is the performer's: both parts are on it.
        let lastStrike = input[7].start, callEnd = input[7].end, interrupt = input[8].start
        let first = mine.map(\.start).min()!
        #expect(first >= lastStrike + 1.0 - 0.005 && first <= max(lastStrike + 1.0, callEnd) + 0.150,
                "first answering note \(first - lastStrike) s after the last strike: \(log)")
        // The second call's answer is due respond-after (1 s) after its last strike (the key is up by then).
        let secondAnswer = input[9].start + 1.0 - 0.005
        let over = mine.filter { $0.start > interrupt + 0.05 && $0.start < secondAnswer }
        #expect(over.isEmpty, "yamg played over the player: notes at \(over.map { $0.start - interrupt }) s after the interruption")
        #expect(!mine.contains { $0.start < interrupt && $0.end > interrupt + 0.1 }, "a note of the answer outlived the interruption")
        #expect(mine.contains { $0.start >= secondAnswer }, "the second call was not answered")
    }

    /// accompany, the phrase sent straight to yamg:in: yamg plays on, never strikes a key the player holds, and
    /// the player's notes entered the model's context (the end-of-session line counts their tokens).
    @Test func accompanyHearsThePlayerAndLeavesItsKeys() async throws {
        let folder = try ALSAVMTests.folder("accompany")
        var chords: [(UInt8, Double, Double)] = []
        for (i, chord) in [[60, 64, 67], [62, 65, 69], [59, 62, 67], [57, 60, 64], [60, 64, 67, 72]].enumerated() {
            for p in chord { chords.append((UInt8(p), 1 + Double(i) * 1.5, 2.2 + Double(i) * 1.5)) }
        }
        let phrase = try Self.midi("chords.mid", in: folder, chords)
        let script = """
            cd \(VM.quote(folder))
            \(ALSAVMTests.perform(folder, "--mode accompany --key off --seconds 20")) & Y=$!
            \(VM.waitForClient("yamg"))
            YC=$(awk '/^Client .* : "yamg"/{print $2; exit}' /proc/asound/seq/clients)
            aconnect -l > aconnect.txt
            sleep 0.5
            aplaymidi -p $YC:1 \(VM.quote(phrase))
            wait $Y
            """
        guard let vm = try await VM.run(script, timeout: 420) else { return }
        let log = ALSAVMTests.text(folder + "/yamg.log")
        #expect(vm.status == 0, "yamg: \(log)\nvm: \(vm.stderr)")
        #expect(ALSAVMTests.text(folder + "/aconnect.txt").contains("1 'in "), "yamg has no port in")
        let tokens = log.firstMatch(of: /(\d+) player tokens in the model's context/).flatMap { Int($0.1) } ?? 0
        #expect(tokens >= chords.count * 2, "player tokens in the context: \(tokens)\n\(log)")
        let recording = try ALSAVMTests.recording(folder)
        let input = try recordedTrack("input", of: recording)
        #expect(input.count == chords.count, "\(input)")
        let mine = try recordedTrack("yamg session", of: recording)
        #expect(mine.count > 10, "accompany keeps playing: \(mine.count) notes")
        for held in input {
            let struck = mine.filter { $0.pitch == held.pitch && $0.start >= held.start && $0.start < held.end }
            #expect(struck.isEmpty, "yamg struck \(held.pitch) at \(struck.map(\.start)) while the player held it (\(held.start)–\(held.end))")
        }
    }

    /// A keyboard that appears late (a second yamg, `--listen`ed by its number) and is unplugged mid-phrase (kill -9)
    /// while a real note storm comes into yamg:in (10,000 note-ons a second for 3 s, none released; yamg plays solo):
    /// yamg drops and says so once a second, nothing it plays is late, it exits 0 and the recording is valid.
    @Test func aStormAndADeviceThatComesAndGoes() async throws {
        let folder = try ALSAVMTests.folder("storm")
        var notes: [(UInt8, Double, Double)] = []
        for i in 0..<30_000 {
            let start: Double = 0.5 + Double(i) / 10_000
            notes.append((UInt8(30 + i % 60), start, 20.0))
        }
        let storm = try Self.midi("storm.mid", in: folder, notes)
        let script = """
            cd \(VM.quote(folder))
            \(ALSAVMTests.perform(folder, "--listen 129:0 --seconds 14")) & Y=$!
            \(VM.waitForClient("yamg"))
            sleep 2
            \(CLI.binary.path) perform \(VM.quote(ALSAVMTests.model)) --alsa --no-record --seed 5 > device.log 2>&1 & D=$!
            \(VM.waitForClient("yamg", count: 2))
            sleep 1
            aplaymidi -p 128:1 \(VM.quote(storm)) & P=$!
            sleep 2; kill -9 $D
            wait $Y
            """
        guard let vm = try await VM.run(script, timeout: 420) else { return }
        let log = ALSAVMTests.text(folder + "/yamg.log")
        #expect(vm.status == 0, "yamg: \(log)\nvm: \(vm.stderr)")
        #expect(log.contains("input: ") && log.contains("dropped"), "\(log)")
        #expect(log.contains("listen 129:0: not there yet"), "\(log)")
        #expect(log.contains("listening to 129:0 (129:0)"), "\(log)")
        #expect(log.components(separatedBy: "is gone").count == 2, "gone logged once: \(log)")
        let late = log.firstMatch(of: /events, (\d+) late/).flatMap { Int($0.1) }
        #expect(late == 0, "\(log)")
        let recording = try ALSAVMTests.recording(folder)
        let (_, warnings) = try StandardMIDIFile(contentsOf: recording).notes()
        #expect(warnings.isEmpty, "\(warnings)")
        #expect(try recordedTrack("input", of: recording).count > 100)
    }
}
