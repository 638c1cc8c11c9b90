import Foundation
import Logging
import Testing
import Daemon

/// A fresh folder per test, removed at the end.
private final class Scratch {
    let folder: String

    init() {
        folder = NSTemporaryDirectory() + "yamg-config-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    /// Writes `text` to `name` (folders created) and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) -> String {
        let path = folder + "/" + name
        try! FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                 withIntermediateDirectories: true)
        try! text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}

/// The one-line message `body` fails with.
private func failure(_ body: () throws -> Void) -> String? {
    do {
        try body()
        return nil
    } catch let error as ConfigError {
        return error.description
    } catch {
        return "not a ConfigError: \(error)"
    }
}

private func loading(_ text: String, path: String = "/etc/yamg/yamg.toml") -> String? {
    failure {
        var configuration = PerformConfiguration()
        try configuration.load(toml: text, path: path)
    }
}

private func flagging(_ flags: FlagValue...) -> String? {
    failure {
        var configuration = PerformConfiguration()
        try configuration.apply(flags: flags)
    }
}

@Suite("PerformSettings")
struct PerformSettingsTests {
    @Test func defaults() {
        let settings = PerformConfiguration().settings
        #expect(settings == PerformSettings())
        #expect(settings.model == nil && !settings.alsa && !settings.fluidsynth && settings.connect.isEmpty)
        #expect(settings.audioDriver == .pulseaudio && settings.audioFile == "yamg.wav" && settings.soundfont == nil)
        #expect(settings.program == 0 && settings.gain == 0.5 && settings.record == nil && !settings.noRecord)
        #expect(settings.rotateMinutes == 60 && settings.seconds == nil && settings.lookahead == 1 && settings.controls.speed == 1)
        #expect(settings.controls.temperature == 1 && settings.controls.topK == 0 && settings.controls.topP == 1 && settings.seed == nil)
        #expect(settings.maxPolyphony == 24 && settings.maxNoteLength == 4 && settings.controls.pause == 2)
        #expect(settings.logLevel == .info && settings.threads == 1)
        #expect(PerformKey.allCases.allSatisfy { PerformConfiguration().origin(of: $0) == .default })
    }

    @Test func everyKeyHasOneLineOfHelp() {
        for key in PerformKey.allCases {
            #expect(!key.help.isEmpty && !key.help.contains("\n"), "\(key)")
            #expect(key.help.count <= 120, "\(key): \(key.help.count) characters")
        }
        #expect(PerformKey.control(.topP).flagSpelling == "--top-p" && PerformKey.setting(.model).flagSpelling == "MODEL")
        #expect(PerformSettings.defaultText(of: .setting(.gain)) == "0.5")
        #expect(PerformSettings.defaultText(of: .setting(.audioDriver)) == "pulseaudio")
        #expect(PerformSettings.defaultText(of: .setting(.seed)) == "not set")
    }

    @Test func aFileSetsEveryKindOfValue() throws {
        var configuration = PerformConfiguration()
        try configuration.load(toml: """
            # a comment
            model = "/m/best.safetensors"
            alsa = true
            connect = ["FLUID Synth:0", "128:0"]
            audio-driver = "jack"
            gain = 1          # an integer where a number is wanted
            top-p = 0.95
            seed = 7
            log-level = "debug"
            seconds = 30.5
            """, path: "/etc/yamg/yamg.toml")
        let settings = configuration.settings
        #expect(settings.model == "/m/best.safetensors" && settings.alsa)
        #expect(settings.connect == ["FLUID Synth:0", "128:0"] && settings.audioDriver == .jack)
        #expect(settings.gain == 1 && settings.controls.topP == 0.95 && settings.seed == 7)
        #expect(settings.logLevel == .debug && settings.seconds == 30.5)
        #expect(configuration.origin(of: .setting(.alsa)) == .file(path: "/etc/yamg/yamg.toml", line: 3))
        #expect(configuration.origin(of: .setting(.seconds)) == .file(path: "/etc/yamg/yamg.toml", line: 10))
        #expect(configuration.origin(of: .setting(.program)) == .default)
        #expect(configuration.configFile == "/etc/yamg/yamg.toml")
    }

