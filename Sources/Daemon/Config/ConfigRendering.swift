import Generation
import Performance

extension PerformSettings {
    /// The TOML spelling of `key`'s value (`0.5`, `"pulseaudio"`, `["128:0"]`), or nil when it is not set.
    /// A seed above TOML's largest integer (2^63 - 1) is written as a string of digits, which reads back the same.
    public func tomlValue(of key: PerformKey) -> String? {
        switch key {
        case .control(let control):
            switch control.spec.kind {
            case .integer: controls.text(control)
            case .number: TOMLText.number(controls.number(control))
            case .choice, .key, .pitchRange: TOMLText.quoted(controls.text(control))
            }
        case .setting(let setting): tomlValue(of: setting)
        }
    }

    private func tomlValue(of key: SettingKey) -> String? {
        switch key {
        case .model: model.map(TOMLText.quoted)
        case .alsa: String(alsa)
        case .connect: "[" + connect.map(TOMLText.quoted).joined(separator: ", ") + "]"
        case .listen: "[" + listen.map(TOMLText.quoted).joined(separator: ", ") + "]"
        case .thru: String(thru)
        case .fluidsynth: String(fluidsynth)
        case .audioDriver: TOMLText.quoted(audioDriver.rawValue)
        case .audioFile: TOMLText.quoted(audioFile)
        case .soundfont: soundfont.map(TOMLText.quoted)
        case .program: program.description
        case .gain: TOMLText.number(gain)
        case .record: record.map(TOMLText.quoted)
        case .noRecord: String(noRecord)
        case .rotateMinutes: TOMLText.number(rotateMinutes)
        case .seconds: seconds.map(TOMLText.number)
        case .lookahead: TOMLText.number(lookahead)
        case .seed: seed.map { $0 <= UInt64(Int64.max) ? String($0) : TOMLText.quoted(String($0)) }
        case .maxPolyphony: String(maxPolyphony)
        case .maxNoteLength: TOMLText.number(maxNoteLength)
        case .logLevel: TOMLText.quoted(logLevel.rawValue)
        case .threads: String(threads)
        case .http: http.map(TOMLText.quoted)
        case .httpToken: httpToken.map(TOMLText.quoted)
        case .httpHosts: "[" + httpHosts.map(TOMLText.quoted).joined(separator: ", ") + "]"
        case .models: models.map(TOMLText.quoted)
        case .sync: TOMLText.quoted(sync.rawValue)
        case .referenceBPM: TOMLText.number(referenceBPM)
        }
    }

    /// The default of `key` for flag help: "0.5", "pulseaudio", "none" (an empty list), "not set".
    public static func defaultText(of key: PerformKey) -> String {
        let defaults = PerformSettings()
        if key == .setting(.connect) || key == .setting(.listen) || key == .setting(.httpHosts) { return "none" }
        guard let value = defaults.tomlValue(of: key) else { return "not set" }
        return value.hasPrefix("\"") ? String(value.dropFirst().dropLast()) : value
    }
}

