import Foundation
import TestSupport
import Testing

/// `yamg perform --alsa` for real, in the throw-away VM of `../shared/tools/alsa-vm` (our kernels have no sound):
/// `aseqdump` and `arecordmidi` listen to what yamg sends, and what they got is compared with yamg's recording.
///
/// Where the VM cannot start (no qemu, no kernel download, exit 125), each test prints a loud message and records
/// a known issue instead of passing silently or failing the suite.
@Suite(.serialized, .tags(.alsaVM, .slow), .timeLimit(.minutes(20))) struct ALSAVMTests {
    /// The folder the VM shares read-write (same path inside): the model and one folder per test.
    static let shared: String = try! TestPaths.temporaryFolder()

    /// A tiny model that an emulated CPU plays in real time (the VM sees the host's files).
    static var model: String { TinyModel.cli.model }

    /// `yamg perform` with the model, a fixed seed and a recording in `folder/rec`.
    static func perform(_ folder: String, _ flags: String) -> String {
        "\(VM.quote(CLI.binary.path)) perform \(VM.quote(model)) --alsa --seed 3 --record \(VM.quote(folder + "/rec")) \(flags)"
            + " >\(VM.quote(folder + "/yamg.log")) 2>&1"
    }

    /// Everything `aseqdump` listening on Midi Through (14:0) and `arecordmidi` recording it get equals what yamg
    /// recorded: the same note events in the same order, the same notes at the same times (within 10 ms);
    /// `aconnect -l` shows client `yamg` with port `out`, connected by name to Midi Through.
    @Test func listenersGetWhatYamgRecords() async throws {
        let folder = try Self.folder("listeners")
        let script = """
            cd \(VM.quote(folder))
            aseqdump -p 14:0 > aseqdump.txt 2>&1 & A=$!
            arecordmidi -p 14:0 arecordmidi.mid & R=$!
            \(VM.waitForSubscribers(client: "14", port: 0, count: 2))
            \(Self.perform(folder, "--connect 'Midi Through' --seconds 8")) & Y=$!
            sleep 3; aconnect -l > aconnect.txt
            wait $Y; rc=$?
            sleep 0.5; kill -INT $R; kill $A; wait $R
            exit $rc
            """
        guard let vm = try await VM.run(script, timeout: 180) else { return }
        let log = Self.text(folder + "/yamg.log")
        #expect(vm.status == 0, "yamg: \(log)\nvm: \(vm.stderr)")

        let aconnect = Self.text(folder + "/aconnect.txt")
        #expect(aconnect.firstMatch(of: /client \d+: 'yamg' \[type=user[^\n]*\n\s+0 'out\s*'\n\s+Connecting To: 14:0/) != nil, "\(aconnect)")

        let recording = try Self.recording(folder)
        let recorded = try MIDIText.noteEvents(CLI.run(["midi", "dump", recording]).stdout)
        #expect(recorded.filter(\.on).count >= 10, "too few notes to compare: \(recorded)")
        let dumped = Self.aseqdumpEvents(Self.text(folder + "/aseqdump.txt"))
        // The end of a session may repeat a note-off (the sink silences what its queue may still have held: a
        // second note-off is harmless, a lost one hangs a note), so the listener may get a few more, all note-offs.
        #expect(Array(dumped.prefix(recorded.count)) == recorded, "aseqdump got \(dumped.count) note events, yamg recorded \(recorded.count)")
        #expect(dumped.count >= recorded.count && dumped.dropFirst(recorded.count).allSatisfy { !$0.on }, "\(dumped.suffix(dumped.count - min(dumped.count, recorded.count)))")

        let mine = try Self.notes(recording), theirs = try Self.notes(folder + "/arecordmidi.mid")
        #expect(mine.count == theirs.count, "yamg recorded \(mine.count) notes, arecordmidi \(theirs.count)")
        guard mine.count == theirs.count, let stop = mine.map(\.end).max() else { return }
        // arecordmidi's clock starts when it does: the offset is the median gap between the n-th starts.
        let gaps = zip(mine.map(\.start).sorted(), theirs.map(\.start).sorted()).map { $1 - $0 }.sorted()
        let offset = gaps[gaps.count / 2]
        var unmatched = theirs
        for note in mine {
            // Notes still sounding when yamg stops end when it sends their note-offs, at once, not ahead on the
            // queue: as late as the (emulated) CPU makes it, never early.
            let stopped = note.end > stop - 0.001
            let found = unmatched.firstIndex { other in
                let end = other.end - offset - note.end
                return other.pitch == note.pitch && abs(other.start - offset - note.start) <= 0.010
                    && (stopped ? end >= -0.010 && end <= 0.2 : abs(end) <= 0.010)
            }
            #expect(found != nil, "no note \(note.pitch) at \(note.start)–\(note.end) s (±10 ms) in arecordmidi's file")
            if let found { unmatched.remove(at: found) }
        }
    }

    /// A listener that unsubscribes mid-way (`aconnect -d`) and one that subscribes mid-way change nothing for yamg:
    /// it plays on to the end and exits 0, and the new listener gets notes.
    @Test func listenersComeAndGo() async throws {
        let folder = try Self.folder("come-and-go")
        let script = """
            cd \(VM.quote(folder))
            arecordmidi -p 14:0 late.mid & L=$!
            \(VM.waitForSubscribers(client: "14", port: 0, count: 1))
            \(Self.perform(folder, "--seconds 8")) & Y=$!
            \(VM.waitForClient("yamg"))
            YC=$(awk '/^Client .* : "yamg"/{print $2; exit}' /proc/asound/seq/clients)
            aseqdump -p yamg:out > early.txt 2>&1 & E=$!
            \(VM.waitForSubscribers(client: "$YC", port: 0, count: 1))
            sleep 2.5
            aconnect -d yamg:out aseqdump:0 && echo unsubscribed
            sleep 0.5
            aconnect yamg:out 14:0 && echo subscribed
            wait $Y; rc=$?
            sleep 0.3; kill -INT $L; kill $E; wait $L
            exit $rc
            """
        guard let vm = try await VM.run(script, timeout: 180) else { return }
        let log = Self.text(folder + "/yamg.log")
        #expect(vm.status == 0, "yamg: \(log)\nvm: \(vm.stderr)")
        #expect(vm.stdout.contains("unsubscribed\nsubscribed\n"), "\(vm.stdout)\n\(vm.stderr)")
        #expect(log.contains("session ended after 8.0 s") && !log.contains("failed"), "\(log)")
        let early = Self.text(folder + "/early.txt")
        #expect(early.contains("Port unsubscribed"), "\(early)")
        #expect(try !Self.notes(folder + "/late.mid").isEmpty, "the listener that came late got no note")
        // yamg recorded notes after the first listener left (≈ 3 s in).
        let notes = try Self.notes(Self.recording(folder))
        #expect(notes.contains { $0.start > 4 }, "\(notes)")
    }

    /// SIGTERM stops yamg at once, and every note-on a listener got has its note-off.
    @Test func sigtermLeavesNoNoteHanging() async throws {
        let folder = try Self.folder("sigterm")
        let script = """
            cd \(VM.quote(folder))
            aseqdump -p 14:0 > aseqdump.txt 2>&1 & A=$!
            \(VM.waitForSubscribers(client: "14", port: 0, count: 1))
            \(Self.perform(folder, "--connect 14:0")) & Y=$!
            \(VM.waitForClient("yamg"))
            sleep 4; kill -TERM $Y
            wait $Y; rc=$?
            sleep 0.3; kill $A
            exit $rc
            """
        guard let vm = try await VM.run(script, timeout: 180) else { return }
        let log = Self.text(folder + "/yamg.log")
        #expect(vm.status == 0, "yamg: \(log)\nvm: \(vm.stderr)")
        #expect(log.contains("session ended"), "\(log)")
        let dump = Self.text(folder + "/aseqdump.txt")
        let events = Self.aseqdumpEvents(dump)
        #expect(events.contains { $0.on }, "no note arrived")
        // What was queued ahead was withdrawn: after the all-notes-off nothing more arrives.
        let end = try #require(dump.range(of: "controller 123", options: .backwards), "no all-notes-off: \(dump)")
        #expect(!dump[end.upperBound...].contains("Note"), "\(dump[end.upperBound...])")
        var sounding: [UInt8: Int] = [:]
        for event in events { sounding[event.pitch, default: 0] += event.on ? 1 : -1 }
        #expect(sounding.filter { $0.value > 0 }.isEmpty, "note-ons without note-off: \(sounding.filter { $0.value > 0 })")
        let recorded = try CLI.run(["midi", "dump", Self.recording(folder), "--json"])
        #expect(recorded.stdout.contains("\"warnings\": []"), "\(recorded.stdout)")
    }

    /// A listener that stops reading (a frozen synth: SIGSTOP) fills up and refuses events; the other listeners
    /// still get every note-off when yamg stops, and yamg ends cleanly.
    @Test func aFrozenListenerHarmsNobody() async throws {
        let folder = try Self.folder("frozen")
        let script = """
            cd \(VM.quote(folder))
            aseqdump -p 14:0 > healthy.txt 2>&1 & A=$!
            \(VM.waitForSubscribers(client: "14", port: 0, count: 1))
            \(Self.perform(folder, "--connect 14:0 --speed 4")) & Y=$!
            \(VM.waitForClient("yamg"))
            YC=$(awk '/^Client .* : "yamg"/{print $2; exit}' /proc/asound/seq/clients)
            aseqdump -p yamg:out > /dev/null 2>&1 & F=$!
            \(VM.waitForSubscribers(client: "$YC", port: 0, count: 2))
            kill -STOP $F
            sleep 9
            kill -TERM $Y; wait $Y; rc=$?
            sleep 0.3; kill $A; kill -9 $F
            exit $rc
            """
        guard let vm = try await VM.run(script, timeout: 180) else { return }
        let log = Self.text(folder + "/yamg.log")
        #expect(vm.status == 0, "yamg: \(log)\nvm: \(vm.stdout)\n\(vm.stderr)")
        #expect(!log.contains("failed"), "\(log)")
        let events = Self.aseqdumpEvents(Self.text(folder + "/healthy.txt"))
        #expect(events.filter(\.on).count > 200, "too few events to fill the frozen listener's input (200): \(events.count)")
        var sounding: [UInt8: Int] = [:]
        for event in events { sounding[event.pitch, default: 0] += event.on ? 1 : -1 }
        #expect(sounding.filter { $0.value > 0 }.isEmpty, "note-ons without note-off: \(sounding.filter { $0.value > 0 })")
    }

    // MARK: Helpers

    static func folder(_ name: String) throws -> String {
        _ = model
        let folder = shared + "/" + name
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    static func text(_ path: String) -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "(no \(path))" }

    /// The one `.mid` yamg recorded in `folder/rec`.
    static func recording(_ folder: String) throws -> String {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder + "/rec").filter { $0.hasSuffix(".mid") }
        #expect(names.count == 1, "\(names)")
        return folder + "/rec/" + (try #require(names.first))
    }

    /// A file's notes as `yamg midi dump --json` pairs them (start and end in seconds).
    static func notes(_ path: String) throws -> [(pitch: Int, start: Double, end: Double)] {
        let run = try CLI.run(["midi", "dump", path, "--json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stderr)")
        let notes = try #require(json["notes"] as? [[Any]])
        return notes.map { ($0[2] as! Int, ($0[6] as! NSNumber).doubleValue, ($0[7] as! NSNumber).doubleValue) }
    }

    /// aseqdump's note lines ("Note on  0, note 60, velocity 100") in arrival order; a note-on of velocity 0 is an off.
    static func aseqdumpEvents(_ text: String) -> [NoteEvent] {
        text.split(separator: "\n").compactMap { line in
            guard let match = line.firstMatch(of: /Note (on|off)\s+\d+, note (\d+), velocity (\d+)/),
                  let pitch = UInt8(match.2), let velocity = UInt8(match.3) else { return nil }
            let on = match.1 == "on" && velocity > 0
            return NoteEvent(on: on, pitch: pitch, velocity: on ? velocity : 0)
        }
    }
}

/// A note-on or note-off as a listener sees it (channel left out: yamg plays one part).
struct NoteEvent: Equatable, CustomStringConvertible {
    var on: Bool
    var pitch: UInt8
    var velocity: UInt8
    var description: String { "\(on ? "on" : "off") \(pitch)\(on ? " v\(velocity)" : "")" }
}

/// Reading `yamg midi dump FILE` (one event a line) back.
enum MIDIText {
    /// The note events in file order ("00001947 note-on  ch 1 B6 velocity 64").
    static func noteEvents(_ dump: String) -> [NoteEvent] {
        dump.split(separator: "\n").compactMap { line in
            guard let match = line.firstMatch(of: /note-(on|off)\s+ch \d+ ([A-G]#?)(-?\d+) velocity (\d+)/),
                  let octave = Int(match.3), let velocity = UInt8(match.4),
                  let step = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"].firstIndex(of: String(match.2))
            else { return nil }
            let on = match.1 == "on" && velocity > 0
            return NoteEvent(on: on, pitch: UInt8((octave + 1) * 12 + step), velocity: on ? velocity : 0)
        }
    }
}

/// Running a shell script in the alsa-vm.
enum VM {
    static let tools = TestPaths.sharedFolder + "/tools/alsa-vm"

    /// `text` in single quotes for sh.
    static func quote(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// One VM at a time, whichever suite asks: each boots a kernel under qemu, and several at once on a 2-core
    /// machine starve each other's timing (and, waiting on them, the other tests of the process).
    private static let turn = Turn()

    /// Runs `script` with `sh -c` in the VM, sharing `ALSAVMTests.shared`; `nil` when the VM cannot start here
    /// (after saying so loudly and recording a known issue). `options` go to run.sh (`--modules snd-dummy`, `--env N=V`).
    /// Waits for its turn and for the VM without holding a thread of the test runner's pool.
    static func run(_ script: String, timeout: Int, options: [String] = []) async throws -> CLI.Output? {
        let runner = tools + "/run.sh"
        guard FileManager.default.isExecutableFile(atPath: runner) else {
            unavailable("\(runner) is missing")
            return nil
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: runner)
        process.arguments = ["-q", "--timeout", "\(timeout)", "--share", ALSAVMTests.shared] + options + ["--", "sh", "-c", script]
        process.currentDirectoryURL = URL(fileURLWithPath: ALSAVMTests.shared)
        let outPath = ALSAVMTests.shared + "/vm-\(UUID().uuidString).out", errPath = outPath + ".err"
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        process.standardInput = FileHandle.nullDevice
        await turn.acquire()
        let status: Int32
        do {
            status = try await withCheckedThrowingContinuation { (done: CheckedContinuation<Int32, any Error>) in
                process.terminationHandler = { done.resume(returning: $0.terminationStatus) }
                do { try process.run() } catch {
                    process.terminationHandler = nil
                    done.resume(throwing: error)
                }
            }
        } catch {
            await turn.release()
            throw error
        }
        await turn.release()
        let output = CLI.Output(status: status, stdout: ALSAVMTests.text(outPath), stderr: ALSAVMTests.text(errPath))
        if output.status == 125 {
            let last = output.stderr.split(separator: "\n").last { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            unavailable("run.sh exited 125 (alsa-vm or the VM failed: \(last ?? "no message"))")
            return nil
        }
        #expect(output.status != 124, "the VM timed out after \(timeout) s: \(output.stdout)\n\(output.stderr)")
        return output
    }

    /// Says loudly that the ALSA tests did not run, and records it as a known issue (not a pass, not a failure).
    static func unavailable(_ why: String) {
        let message = "ALSA VM TESTS DID NOT RUN: \(why); to test the ALSA sink, run \(tools)/install.sh as root "
            + "(qemu, kernel) or see its README"
        FileHandle.standardError.write(Data("\n!!!!!!!! \(message) !!!!!!!!\n\n".utf8))
        withKnownIssue(Comment(rawValue: message)) { Issue.record(Comment(rawValue: message)) }
    }

    /// Shell lines: wait (up to 20 s) until `count` clients read from port `port` of client `client` (a number or a
    /// shell expression such as "$YC").
    static func waitForSubscribers(client: String, port: Int, count: Int) -> String {
        """
        n=0; while [ "$(awk -v c="\(client)" -v p=\(port) '/^Client /{inc=($2+0==c+0)} inc&&/^  Port /{inp=($2+0==p)} \
        inc&&inp&&/Connecting To:/{print split($0,a,",")}' /proc/asound/seq/clients)" != \(count) ] && [ $n -lt 400 ]; \
        do sleep 0.05; n=$((n+1)); done
        """
    }

    /// Shell lines: wait (up to 20 s) until `count` clients named `name` exist.
    static func waitForClient(_ name: String, count: Int = 1) -> String {
        """
        n=0; while [ "$(grep -c '^Client .* : "\(name)"' /proc/asound/seq/clients)" -lt \(count) ] && [ $n -lt 400 ]; \
        do sleep 0.05; n=$((n+1)); done
        """
    }
}

/// A lock for async callers: `acquire` suspends (never blocks a thread) until the holder calls `release`.
actor Turn {
    private var held = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func acquire() async {
        guard held else { held = true; return }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty { held = false } else { waiting.removeFirst().resume() }  // handed on, still held
    }
}