    @Test func unknownKeysNameTheLineAndTheNearestKey() {
        #expect(loading("gain = 0.5\n\n# tuning\n\n\n\ntempreature = 0.9\n")
            == "/etc/yamg/yamg.toml:7: unknown key 'tempreature' (did you mean 'temperature'?)")
        #expect(loading("top_p = 0.9") == "/etc/yamg/yamg.toml:1: unknown key 'top_p' (did you mean 'top-p'?)")
        #expect(loading("alsa = true\nmaxpolyphony = 3") == "/etc/yamg/yamg.toml:2: unknown key 'maxpolyphony' (did you mean 'max-polyphony'?)")
        #expect(loading("Seed = 1") == "/etc/yamg/yamg.toml:1: unknown key 'Seed' (did you mean 'seed'?)")
        #expect(loading("volume = 3") == "/etc/yamg/yamg.toml:1: unknown key 'volume'")
        #expect(loading("\"my key\" = 3") == "/etc/yamg/yamg.toml:1: unknown key 'my key'")
    }

    @Test func wrongTypes() {
        #expect(loading("gain = 0.5\nalsa = \"yes\"") == "/etc/yamg/yamg.toml:2: key 'alsa': expected true or false, got \"yes\"")
        #expect(loading("program = 1.5") == "/etc/yamg/yamg.toml:1: key 'program': expected an integer, got 1.5")
        #expect(loading("temperature = \"hot\"") == "/etc/yamg/yamg.toml:1: key 'temperature': expected a number, got \"hot\"")
        #expect(loading("model = 3") == "/etc/yamg/yamg.toml:1: key 'model': expected a string, got 3")
        #expect(loading("model = \"\"") == "/etc/yamg/yamg.toml:1: key 'model': must not be empty")
        #expect(loading("connect = [1, 2]") == "/etc/yamg/yamg.toml:1: key 'connect': expected an array of strings, got [1, 2]")
        #expect(loading("seconds = 1979-05-27") == "/etc/yamg/yamg.toml:1: key 'seconds': expected a number, got a date")
        #expect(loading("gain = { left = 1 }") == "/etc/yamg/yamg.toml:1: key 'gain': expected a number, got a table")
        #expect(loading("seed = -1") == "/etc/yamg/yamg.toml:1: key 'seed': must be 0 or more, got -1")
        #expect(loading("gain = nan") == "/etc/yamg/yamg.toml:1: key 'gain': expected a number, got nan")
        #expect(loading("connect = \"FLUID:x\"")
            == "/etc/yamg/yamg.toml:1: key 'connect': expected client:port (a port number) or a client name, got \"FLUID:x\"")
    }

    @Test func outOfRange() {
        #expect(loading("gain = 0.5\n\ntop-p = 1.5") == "/etc/yamg/yamg.toml:3: key 'top-p': 1.5 is not in (0, 1]")
        #expect(loading("top-p = 0") == "/etc/yamg/yamg.toml:1: key 'top-p': 0 is not in (0, 1]")
        #expect(loading("program = 128") == "/etc/yamg/yamg.toml:1: key 'program': 128 is not in [0, 127]")
        #expect(loading("gain = 10.5") == "/etc/yamg/yamg.toml:1: key 'gain': 10.5 is not in [0, 10]")
        #expect(loading("lookahead = 0.01") == "/etc/yamg/yamg.toml:1: key 'lookahead': 0.01 is not in [0.05, 10]")
        #expect(loading("speed = 20") == "/etc/yamg/yamg.toml:1: key 'speed': 20 is not in [0.1, 10]")
        #expect(loading("temperature = 0") == "/etc/yamg/yamg.toml:1: key 'temperature': 0 is not in (0, 5]")
        #expect(loading("seconds = -3") == "/etc/yamg/yamg.toml:1: key 'seconds': -3 is not in (0, ∞)")
        #expect(loading("rotate-minutes = -1") == "/etc/yamg/yamg.toml:1: key 'rotate-minutes': -1 is not in [0, ∞)")
        #expect(loading("top-k = -1") == "/etc/yamg/yamg.toml:1: key 'top-k': -1 is not in [0, ∞)")
        #expect(loading("max-polyphony = 0") == "/etc/yamg/yamg.toml:1: key 'max-polyphony': 0 is not in [1, ∞)")
        #expect(loading("threads = 0") == "/etc/yamg/yamg.toml:1: key 'threads': 0 is not in [1, ∞)")
        #expect(loading("audio-driver = \"oss\"")
            == "/etc/yamg/yamg.toml:1: key 'audio-driver': must be one of pulseaudio, pipewire, alsa, jack, file, got \"oss\"")
        #expect(loading("log-level = \"verbose\"")
            == "/etc/yamg/yamg.toml:1: key 'log-level': must be one of trace, debug, info, notice, warning, error, critical, got \"verbose\"")
    }

    @Test func syntaxErrorsCarryLineAndColumn() throws {
        let message = try #require(loading("gain = 0.5\ntop-p = \n"))
        #expect(message.hasPrefix("/etc/yamg/yamg.toml:2:"), "\(message)")
        #expect(message.contains("TOML syntax error") && !message.contains("\n"), "\(message)")
        let unterminated = try #require(loading("alsa = true\n\nmodel = \"x\n"))
        #expect(unterminated.hasPrefix("/etc/yamg/yamg.toml:3:"), "\(unterminated)")
        let duplicate = try #require(loading("gain = 1\ngain = 2\n"))
        #expect(duplicate.hasPrefix("/etc/yamg/yamg.toml:2:"), "\(duplicate)")
    }

    @Test func tablesAreRejected() {
        #expect(loading("gain = 1\n[perform]\ntop-p = 0.5")
            == "/etc/yamg/yamg.toml:2: 'perform' is a table; yamg perform's settings are top-level 'key = value' lines, without [sections] or dotted keys (the one section is [controls.midi], after them)")
        #expect(loading("fluid.gain = 1")?.hasPrefix("/etc/yamg/yamg.toml:1: 'fluid' is a table;") == true)
        #expect(loading("\n[[sessions]]\nx = 1")?.hasPrefix("/etc/yamg/yamg.toml:2: 'sessions' is a table;") == true)
    }

    /// Key lines are found past multi-line strings and arrays, comments, quoted keys and CRLF line ends.
    @Test func keyLinesSurviveTrickyLayouts() throws {
        let text = """
            connect = [
              "a:0",   # first
              "b",
            ]
            soundfont = '''
            not = a key'''
            "top-p" = 0.5
            'gain' = 0.7
            model = \"\"\"
            /m/x.safetensors\"\"\"
            log-level = "info" # [not a table]
            program = 128
            """
        #expect(loading(text) == "/etc/yamg/yamg.toml:12: key 'program': 128 is not in [0, 127]")
        var configuration = PerformConfiguration()
        try configuration.load(toml: String(text.dropLast(14)), path: "/c.toml")
        #expect(configuration.settings.connect == ["a:0", "b"])
        #expect(configuration.settings.soundfont == "/not = a key")
        #expect(configuration.settings.controls.topP == 0.5 && configuration.settings.gain == 0.7)
        #expect(configuration.origin(of: .setting(.gain)) == .file(path: "/c.toml", line: 8))
        #expect(configuration.origin(of: .setting(.logLevel)) == .file(path: "/c.toml", line: 11))
        #expect(loading("alsa = true\r\n\r\nspeed = 0\r\n") == "/etc/yamg/yamg.toml:3: key 'speed': 0 is not in [0.1, 10]")
    }

    @Test func badFlags() {
        #expect(flagging(FlagValue(.control(.topP), "1.5")) == "--top-p: 1.5 is not in (0, 1]")
        #expect(flagging(FlagValue(.setting(.program), "abc")) == "--program: expected an integer, got \"abc\"")
        #expect(flagging(FlagValue(.setting(.gain), "loud")) == "--gain: expected a number, got \"loud\"")
        #expect(flagging(FlagValue(.setting(.gain), "inf")) == "--gain: expected a number, got \"inf\"")
        #expect(flagging(FlagValue(.setting(.alsa), "yes")) == "--alsa: expected true or false, got \"yes\"")
        #expect(flagging(FlagValue(.setting(.audioDriver), "oss"))
            == "--audio-driver: must be one of pulseaudio, pipewire, alsa, jack, file, got \"oss\"")
        #expect(flagging(FlagValue(.setting(.seed), "-4")) == "--seed: expected an integer from 0 to 18446744073709551615, got \"-4\"")
        #expect(flagging(FlagValue(.setting(.connect), "a:0"), FlagValue(.setting(.connect), ":1")) == "--connect: expected client:port (a port number) or a client name, got \":1\"")
        #expect(flagging(FlagValue(.setting(.model), "")) == "MODEL: must not be empty")
    }

    @Test func flagsWinOverTheFile() throws {
        let scratch = Scratch()
        let file = scratch.write("yamg.toml", "gain = 0.8\ntop-p = 0.9\nconnect = [\"a:0\"]\nalsa = true\n")
        let configuration = try PerformConfiguration.resolve(
            configFlag: file,
            flags: [FlagValue(.setting(.gain), "0.3"), FlagValue(.setting(.connect), "b"), FlagValue(.setting(.connect), "c:1"), FlagValue(.setting(.model), "m.st")],
            environment: [:], systemConfigPath: scratch.folder + "/none.toml", workingDirectory: "/w")
        let settings = configuration.settings
        #expect(settings.gain == 0.3 && settings.controls.topP == 0.9 && settings.alsa)
        #expect(settings.connect == ["b", "c:1"] && settings.model == "/w/m.st")
        #expect(configuration.origin(of: .setting(.gain)) == .flag("--gain"))
        #expect(configuration.origin(of: .setting(.connect)) == .flag("--connect"))
        #expect(configuration.origin(of: .setting(.model)) == .flag("MODEL"))
        #expect(configuration.origin(of: .control(.topP)) == .file(path: file, line: 2))
        #expect(try configuration.requireModel() == "/w/m.st")
    }

    @Test func missingConfigFileAndModel() throws {
        let scratch = Scratch()
        #expect(failure { _ = try PerformConfiguration.resolve(configFlag: "/nonexistent/yamg.toml", flags: [], environment: [:]) }
            == "--config /nonexistent/yamg.toml: no such file")
        let none = try PerformConfiguration.resolve(configFlag: nil, flags: [], environment: ["HOME": scratch.folder],
                                                    systemConfigPath: scratch.folder + "/etc/yamg.toml")
        var defaults = PerformSettings()
        defaults.audioFile = FileManager.default.currentDirectoryPath + "/yamg.wav"
        #expect(none.configFile == nil && none.settings == defaults)
        #expect(failure { _ = try none.requireModel() }?.hasPrefix("no model: pass MODEL") == true)
        let folder = scratch.folder + "/folder.toml"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        #expect(failure { _ = try PerformConfiguration.resolve(configFlag: folder, flags: [], environment: [:]) }?
            .hasPrefix("\(folder): cannot read the config file:") == true)
    }

    @Test func searchOrder() throws {
        let scratch = Scratch()
        let system = scratch.folder + "/etc/yamg/yamg.toml"
        let xdg = scratch.folder + "/xdg/yamg/yamg.toml"
        let home = scratch.folder + "/home/.config/yamg/yamg.toml"
        let environment = ["XDG_CONFIG_HOME": scratch.folder + "/xdg", "HOME": scratch.folder + "/home"]
        func found(_ environment: [String: String]) throws -> String? {
            try ConfigFileSearch.locate(explicit: nil, environment: environment, systemPath: system)
        }
        #expect(ConfigFileSearch.candidates(environment: environment, systemPath: system) == [xdg, system])
        #expect(ConfigFileSearch.candidates(environment: ["HOME": "/h"], systemPath: system) == ["/h/.config/yamg/yamg.toml", system])
        #expect(ConfigFileSearch.candidates(environment: ["XDG_CONFIG_HOME": "rel", "HOME": "/h"], systemPath: system)
            == ["/h/.config/yamg/yamg.toml", system])
        #expect(try found(environment) == nil)
        scratch.write("etc/yamg/yamg.toml", "gain = 0.1\n")
        #expect(try found(environment) == system)
        scratch.write("home/.config/yamg/yamg.toml", "gain = 0.2\n")
        #expect(try found(environment) == system)  // $XDG_CONFIG_HOME is set: ~/.config is not looked at
        #expect(try found(["HOME": scratch.folder + "/home"]) == home)
        scratch.write("xdg/yamg/yamg.toml", "gain = 0.3\n")
        #expect(try found(environment) == xdg)
        #expect(try ConfigFileSearch.locate(explicit: system, environment: environment, systemPath: system) == system)
        let resolved = try PerformConfiguration.resolve(configFlag: nil, flags: [], environment: environment,
                                                        systemConfigPath: system)
        #expect(resolved.settings.gain == 0.3 && resolved.configFile == xdg)
    }

    @Test func relativePathsInAFileAreRelativeToIt() throws {
        let scratch = Scratch()
        let file = scratch.write("conf/yamg.toml", "model = \"models/m.safetensors\"\nsoundfont = \"/abs.sf2\"\nrecord = \"~/rec\"\naudio-file = \"out.wav\"\n")
        var configuration = PerformConfiguration()
        try configuration.load(file: file)
        #expect(configuration.settings.model == scratch.folder + "/conf/models/m.safetensors")
        #expect(configuration.settings.soundfont == "/abs.sf2" && configuration.settings.record == "~/rec")
        #expect(configuration.settings.audioFile == scratch.folder + "/conf/out.wav")
        try configuration.apply(flags: [FlagValue(.setting(.model), "here.safetensors")], workingDirectory: "/work")
        #expect(configuration.settings.model == "/work/here.safetensors")  // a flag's path: the shell's folder
        let resolved = try PerformConfiguration.resolve(configFlag: nil, flags: [], environment: [:],
                                                        systemConfigPath: "/nonexistent", workingDirectory: "/w/")
        #expect(resolved.settings.audioFile == "/w/yamg.wav" && resolved.settings.model == nil)
    }

    @Test func sessionsDirectory() {
        var settings = PerformSettings()
        #expect(settings.sessionsDirectory(environment: ["HOME": "/home/u"]) == "/home/u/.local/state/yamg/sessions")
        #expect(settings.sessionsDirectory(environment: ["HOME": "/home/u", "XDG_STATE_HOME": "/x/state"]) == "/x/state/yamg/sessions")
        #expect(settings.sessionsDirectory(environment: ["HOME": "/home/u", "XDG_STATE_HOME": "rel"]) == "/home/u/.local/state/yamg/sessions")
        #expect(settings.sessionsDirectory(environment: ["STATE_DIRECTORY": "/var/lib/yamg:/var/lib/other", "XDG_STATE_HOME": "/x"])
            == "/var/lib/yamg/sessions")
        settings.record = "~/music/sessions"
        #expect(settings.sessionsDirectory(environment: ["HOME": "/home/u", "STATE_DIRECTORY": "/var/lib/yamg"]) == "/home/u/music/sessions")
        settings.record = "/srv/rec"
        #expect(settings.sessionsDirectory(environment: [:]) == "/srv/rec")
        settings.noRecord = true
        #expect(settings.sessionsDirectory(environment: [:]) == nil)
    }

    @Test func printConfigLoadsBackToTheSameSettings() throws {
        let scratch = Scratch()
        let file = scratch.write("in.toml", "gain = 0.25\nconnect = [\"FLUID Synth:0\"]\nseed = \"18446744073709551615\"\n")
        var configuration = try PerformConfiguration.resolve(configFlag: file, flags: [
            FlagValue(.setting(.model), "/models/a \"quoted\" \\ path ünï.safetensors"), FlagValue(.setting(.alsa), "true"),
            FlagValue(.setting(.fluidsynth), "true"), FlagValue(.setting(.audioDriver), "file"), FlagValue(.setting(.audioFile), "/tmp/o\tut.wav"),
            FlagValue(.setting(.soundfont), "/sf/x.sf2"), FlagValue(.setting(.program), "19"), FlagValue(.setting(.record), "/rec"),
            FlagValue(.setting(.noRecord), "true"), FlagValue(.setting(.rotateMinutes), "0"), FlagValue(.setting(.seconds), "1e-05"),
            FlagValue(.setting(.lookahead), "0.05"), FlagValue(.control(.speed), "0.1"), FlagValue(.control(.temperature), "4.999999999999999"),
            FlagValue(.control(.topK), "40"), FlagValue(.control(.topP), "0.9"), FlagValue(.setting(.maxPolyphony), "3"),
            FlagValue(.setting(.maxNoteLength), "0.3333333333333333"), FlagValue(.control(.pause), "0"), FlagValue(.setting(.logLevel), "trace"),
            FlagValue(.setting(.threads), "2"),
        ], environment: [:])
        #expect(configuration.settings.seed == UInt64.max)
        let text = configuration.renderTOML()
        #expect(text.contains("gain = 0.25  # \(file):1\n"), "\(text)")
        #expect(text.contains("top-k = 40  # --top-k\n") && text.contains("model = \"/models/a \\\"quoted\\\" \\\\ path ünï.safetensors\"  # MODEL\n"))
        #expect(text.contains("seed = \"18446744073709551615\"  # \(file):3\n"))
        let printed = scratch.write("printed.toml", text)
        var reloaded = PerformConfiguration()
        try reloaded.load(file: printed)
        #expect(reloaded.settings == configuration.settings)

        // Defaults, with their unset keys as comments, round-trip too; a small seed is a TOML integer.
        configuration = try PerformConfiguration.resolve(configFlag: nil, flags: [FlagValue(.setting(.seed), "42")], environment: [:],
                                                         systemConfigPath: "/nonexistent", workingDirectory: "/w")
        let defaults = configuration.renderTOML()
        #expect(defaults.contains("# soundfont: not set  # default\n") && defaults.contains("gain = 0.5  # default\n"))
        #expect(defaults.contains("seed = 42  # --seed\n") && defaults.contains("connect = []  # default\n"))
        reloaded = PerformConfiguration()
        try reloaded.load(toml: defaults, path: "/p.toml")
        #expect(reloaded.settings == configuration.settings)
    }

    /// `systemd/yamg.toml.example` is written from the key table; every commented key line loads when uncommented.
    @Test func exampleConfigIsCurrentAndLoads() throws {
        let path = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("systemd/yamg.toml.example").path
        let expected = PerformConfiguration.exampleTOML()
        let text = try String(contentsOfFile: path, encoding: .utf8)
        // The comparison comes first, so the test fails whenever the committed file was stale; only then may it be
        // rewritten (YAMG_WRITE_EXAMPLE_CONFIG=1), for the next run to pass.
        #expect(text == expected, "systemd/yamg.toml.example is stale: rerun this test with YAMG_WRITE_EXAMPLE_CONFIG=1")
        if text != expected && ProcessInfo.processInfo.environment["YAMG_WRITE_EXAMPLE_CONFIG"] == "1" {
            try expected.write(toFile: path, atomically: true, encoding: .utf8)
        }
        for key in PerformKey.allCases {
            #expect(text.contains("\n# \(key.help)\n"), "\(key)")
        }
        let uncommented = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasPrefix("#") && !line.hasPrefix("# ") && line != "#" ? String(line.dropFirst()) : String(line)
        }.joined(separator: "\n")
        var configuration = PerformConfiguration()
        try configuration.load(toml: uncommented, path: "/example.toml")
        #expect(configuration.origins.count == PerformKey.allCases.count)
        #expect(configuration.settings.seed == 42 && configuration.settings.connect == ["FLUID Synth", "128:0"])
    }

    @Test func everyErrorIsOneLine() {
        let errors: [ConfigError] = [
            .invalidValue(origin: .file(path: "/f", line: 2), key: .setting(.gain), reason: "r"),
            .invalidValue(origin: .flag("--gain"), key: .setting(.gain), reason: "r"),
            .unknownKey(path: "/f", line: 1, key: "k", suggestion: nil), .table(path: "/f", line: 1, name: "t"),
            .syntax(path: "/f", line: 1, column: 2, message: "m"), .missingConfigFile(path: "/f"),
            .unreadableConfigFile(path: "/f", reason: "r"), .missingModel(configFile: nil), .missingModel(configFile: "/f"),
        ]
        for error in errors { #expect(!error.description.contains("\n"), "\(error)") }
    }

    @Test func nearestKey() {
        #expect(PerformKey.nearest(to: "tempreature") == .control(.temperature))
        #expect(PerformKey.nearest(to: "TOP_K") == .control(.topK))
        #expect(PerformKey.nearest(to: "soundfnt") == .setting(.soundfont))
        #expect(PerformKey.nearest(to: "rotate") == nil)
        #expect(PerformKey.nearest(to: "xyz") == nil)
        #expect(PerformKey.editDistance("ab", "ba") == 1 && PerformKey.editDistance("", "abc") == 3)
    }
}