extension PerformConfiguration {
    /// `--print-config`: the effective settings as a TOML document that `--config` loads back to the same settings,
    /// one line per key with a comment saying where its value came from. Unset keys appear as comments.
    public func renderTOML() -> String {
        var lines = [
            "# yamg perform: the settings in effect (yamg perform --print-config).",
            "# Each value's comment says where it came from: default, FILE:LINE, or a flag.",
            "# Run with exactly these settings: save this and pass it with --config FILE.",
            "",
        ]
        for key in PerformKey.allCases {
            if let value = settings.tomlValue(of: key) {
                lines.append("\(key) = \(value)  # \(origin(of: key))")
            } else {
                lines.append("# \(key): not set  # \(origin(of: key))")
            }
        }
        lines.append("")
        if let map = settings.midiControls {
            lines.append("\(MIDIControlSection.header)  # \(configFile ?? "?")")
            lines += map.mappings.map(MIDILearn.line)
        } else {
            lines.append("# \(MIDIControlSection.header): not set; the standard map applies  # default")
            lines += MIDIControlMap.standard.mappings.map { "#" + MIDILearn.line($0) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The example config (`systemd/yamg.toml.example`): every key commented out at its default, under its help.
    /// Keys without a default show an example value instead.
    public static func exampleTOML() -> String {
        var lines = [
            "# yamg.toml: settings of `yamg perform` (the daemon that plays a model endlessly).",
            "#",
            "# yamg perform reads --config FILE, else the first that exists of $XDG_CONFIG_HOME/yamg/yamg.toml",
            "# (~/.config/yamg/yamg.toml) and /etc/yamg/yamg.toml. Keys are named like the command's flags, and a",
            "# flag wins over this file. Top-level `key = value` lines, then the one section, [controls.midi], at the",
            "# end. A relative path is taken relative to this file's folder. `yamg perform --print-config` shows the",
            "# settings in effect and where each one came from.",
            "#",
            "# Every key below is commented out at its default: uncomment the ones you change.",
        ]
        let defaults = PerformSettings()
        for key in PerformKey.allCases {
            if key == .control(ControlKey.allCases[0]) {
                lines += ["", "# Live controls: they may change while yamg plays. Edit them here and send SIGUSR1",
                          "# (systemctl reload yamg) to apply them at once; the other keys apply at the next start."]
            }
            lines.append("")
            lines.append("# \(key.help)")
            if let value = defaults.tomlValue(of: key), ![.setting(.connect), .setting(.listen), .setting(.audioFile), .setting(.httpHosts)].contains(key) {
                lines.append("#\(key) = \(value)")
            } else {
                lines.append("# Default: \(defaultText(of: key)). For example:")
                lines.append("#\(key) = \(example(of: key))")
            }
        }
        lines += ["", "# A MIDI controller's knobs and buttons (CC on the input port): one line per control or action",
                  "# (paused, pause-toggle, resume, panic, next), each { cc = 0-127, channel = 1-16 (absent: any),",
                  "# range = [value at CC 0, value at CC 127] or values = [\"…\", …] (spread over 0-127),",
                  "# curve = \"linear\" or \"log\" }; an action's range is the CC values that press it (default [64, 127]).",
                  "# `yamg perform --learn NAME` writes a line here from the knob you move. Without this section",
                  "# the standard map below applies; with it, only the lines it holds.",
                  "#[controls.midi]"]
        lines += MIDIControlMap.standard.mappings.map { "#" + MIDILearn.line($0) }
        lines.append("#top-p = { cc = 72, channel = 1, range = [0.5, 1] }")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func example(of key: PerformKey) -> String {
        switch key {
        case .setting(.model): TOMLText.quoted("/usr/local/share/yamg/models/default.safetensors")
        case .setting(.connect): "[\"FLUID Synth\", \"128:0\"]"
        case .setting(.listen): "[\"USB MIDI Keyboard\", \"20:0\"]"
        case .setting(.soundfont): TOMLText.quoted("/usr/share/sounds/sf2/FluidR3_GM.sf2")
        case .setting(.record): TOMLText.quoted("/var/lib/yamg/sessions")
        case .setting(.audioFile): TOMLText.quoted("/var/lib/yamg/yamg.wav")
        case .setting(.seconds): "3600"
        case .setting(.seed): "42"
        case .setting(.http): TOMLText.quoted("127.0.0.1:8340")
        case .setting(.httpToken): TOMLText.quoted("a-secret-of-32-or-more-characters-from-openssl-rand-hex-32")
        case .setting(.httpHosts): "[\"yamg.local\"]"
        case .setting(.models): TOMLText.quoted("/var/lib/yamg/models")
        default: PerformSettings().tomlValue(of: key) ?? ""
        }
    }

    private static func defaultText(of key: PerformKey) -> String {
        switch key {
        case .setting(.model): "none; required, here or as MODEL on the command line"
        case .setting(.audioFile): "yamg.wav in the folder yamg perform starts in"
        case .setting(.http): "not set (no control room)"
        case .setting(.httpToken): "not set (a random token per start, written for yamg ctl)"
        default: PerformSettings.defaultText(of: key)
        }
    }
}
