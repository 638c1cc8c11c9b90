import Foundation
import TestSupport
import Testing

/// `yamg doctor`, run as a user would: on this machine (no `/dev/snd/seq`, no sound server), with a model, with
/// config files that do and do not load, and in the ALSA VM where the sequencer exists.
@Suite struct DoctorCommandTests {
    static let ids = ["alsa-sequencer", "audio", "soundfont", "openblas", "model", "config", "recordings", "systemd"]
    static let hasSequencer = FileManager.default.fileExists(atPath: "/dev/snd/seq")

    /// The text report: one line per check in plain words (stdout is a pipe, not a terminal), a fix under each
    /// failure, the summary last, and the exit status that follows from the failures.
    @Test func textReportOfThisMachine() throws {
        let run = try CLI.run(["doctor"])
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "yamg 0.1.0 doctor", "\(run.stdout)")
        #expect(!run.stdout.contains("✓") && !run.stdout.contains("✗"), "symbols on a pipe: \(run.stdout)")
        let checks = lines.filter { $0.hasPrefix("ok ") || $0.hasPrefix("warn ") || $0.hasPrefix("fail ") }
        #expect(checks.count == Self.ids.count, "\(run.stdout)")
        for (index, line) in lines.enumerated() where line.hasPrefix("fail ") {
            #expect(lines[index + 1].hasPrefix("    fix: "), "a failure without a fix: \(line)")
        }
        let failures = checks.filter { $0.hasPrefix("fail ") }.count
        #expect(run.status == (failures == 0 ? 0 : 1), "\(run.stdout)")
        #expect(lines.last { !$0.isEmpty }?.hasPrefix("summary: ") == true, "\(run.stdout)")
        #expect(run.stdout.contains("\(failures) failure"), "\(run.stdout)")

