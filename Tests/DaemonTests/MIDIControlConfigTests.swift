import Foundation
import Daemon
import Generation
import Performance
import Testing

private func load(_ text: String, path: String = "/etc/yamg/yamg.toml") throws(ConfigError) -> PerformConfiguration {
    var configuration = PerformConfiguration()
    try configuration.load(toml: text, path: path)
    return configuration
}

private func error(_ text: String) -> String? {
    do { _ = try load(text); return nil } catch { return error.description }
}

/// The `[controls.midi]` section, `sync` and `reference-bpm`, and MIDI learn's edit of the config file.
@Suite struct MIDIControlConfigTests {
    @Test func theSectionMapsControlsAndActions() throws {
        let configuration = try load("""
            seed = 1 # top-level keys first

            [controls.midi] # the knobs
            temperature = { cc = 74, channel = 1, range = [0.2, 1.5] }
            key = { cc = 75, values = ["C", "G", "Am"] }
            top-k = { cc = 76, range = [0, 40] }
            "paused" = { cc = 64 }
            panic = { cc = 120, range = [0, 127] }
            speed = { cc = 71, curve = "linear" }
            """)
        let map = try #require(configuration.settings.midiControls)
        #expect(configuration.settings.seed == 1)
        #expect(map.mappings.map(\.target.name) == ["temperature", "key", "top-k", "paused", "panic", "speed"])
        let temperature = try #require(map.mapping(of: .control(.temperature)))
        #expect(temperature.cc == 74 && temperature.channel == 1 && temperature.range == 0.2...1.5)
        #expect(map.mapping(of: .control(.key))?.values == ["C", "G", "Am"])
        #expect(map.mapping(of: .action(.paused))?.range == 64...127 && map.mapping(of: .action(.paused))?.channel == nil)
        #expect(map.mapping(of: .control(.speed))?.curve == .linear)
        #expect(configuration.settings.midiControlMap == map)
        #expect(try load("seed = 1").settings.midiControlMap == .standard, "absent: the standard map")
        // --print-config writes it back, and that loads to the same map.
        let printed = configuration.renderTOML()
        #expect(printed.contains("[controls.midi]"))
        let reloaded = try load(printed, path: "/p.toml")
        #expect(reloaded.settings.midiControls == map)
    }

    @Test func badLinesNameTheKeyAndTheLine() {
        let cases: [(String, String)] = [
            ("[controls.midi]\nbpm = { cc = 1 }",
             "/etc/yamg/yamg.toml:2: key 'controls.midi.bpm': not a control or an action; the targets are "),
            ("[controls.midi]\n\ntemprature = { cc = 1 }", "/etc/yamg/yamg.toml:3: key 'controls.midi.temprature': not a control or an action (did you mean 'temperature'?)"),
            ("[controls.midi]\ntemperature = 74", "/etc/yamg/yamg.toml:2: key 'controls.midi.temperature': expected an inline table like { cc = 74, channel = 1 }, got 74"),
            ("[controls.midi]\ntemperature = { cc = 200 }", "/etc/yamg/yamg.toml:2: key 'controls.midi.temperature': cc: 200 is not in [0, 127]"),
            ("[controls.midi]\ntemperature = { channel = 1 }", "/etc/yamg/yamg.toml:2: key 'controls.midi.temperature': missing cc = 0-127"),
            ("[controls.midi]\ntemperature = { cc = 1, channel = 0 }", "/etc/yamg/yamg.toml:2: key 'controls.midi.temperature': channel: 0 is not in [1, 16]"),
            ("[controls.midi]\ntemperature = { cc = 1, range = [0, 2] }", "/etc/yamg/yamg.toml:2: key 'controls.midi.temperature': range: 0 is not in (0, 5]"),
            ("[controls.midi]\ntemperature = { cc = 1, range = [2, 1] }", "/etc/yamg/yamg.toml:2: key 'controls.midi.temperature': range: [2, 1] runs downwards"),
            ("[controls.midi]\nkey = { cc = 1, values = [\"C\", \"H\"] }", "/etc/yamg/yamg.toml:2: key 'controls.midi.key': values: \"H\" is not a key (C, F#, Bb, Am, Ebm, …), auto or off"),
            ("[controls.midi]\nkey = { cc = 1, range = [0, 1] }", "/etc/yamg/yamg.toml:2: key 'controls.midi.key': range is for number controls; 'key' takes values = [\"…\", …]"),
            ("[controls.midi]\npanic = { cc = 1, range = [0, 200] }", "/etc/yamg/yamg.toml:2: key 'controls.midi.panic': range: 200 is not a CC value 0-127"),
            ("[controls.midi]\nspeed = { cc = 1, curve = \"cubic\" }", "/etc/yamg/yamg.toml:2: key 'controls.midi.speed': curve: must be one of linear, log, got \"cubic\""),
            ("[controls.midi]\nspeed = { cc = 1, knob = 3 }", "/etc/yamg/yamg.toml:2: key 'controls.midi.speed': unknown field 'knob'; the fields are cc, channel, range, values, curve"),
            ("[controls]\nmidi = 1", "/etc/yamg/yamg.toml:1: 'controls' is a table;"),
            ("[controls.other]\nx = 1", "/etc/yamg/yamg.toml:1: 'controls' is a table;"),
            ("sync = \"ntp\"", "/etc/yamg/yamg.toml:1: key 'sync': must be one of none, midi-clock, got \"ntp\""),
            ("reference-bpm = 0", "/etc/yamg/yamg.toml:1: key 'reference-bpm': 0 is not in [10, 1000]"),
        ]
        for (text, expected) in cases {
            let message = error(text)
            #expect(message?.hasPrefix(expected) == true, "\(text): \(message ?? "loaded")")
            #expect(message?.contains("\n") == false)
        }
        #expect(cases.count == 17)
    }

