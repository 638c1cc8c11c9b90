/// Where a setting came from: its default, a line of a config file, or a flag.
public enum SettingOrigin: Sendable, Equatable, CustomStringConvertible {
    case `default`
    case file(path: String, line: Int)
    /// A flag, by its spelling (`--top-p`, `MODEL`).
    case flag(String)

    public var description: String {
        switch self {
        case .default: "default"
        case .file(let path, let line): "\(path):\(line)"
        case .flag(let spelling): spelling
        }
    }
}

/// Why the settings of `yamg perform` cannot be used. Each description is one line that names the source (a file
/// and line, or a flag) and what is wrong, e.g. `/etc/yamg/yamg.toml:3: key 'top-p': 1.5 is not in (0, 1]`.
public enum ConfigError: Error, Equatable, CustomStringConvertible {
    /// A key's value is wrong (type or range), from a file line or a flag.
    case invalidValue(origin: SettingOrigin, key: PerformKey, reason: String)
    /// A config file holds a key that is not a setting; `suggestion` is the nearest setting, if one is close.
    case unknownKey(path: String, line: Int, key: String, suggestion: PerformKey?)
    /// A line of the `[controls.midi]` section is wrong: `name` is its target (`temperature`, `panic`, or a typo).
    case midiControl(path: String, line: Int, name: String, reason: String)
    /// A config file holds a table (`[perform]`, `a.b = 1`): settings are top-level keys only.
    case table(path: String, line: Int, name: String)
    /// A config file is not valid TOML.
    case syntax(path: String, line: Int, column: Int, message: String)
    /// The file named by `--config` does not exist.
    case missingConfigFile(path: String)
    /// A config file exists but cannot be read (permissions, not UTF-8, a folder).
    case unreadableConfigFile(path: String, reason: String)
    /// No model: neither `MODEL` nor a config file's `model` named one.
    case missingModel(configFile: String?)

    public var description: String {
        switch self {
        case .invalidValue(.flag(let spelling), _, let reason):
            "\(spelling): \(reason)"
        case .invalidValue(let origin, let key, let reason):
            "\(origin): key '\(key)': \(reason)"
        case .unknownKey(let path, let line, let key, let suggestion):
            "\(path):\(line): unknown key '\(key)'" + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")
        case .midiControl(let path, let line, let name, let reason):
            "\(path):\(line): key 'controls.midi.\(name)': \(reason)"
        case .table(let path, let line, let name):
            "\(path):\(line): '\(name)' is a table; yamg perform's settings are top-level 'key = value' lines, "
                + "without [sections] or dotted keys (the one section is [controls.midi], after them)"
        case .syntax(let path, let line, let column, let message):
            "\(path):\(line):\(column): TOML syntax error: \(message)"
        case .missingConfigFile(let path):
            "--config \(path): no such file"
        case .unreadableConfigFile(let path, let reason):
            "\(path): cannot read the config file: \(reason)"
        case .missingModel(let configFile):
            "no model: pass MODEL (a .safetensors file from yamg train) or set model = \"…\" in "
                + (configFile ?? "a config file (none was found)")
        }
    }
}