        if Self.hasSequencer {
            #expect(run.stdout.contains("ALSA sequencer: /dev/snd/seq opens"), "\(run.stdout)")
        } else {
            // No sequencer here: a failure (the live MIDI output cannot work), with the modprobe fix under it.
            let index = try #require(lines.firstIndex { $0.hasPrefix("fail ALSA sequencer: /dev/snd/seq does not exist") },
                                     "\(run.stdout)")
            #expect(lines[index + 1].hasPrefix("    fix: load snd-seq (sudo modprobe snd-seq"), "\(lines[index + 1])")
            #expect(run.status == 1)
        }
        // make deps installs fluid-soundfont-gm, so Debian's soundfont is found, with its size.
        #expect(run.stdout.contains(/ok   soundfont: \S+\.sf2.* \([0-9.]+ MB\)/), "\(run.stdout)")
        #expect(run.stdout.contains(/ok   OpenBLAS: OpenBLAS 0\.\d+\.\d+ .*; \w+ kernels, \d+ threads? \(perform: 1\), \d+ CPUs?/),
                "\(run.stdout)")
        #expect(run.stdout.contains("audio: FluidSynth 2."), "\(run.stdout)")
    }

    /// `--json`: every check with an id, a status and its facts; the summary counts and exit code agree with them.
    @Test func jsonHasEveryCheck() throws {
        let run = try CLI.run(["doctor", "--json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stdout)")
        let checks = try #require(json["checks"] as? [[String: Any]])
        #expect(checks.compactMap { $0["id"] as? String } == Self.ids)
        var counts: [String: Int] = [:]
        for check in checks {
            let status = try #require(check["status"] as? String)
            #expect(["ok", "warn", "fail"].contains(status))
            counts[status, default: 0] += 1
            #expect(!(check["message"] as? String ?? "").isEmpty && check["details"] is [String: Any], "\(check)")
            #expect(check.keys.contains("fix"), "\(check)")
            if status == "fail" { #expect(check["fix"] is String, "\(check)") }
        }
        let summary = try #require(json["summary"] as? [String: Int])
        #expect(summary == ["ok": counts["ok"] ?? 0, "warn": counts["warn"] ?? 0, "fail": counts["fail"] ?? 0])
        #expect(json["exit_code"] as? Int == Int(run.status) && run.status == (counts["fail"] == nil ? 0 : 1))

        func check(_ id: String) throws -> [String: Any] { try #require(checks.first { $0["id"] as? String == id }) }
        func details(_ id: String) throws -> [String: Any] { try #require(try check(id)["details"] as? [String: Any]) }
        if !Self.hasSequencer {
            #expect(try check("alsa-sequencer")["status"] as? String == "fail")
            #expect(try details("alsa-sequencer")["problem"] as? String == "missing")
            #expect((try check("alsa-sequencer")["fix"] as? String ?? "").contains("sudo modprobe snd-seq"))
        }
        let blas = try details("openblas")
        #expect((blas["config"] as? String ?? "").hasPrefix("OpenBLAS "), "\(blas)")
        #expect((blas["threads"] as? Int ?? 0) >= 1 && blas["cpus"] as? Int == ProcessInfo.processInfo.activeProcessorCount)
        #expect(!(blas["core"] as? String ?? "").isEmpty)
        #expect(blas["openblas_coretype"] as? String == ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"])
        let soundfont = try details("soundfont")
        #expect((soundfont["bytes"] as? Int ?? 0) > 1_000_000, "\(soundfont)")
        let audio = try details("audio")
        let offered = try #require(audio["offered"] as? [String])
        #expect(offered.contains("file") && offered.contains("pulseaudio"), "\(offered)")
        #expect(audio["configured"] as? String == "pulseaudio")
        if (audio["working"] as? [String])?.isEmpty == true {
            #expect((try check("audio")["fix"] as? String ?? "").contains("--audio-driver file --audio-file out.wav"))
        }
    }

    /// A named model loads and generates: arch, parameters, vocabulary, val loss and the tokens it sampled.
    /// A file that is not a model, and a path that does not exist, are failures that name the file.
    @Test(.tags(.slow), .timeLimit(.minutes(3))) func checksANamedModel() throws {
        let folder = try TestPaths.temporaryFolder()
        let corpus = folder + "/corpus", out = folder + "/run"
        #expect(try CLI.run(["preprocess", TestPaths.shared("piano/bach"), "-o", corpus]).status == 0)
        let train = try CLI.run(["train", corpus, "-o", out, "--steps", "20", "--eval-batches", "1", "--embed", "16",
                                 "--hidden", "32", "--layers", "1", "--seq-len", "16", "--batch", "4"])
        #expect(train.status == 0, "\(train.stderr)")
        let model = out + "/best.safetensors"

        let run = try CLI.run(["doctor", "--json", "--model", model])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let check = try #require((json["checks"] as? [[String: Any]])?.first { $0["id"] as? String == "model" })
        let details = try #require(check["details"] as? [String: Any])
        #expect(check["status"] as? String == "ok", "\(check)")
        #expect(details["arch"] as? String == "lstm" && details["encoding"] as? String == "performance")
        #expect(details["vocabulary"] as? Int == 390)
        // Embedding 390×16, LSTM 16→32 (4·32·(16+32) weights + 2·4·32 biases), head 32→390 (+ bias).
        #expect(details["parameters"] as? Int == 390 * 16 + 4 * 32 * 48 + 8 * 32 + 390 * 32 + 390, "\(details)")
        #expect((details["val_loss"] as? Double ?? 0) > 0 && details["generated_tokens"] as? Int == 48, "\(details)")

        let text = try CLI.run(["doctor", "--model", model])
        #expect(text.stdout.contains(/ok   model: .*best\.safetensors: lstm, 25,510 parameters, 390 tokens \(performance\), val loss \d+\.\d{3}, step \d+; generated 48 tokens/),
                "\(text.stdout)")

        let notAModel = try CLI.run(["doctor", "--model", TestPaths.fixture])
        #expect(notAModel.status == 1)
        #expect(notAModel.stdout.contains("fail model: \(TestPaths.fixture): "), "\(notAModel.stdout)")
        let missing = try CLI.run(["doctor", "--model", folder + "/nothing.safetensors"])
        #expect(missing.stdout.contains("fail model: \(folder)/nothing.safetensors (from --model) does not exist"), "\(missing.stdout)")
        #expect(missing.status == 1)
    }

    /// The config file is checked as `perform` reads it, and its settings steer the other checks: its soundfont, its
    /// audio driver, its recordings folder. A file that does not load is a failure with the line at fault.
    @Test func checksTheConfigFile() throws {
        let folder = try TestPaths.temporaryFolder()
        let good = folder + "/good.toml"
        try """
            audio-driver = "file"
            record = "\(folder)/recordings"
            soundfont = "\(folder)/missing.sf2"
            """.write(toFile: good, atomically: true, encoding: .utf8)
        let run = try CLI.run(["doctor", "--config", good])
        #expect(run.stdout.contains("ok   config: \(good) loads (3 keys set: audio-driver, record, soundfont)"), "\(run.stdout)")
        #expect(run.stdout.contains("ok   recordings: \(folder)/recordings will be created in \(folder) (writable)"), "\(run.stdout)")
        #expect(run.stdout.contains("ok   audio: FluidSynth 2.") && run.stdout.contains("file (configured) writes a WAV in real time"), "\(run.stdout)")
        #expect(run.stdout.contains("fail soundfont: soundfont \(folder)/missing.sf2 (from the config file) does not exist"),
                "\(run.stdout)")
        #expect(run.status == 1)

        // A recordings folder under a plain file cannot be created.
        try Data().write(to: URL(fileURLWithPath: folder + "/plain"))
        let blocked = folder + "/blocked.toml"
        try "record = \"\(folder)/plain/rec\"\n".write(toFile: blocked, atomically: true, encoding: .utf8)
        let recordings = try CLI.run(["doctor", "--config", blocked])
        #expect(recordings.stdout.contains("fail recordings: cannot record to \(folder)/plain/rec: \(folder)/plain is not a folder\n    fix: "),
                "\(recordings.stdout)")
        #expect(recordings.status == 1)

        let bad = folder + "/bad.toml"
        try "temperature = 0.9\ntop_p = 0.5\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let failing = try CLI.run(["doctor", "--config", bad])
        #expect(failing.stdout.contains("fail config: \(bad):2: unknown key 'top_p' (did you mean 'top-p'?)\n    fix: "),
                "\(failing.stdout)")
        #expect(failing.status == 1)
    }
}

