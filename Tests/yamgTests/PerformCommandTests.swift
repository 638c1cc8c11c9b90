import Foundation
import TestSupport
import Testing

/// `yamg perform` as a user runs it: FluidSynth's `file` driver (this machine has no sound), signals, crashes, bad input.
@Suite(.serialized, .tags(.slow), .timeLimit(.minutes(10))) struct PerformCommandTests {
    /// A running `yamg perform`, its stderr going to a file.
    struct Running {
        let process: Process
        let stderrPath: String
        var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

        init(_ arguments: [String]) throws {
            process = Process()
            process.executableURL = CLI.binary
            process.arguments = arguments
            stderrPath = try TestPaths.temporaryFolder("perform") + "/stderr.log"
            FileManager.default.createFile(atPath: stderrPath, contents: nil)
            process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: stderrPath))
            process.standardOutput = FileHandle.nullDevice
            try process.run()
        }

        /// Sends `sig` and returns how long the process took to exit.
        func signal(_ sig: Int32) -> Double {
            let start = Date()
            kill(process.processIdentifier, sig)
            process.waitUntilExit()
            return Date().timeIntervalSince(start)
        }
    }

    func recordings(_ folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".mid") }.sorted().map { folder + "/" + $0 }
    }

    /// Notes and duration of a recording, read back by `yamg midi dump --json`.
    func dump(_ path: String) throws -> (notes: [[Double]], duration: Double) {
        let out = try CLI.run(["midi", "dump", "--json", path])
        #expect(out.status == 0, "\(path): \(out.stdout)")
        let json = try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as! [String: Any]
        let notes = (json["notes"] as! [[Any]]).map { $0.map { ($0 as! NSNumber).doubleValue } }
        #expect((json["warnings"] as? [Any] ?? []).isEmpty, "\(path): \(json["warnings"] ?? "")")
        return (notes, (json["duration_s"] as! NSNumber).doubleValue)
    }

    func fluidFlags(_ folder: String) -> [String] {
        [GenerateCommandTests.model, "--fluidsynth", "--audio-driver", "file", "--audio-file", folder + "/out.wav",
         "--record", folder + "/sessions", "--seed", "4"]
    }

    @Test func sigtermEndsEveryNoteAndFinalizesWithinASecond() throws {
        let folder = try TestPaths.temporaryFolder()
        let running = try Running(["perform"] + fluidFlags(folder))
        Thread.sleep(forTimeInterval: 4)
        let took = running.signal(SIGTERM)
        #expect(running.process.terminationStatus == 0, "\(running.stderr)")
        #expect(took < 1, "exit took \(took) s")
        let files = try recordings(folder + "/sessions")
        try #require(files.count == 1)
        let (notes, duration) = try dump(files[0])
        #expect(notes.count > 5)
        #expect(duration > 2 && duration < 4.5, "recorded \(duration) s")
        #expect(notes.allSatisfy { $0[7] <= duration + 1e-6 }, "every note ends by the end of the file")
        #expect(running.stderr.contains("recording to"), "\(running.stderr)")
        #expect(running.stderr.contains("session ended"), "\(running.stderr)")
        let wav = try Data(contentsOf: URL(fileURLWithPath: folder + "/out.wav"))
        #expect(wav.count > 44100 * 4 * 2, "the file driver wrote \(wav.count) bytes")
    }

    @Test func killNineLeavesARecordingMissingAtMostTwoSeconds() throws {
        let folder = try TestPaths.temporaryFolder()
        let running = try Running(["perform"] + fluidFlags(folder))
        Thread.sleep(forTimeInterval: 5)
        let alive = Date()
        _ = running.signal(SIGKILL)
        let files = try recordings(folder + "/sessions")
        try #require(files.count == 1, "\(files)")
        let (notes, duration) = try dump(files[0])
        #expect(notes.count > 5)
        // The process lived ~5 s (minus start-up: loading the model and soundfont); at most 2 s may be missing.
        let startedAfter = 1.0
        #expect(duration >= 5 - startedAfter - 2, "recorded \(duration) s of ~\(5 - startedAfter) s")
        #expect(Date().timeIntervalSince(alive) < 2)
    }

    @Test func sighupStartsANewFileAndNothingIsOverwritten() throws {
        let folder = try TestPaths.temporaryFolder()
        let running = try Running(["perform"] + fluidFlags(folder))
        Thread.sleep(forTimeInterval: 2.5)
        kill(running.process.processIdentifier, SIGHUP)
        Thread.sleep(forTimeInterval: 1.5)
        _ = running.signal(SIGINT)
        #expect(running.process.terminationStatus == 0, "\(running.stderr)")
        let files = try recordings(folder + "/sessions")
        #expect(files.count == 2, "\(files)")
        #expect(running.stderr.contains("closed, now"), "\(running.stderr)")
        for file in files { #expect(try dump(file).duration > 0.5) }
    }

    /// SIGUSR1 end to end: a config edit changes the temperature (and speed) mid-session; the performer applies it
    /// once and says so, a key that is not live says it waits for the next start, and a bad edit changes nothing.
    @Test func sigusr1AppliesTheConfigsControlsMidSession() throws {
        let folder = try TestPaths.temporaryFolder()
        let config = folder + "/yamg.toml"
        try "temperature = 1.0\ngain = 0.5\n".write(toFile: config, atomically: true, encoding: .utf8)
        let running = try Running(["perform"] + fluidFlags(folder) + ["--config", config])
        Thread.sleep(forTimeInterval: 2)
        try "temperature = 0.5\nspeed = 1.5\ngain = 0.8\n".write(toFile: config, atomically: true, encoding: .utf8)
        kill(running.process.processIdentifier, SIGUSR1)
        Thread.sleep(forTimeInterval: 1.5)
        try "temperature = 0\n".write(toFile: config, atomically: true, encoding: .utf8)
        kill(running.process.processIdentifier, SIGUSR1)
        Thread.sleep(forTimeInterval: 1)
        _ = running.signal(SIGINT)
        let log = running.stderr
        #expect(running.process.terminationStatus == 0, "\(log)")
        let applied = log.split(separator: "\n").filter { $0.contains("controls (config reload)") }
        #expect(applied.count == 1 && applied[0].hasSuffix("speed 1 → 1.5, temperature 1 → 0.5"), "\(log)")
        #expect(log.contains("'gain' changed, applies at the next start"), "\(log)")
        #expect(log.contains("config not reloaded: \(config):1: key 'temperature': 0 is not in (0, 5]"), "\(log)")
        #expect(try recordings(folder + "/sessions").count == 1)
    }

    @Test func secondsPlaysThatLongAndExits() throws {
        let folder = try TestPaths.temporaryFolder()
        let out = try CLI.run(["perform"] + fluidFlags(folder) + ["--seconds", "3"])
        #expect(out.status == 0, "\(out.stderr)")
        let files = try recordings(folder + "/sessions")
        try #require(files.count == 1)
        #expect(abs(try dump(files[0]).duration - 3) < 0.01)
    }

    @Test func badFlagsKeysAndFilesSayWhatInOneLine() throws {
        let folder = try TestPaths.temporaryFolder()
        let model = GenerateCommandTests.model
        let config = folder + "/yamg.toml"
        try "temperature = 0.9\ntop_p = 0.5\n".write(toFile: config, atomically: true, encoding: .utf8)
        let cases: [([String], String)] = [
            ([model, "--top-p", "1.5"], "--top-p"),
            ([model, "--audio-driver", "nonesuch", "--fluidsynth"], "--audio-driver"),
            ([model, "--config", config], "top_p"),
            ([model, "--config", folder + "/missing.toml"], "missing.toml"),
            ([folder + "/no-model.safetensors", "--seconds", "1"], "no-model.safetensors"),
            ([model, "--alsa", "--seconds", "1"], "snd-seq"),
            ([model, "--fluidsynth", "--soundfont", folder + "/none.sf2"], "none.sf2"),
            ([model, "--record", "/proc/yamg", "--seconds", "1"], "/proc/yamg"),
        ]
        for (arguments, mentions) in cases {
            let out = try CLI.run(["perform"] + arguments)
            let lines = out.stderr.split(separator: "\n").filter { !$0.contains(" info ") }
            #expect(out.status != 0, "\(arguments) should fail")
            #expect(lines.count == 1 && out.stderr.contains(mentions), "\(arguments): \(out.stderr)")
        }
    }

    @Test func printConfigShowsTheEffectiveSettings() throws {
        let folder = try TestPaths.temporaryFolder()
        let config = folder + "/yamg.toml"
        try "temperature = 0.9\nspeed = 1.5\n".write(toFile: config, atomically: true, encoding: .utf8)
        let out = try CLI.run(["perform", "model.safetensors", "--config", config, "--speed", "0.5", "--print-config"])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("temperature = 0.9"), "\(out.stdout)")
        #expect(out.stdout.contains("speed = 0.5"), "flags win: \(out.stdout)")
    }
}
