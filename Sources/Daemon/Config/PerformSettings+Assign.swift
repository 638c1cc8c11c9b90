import ControlRoom
import Generation
import Logging
import MIDIFile

extension PerformSettings {
    /// Sets `key` from `value` after the checks that flags and files share: the type, then the range, with the
    /// same ``Bounds`` check a live control gets.
    mutating func assign(_ key: PerformKey, _ value: SettingValue) throws(InvalidValue) {
        switch key {
        case .control(let control):
            // A number's TOML type is checked here (`top-k = 2.5` is not an integer); every other check is the control's.
            let text = switch control.spec.kind {
            case .integer: String(try value.integer())
            case .number: Bounds.short(try value.number())
            case .choice, .key, .pitchRange: try value.string()
            }
            do { try controls.set(control, text: text) } catch { throw InvalidValue(error.reason) }
        case .setting(let setting):
            try assign(setting, value)
        }
    }

    private mutating func assign(_ key: SettingKey, _ value: SettingValue) throws(InvalidValue) {
        switch key {
        case .model: model = try value.string()
        case .alsa: alsa = try value.bool()
        case .connect: connect = try Self.checkedDestinations(value.stringList())
        case .listen: listen = try Self.checkedDestinations(value.stringList())
        case .thru: thru = try value.bool()
        case .fluidsynth: fluidsynth = try value.bool()
        case .audioDriver: audioDriver = try value.choice(AudioDriver.self)
        case .audioFile: audioFile = try value.string()
        case .soundfont: soundfont = try value.string()
        case .program: program = U7(clamping: try Self.inBounds(key, value.integer()))  // in [0, 127] by the check
        case .gain: gain = try Self.inBounds(key, value.number())
        case .record: record = try value.string()
        case .noRecord: noRecord = try value.bool()
        case .rotateMinutes: rotateMinutes = try Self.inBounds(key, value.number())
        case .seconds: seconds = try Self.inBounds(key, value.number())
        case .lookahead: lookahead = try Self.inBounds(key, value.number())
        case .seed: seed = try value.unsigned64()
        case .maxPolyphony: maxPolyphony = try Self.inBounds(key, value.integer())
        case .maxNoteLength: maxNoteLength = try Self.inBounds(key, value.number())
        case .logLevel: logLevel = try value.choice(Logger.Level.self)
        case .threads: threads = try Self.inBounds(key, value.integer())
        case .http: http = try Self.checkedAddress(value.string())
        case .httpToken:
            let token = try value.string()
            if let problem = ControlRoomSettings.tokenProblem(token) { throw InvalidValue(problem) }
            httpToken = token
        case .httpHosts: httpHosts = try value.stringList()
        case .models: models = try value.string()
        case .sync: sync = try value.choice(TempoSync.self)
        case .referenceBPM: referenceBPM = try Self.inBounds(key, value.number())
        }
    }

    private static func inBounds(_ key: SettingKey, _ value: Double) throws(InvalidValue) -> Double {
        guard let bounds = key.bounds else { return value }
        do { return try bounds.check(value) } catch { throw InvalidValue(error.description) }
    }

    private static func inBounds(_ key: SettingKey, _ value: Int) throws(InvalidValue) -> Int {
        guard let bounds = key.bounds else { return value }
        do { return try bounds.check(value) } catch { throw InvalidValue(error.description) }
    }

    /// Makes a relative path of `key` absolute against `folder`: a config file's folder (`model = "m.safetensors"`
    /// in `/etc/yamg/yamg.toml` means `/etc/yamg/m.safetensors`, whatever folder the daemon starts in), or the
    /// working folder for flags and defaults. `~/…` is left for the consumer to expand.
    mutating func anchorPath(_ key: PerformKey, in folder: String) {
        func anchored(_ path: String) -> String {
            path.hasPrefix("/") || path.hasPrefix("~") ? path : (folder.hasSuffix("/") ? folder : folder + "/") + path
        }
        switch key {
        case .setting(.model): model = model.map(anchored)
        case .setting(.audioFile): audioFile = anchored(audioFile)
        case .setting(.soundfont): soundfont = soundfont.map(anchored)
        case .setting(.record): record = record.map(anchored)
        case .setting(.models): models = models.map(anchored)
        default: break
        }
    }

    /// `HOST:PORT`, as the control room parses it.
    private static func checkedAddress(_ text: String) throws(InvalidValue) -> String {
        do { _ = try ListenAddress(parsing: text) } catch {
            if case .badAddress(_, let why) = error { throw InvalidValue(why) }
            throw InvalidValue(error.description)
        }
        return text
    }

    /// ALSA destinations as `aconnect` takes them: a client name or number, optionally `:port` with a port number.
    private static func checkedDestinations(_ destinations: [String]) throws(InvalidValue) -> [String] {
        for destination in destinations {
            let parts = destination.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            let clientOK = !parts[0].trimmingSpaces.isEmpty
            let portOK = parts.count == 1 || (!parts[1].isEmpty && parts[1].allSatisfy(\.isASCIIDigit))
            guard clientOK && portOK else {
                throw InvalidValue("expected client:port (a port number) or a client name, got \(TOMLText.quoted(destination))")
            }
        }
        return destinations
    }
}

private extension Substring {
    var trimmingSpaces: Substring { drop(while: { $0 == " " }) }
}

private extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