extension ALSAVMTests {
    /// In the ALSA VM, where `/dev/snd/seq` exists, the sequencer check passes and lists Midi Through; nothing else
    /// fails there either, so doctor exits 0. (Part of the serialized VM suite: one VM at a time.)
    @Test func doctorSeesTheSequencer() async throws {
        guard let vm = try await VM.run("\(CLI.binary.path) doctor; echo \"exit $?\"", timeout: 120) else { return }
        #expect(vm.stdout.contains(/ok   ALSA sequencer: \/dev\/snd\/seq opens \(client \d+\); ports to --connect to: .*14:0 Midi Through/),
                "\(vm.stdout)\n\(vm.stderr)")
        #expect(!vm.stdout.contains("\nfail ") && vm.stdout.contains("\nexit 0\n"), "\(vm.stdout)\n\(vm.stderr)")
    }

    /// With a PCM card in the VM (`snd-dummy`, made ALSA's default with `ALSA_CARD`), FluidSynth's alsa driver opens:
    /// with the default pulseaudio doctor warns and says to switch; with `audio-driver = "alsa"` it is ok.
    @Test func doctorFindsAWorkingAudioDriver() async throws {
        let config = Self.shared + "/doctor-alsa.toml"
        try "audio-driver = \"alsa\"\n".write(toFile: config, atomically: true, encoding: .utf8)
        let script = "\(CLI.binary.path) doctor; echo ===; \(CLI.binary.path) doctor --config \(config)"
        guard let vm = try await VM.run(script, timeout: 120, options: ["--modules", "snd-dummy", "--env", "ALSA_CARD=Dummy"])
        else { return }
        let halves = vm.stdout.components(separatedBy: "===\n")
        try #require(halves.count == 2, "\(vm.stdout)\n\(vm.stderr)")
        #expect(halves[0].contains(/warn audio: FluidSynth [\d.]+: pulseaudio \(configured\) does not open \(.*\); alsa opens/),
                "\(halves[0])")
        #expect(halves[0].contains("    fix: use --audio-driver alsa (audio-driver = \"alsa\" in the config)"), "\(halves[0])")
        #expect(halves[1].contains(/ok   audio: FluidSynth [\d.]+: .*alsa \(configured\) opens/), "\(halves[1])")
    }
}