    @Test func syncAndReferenceBPM() throws {
        let settings = try load("sync = \"midi-clock\"\nreference-bpm = 90").settings
        #expect(settings.sync == .midiClock && settings.referenceBPM == 90)
        #expect(PerformSettings().sync == TempoSync.none && PerformSettings().referenceBPM == 120)
    }

    @Test func learnReplacesOrInsertsOneLineAndKeepsTheRest() throws {
        let folder = NSTemporaryDirectory() + "yamg-learn-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/yamg.toml"

        // No file: it is made, with the section.
        var written = try MIDILearn.write(.control(.temperature), cc: 74, channel: 2, to: path)
        #expect(written.created && written.line == "temperature = { cc = 74, channel = 2 }")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "[controls.midi]\ntemperature = { cc = 74, channel = 2 }\n")

        // A file with comments and no section: the section goes at the end, every other line stays.
        let original = """
            # my yamg
            seed = 5  # keep this
            # the end

            """
        try original.write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o640)
        written = try MIDILearn.write(.action(.panic), cc: 120, channel: nil, to: path)
        var text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text == original + "\n[controls.midi]\npanic = { cc = 120 }\n")
        var info = stat()
        stat(path, &info)
        #expect(info.st_mode & 0o777 == 0o640, "the file's mode is kept")

        // The section exists: a new target is inserted after its last line; an existing one is replaced in place,
        // keeping its range; comments in the section stay.
        try (original + "\n[controls.midi]  # knobs\n# temperature on the big knob\ntemperature = { cc = 1, range = [0.5, 1.5] }  # old\nspeed = { cc = 2 }\n\n# trailing\n")
            .write(toFile: path, atomically: true, encoding: .utf8)
        written = try MIDILearn.write(.control(.temperature), cc: 74, channel: 1, to: path)
        #expect(written.line == "temperature = { cc = 74, channel = 1, range = [0.5, 1.5] }")
        _ = try MIDILearn.write(.control(.topP), cc: 75, channel: nil, to: path)
        text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text == original + "\n[controls.midi]  # knobs\n# temperature on the big knob\n"
                + "temperature = { cc = 74, channel = 1, range = [0.5, 1.5] }\nspeed = { cc = 2 }\ntop-p = { cc = 75 }\n\n# trailing\n")
        // What was written loads.
        var configuration = PerformConfiguration()
        try configuration.load(file: path)
        #expect(configuration.settings.seed == 5)
        #expect(configuration.settings.midiControls?.mapping(of: .control(.temperature))?.cc == 74)
        #expect(configuration.settings.midiControls?.mapping(of: .control(.topP))?.cc == 75)
        #expect(!FileManager.default.fileExists(atPath: path + ".tmp-\(getpid())"), "no temporary left")

        // A file that does not load is left alone, with its error.
        try "seed = \"x\"\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: ConfigError.self) { try MIDILearn.write(.control(.speed), cc: 3, channel: nil, to: path) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "seed = \"x\"\n")
    }
}
