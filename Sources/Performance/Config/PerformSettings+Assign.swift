import Logging

extension PerformSettings {
    /// Sets `key` from `value` after the checks that flags and files share (type, then range).
    mutating func assign(_ key: PerformKey, _ value: SettingValue) throws(InvalidValue) {
        switch key {
        case .model: model = try value.string()
        case .alsa: alsa = try value.bool()
        case .connect: connect = try Self.checkedDestinations(value.stringList())
        case .fluidsynth: fluidsynth = try value.bool()
        case .audioDriver: audioDriver = try value.choice(AudioDriver.self)
        case .audioFile: audioFile = try value.string()
        case .soundfont: soundfont = try value.string()
        case .program: program = try Check.within(value.integer(), 0, 127)
        case .gain: gain = try Check.within(value.number(), 0, 10)
        case .record: record = try value.string()
        case .noRecord: noRecord = try value.bool()
        case .rotateMinutes: rotateMinutes = try Check.atLeastZero(value.number())
        case .seconds: seconds = try Check.positive(value.number())
        case .lookahead: lookahead = try Check.within(value.number(), 0.05, 10)
        case .speed: speed = try Check.within(value.number(), 0.1, 10)
        case .temperature: temperature = try Check.positive(value.number())
        case .topK: topK = try Check.atLeastZero(value.integer())
        case .topP: topP = try Check.probability(value.number())
        case .seed: seed = try value.unsigned64()
        case .maxPolyphony: maxPolyphony = try Check.atLeastOne(value.integer())
        case .maxNoteLength: maxNoteLength = try Check.positive(value.number())
        case .pause: pause = try Check.atLeastZero(value.number())
        case .logLevel: logLevel = try value.choice(Logger.Level.self)
        case .threads: threads = try Check.atLeastOne(value.integer())
        }
    }

    /// Makes a relative path of `key` absolute against `folder`: a config file's folder (`model = "m.safetensors"`
    /// in `/etc/yamg/yamg.toml` means `/etc/yamg/m.safetensors`, whatever folder the daemon starts in), or the
    /// working folder for flags and defaults. `~/…` is left for the consumer to expand.
    mutating func anchorPath(_ key: PerformKey, in folder: String) {
        func anchored(_ path: String) -> String {
            path.hasPrefix("/") || path.hasPrefix("~") ? path : (folder.hasSuffix("/") ? folder : folder + "/") + path
        }
        switch key {
        case .model: model = model.map(anchored)
        case .audioFile: audioFile = anchored(audioFile)
        case .soundfont: soundfont = soundfont.map(anchored)
        case .record: record = record.map(anchored)
        default: break
        }
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

/// The range checks, with messages in interval notation ("must be in (0, 1], got 1.5").
private enum Check {
    static func within(_ value: Int, _ low: Int, _ high: Int) throws(InvalidValue) -> Int {
        guard value >= low && value <= high else { throw InvalidValue("must be in [\(low), \(high)], got \(value)") }
        return value
    }

    static func within(_ value: Double, _ low: Double, _ high: Double) throws(InvalidValue) -> Double {
        guard value >= low && value <= high else {
            throw InvalidValue("must be in [\(short(low)), \(short(high))], got \(short(value))")
        }
        return value
    }

    static func probability(_ value: Double) throws(InvalidValue) -> Double {
        guard value > 0 && value <= 1 else { throw InvalidValue("must be in (0, 1], got \(short(value))") }
        return value
    }

    static func positive(_ value: Double) throws(InvalidValue) -> Double {
        guard value > 0 else { throw InvalidValue("must be greater than 0, got \(short(value))") }
        return value
    }

    static func atLeastZero(_ value: Double) throws(InvalidValue) -> Double {
        guard value >= 0 else { throw InvalidValue("must be 0 or more, got \(short(value))") }
        return value
    }

    static func atLeastZero(_ value: Int) throws(InvalidValue) -> Int {
        guard value >= 0 else { throw InvalidValue("must be 0 or more, got \(value)") }
        return value
    }

    static func atLeastOne(_ value: Int) throws(InvalidValue) -> Int {
        guard value >= 1 else { throw InvalidValue("must be 1 or more, got \(value)") }
        return value
    }

    /// 10 rather than 10.0 in a message.
    static func short(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : value.description
    }
}

private extension Substring {
    var trimmingSpaces: Substring { drop(while: { $0 == " " }) }
}

private extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
