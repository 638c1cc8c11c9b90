import Foundation
import TOMLKit

/// One setting given on the command line: the key and the flag's text (`"true"` for a presence flag like `--alsa`).
public struct FlagValue: Sendable, Equatable {
    public var key: PerformKey
    public var value: String

    public init(_ key: PerformKey, _ value: String) {
        self.key = key
        self.value = value
    }
}

/// The settings of `yamg perform` and where each came from: defaults, then a config file on top, then flags on top
/// of that ("flags win"). Every value goes through the same checks whichever way it comes.
public struct PerformConfiguration: Sendable, Equatable {
    public private(set) var settings = PerformSettings()
    /// Keys set by a file or a flag; a key not listed has its default.
    public private(set) var origins: [PerformKey: SettingOrigin] = [:]
    /// The config file loaded last, if any.
    public private(set) var configFile: String?

    /// All defaults.
    public init() {}

    public func origin(of key: PerformKey) -> SettingOrigin { origins[key] ?? .default }

    /// What `yamg perform` does: finds the config file (`--config`, else the search of ``ConfigFileSearch``), loads
    /// it, then applies `flags` on top. Every path in the result is absolute (or starts with `~`): a file's relative
    /// paths are relative to the file's folder, a flag's and a default's (`yamg.wav`) to `workingDirectory`, so the
    /// daemon's own working folder never matters and `--print-config` prints paths that mean the same anywhere.
    public static func resolve(configFlag: String?, flags: [FlagValue],
                               environment: [String: String] = ProcessInfo.processInfo.environment,
                               systemConfigPath: String = ConfigFileSearch.systemPath,
                               workingDirectory: String = FileManager.default.currentDirectoryPath) throws(ConfigError)
        -> PerformConfiguration {
        var configuration = PerformConfiguration()
        let file = try ConfigFileSearch.locate(explicit: configFlag, environment: environment,
                                               systemPath: systemConfigPath)
        if let file { try configuration.load(file: file) }
        try configuration.apply(flags: flags, workingDirectory: workingDirectory)
        for key in PerformKey.allCases where key.isPath && configuration.origins[key] == nil {
            configuration.settings.anchorPath(key, in: workingDirectory)
        }
        return configuration
    }

    /// Reads a config file and sets every key it holds.
    public mutating func load(file path: String) throws(ConfigError) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            let reason = (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
            throw .unreadableConfigFile(path: path, reason: reason)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .unreadableConfigFile(path: path, reason: "not UTF-8 text")
        }
        try load(toml: text, path: path)
    }

    /// Sets every key of the TOML document `text`; `path` names it in errors and anchors its relative paths.
    ///
    /// Settings are top-level keys only: a `[table]` or dotted key is an error, not silently ignored, so a file
    /// written for another layout fails loudly. The first problem in the file (by line) is the one reported.
    public mutating func load(toml text: String, path: String) throws(ConfigError) {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw .syntax(path: path, line: error.source.begin.line, column: error.source.begin.column,
                          message: Self.oneLine(error.description))
        } catch {
            throw .syntax(path: path, line: 0, column: 0, message: Self.oneLine("\(error)"))
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var seen = Set<String>()
        // The lines of the `[controls.midi]` section's keys, once its header is seen (every later key is its).
        var midiLines: [String: Int]?
        for statement in TOMLStatement.scan(text) {
            seen.insert(statement.name)
            if statement.kind == .tableHeader && statement.path == ["controls", "midi"] && midiLines == nil {
                midiLines = [:]
                continue
            }
            if midiLines != nil, case .key = statement.kind {
                midiLines![statement.name] = midiLines![statement.name] ?? statement.line
                continue
            }
            guard case .key(dotted: false) = statement.kind else {
                throw .table(path: path, line: statement.line, name: statement.name)
            }
            guard let value = table[statement.name] else { continue }
            try set(statement.name, SettingValue(value), path: path, line: statement.line, folder: folder)
        }
        if let midiLines, let section = table["controls"]?.table?["midi"]?.table {
            settings.midiControls = try MIDIControlSection.parse(section, lines: midiLines, path: path)
        }
        // The scanner finds every key of a valid document; should it ever miss one, it is still checked and set.
        for name in table.keys.sorted() where !seen.contains(name) {
            guard let value = table[name] else { continue }
            if value.type == .table { throw .table(path: path, line: 0, name: name) }
            try set(name, SettingValue(value), path: path, line: 0, folder: folder)
        }
        configFile = path
    }

    private mutating func set(_ name: String, _ value: SettingValue, path: String, line: Int,
                              folder: String) throws(ConfigError) {
        guard let key = PerformKey(rawValue: name) else {
            throw .unknownKey(path: path, line: line, key: name, suggestion: PerformKey.nearest(to: name))
        }
        let origin = SettingOrigin.file(path: path, line: line)
        do {
            try settings.assign(key, value)
        } catch {
            throw .invalidValue(origin: origin, key: key, reason: error.reason)
        }
        if key.isPath { settings.anchorPath(key, in: folder) }
        origins[key] = origin
    }

    /// Applies command-line settings on top of what is there. A repeatable key (`--connect`) given on the command
    /// line replaces the file's list with the flags' values, in order. Relative paths are made absolute against
    /// `workingDirectory`.
    public mutating func apply(flags: [FlagValue],
                               workingDirectory: String = FileManager.default.currentDirectoryPath) throws(ConfigError) {
        var lists: [(key: PerformKey, values: [String])] = []
        for flag in flags {
            let origin = SettingOrigin.flag(flag.key.flagSpelling)
            var target = settings
            do {
                try target.assign(flag.key, .text(flag.value))
            } catch {
                throw .invalidValue(origin: origin, key: flag.key, reason: error.reason)
            }
            if flag.key.flagKind == .repeatable {
                if let index = lists.firstIndex(where: { $0.key == flag.key }) {
                    lists[index].values.append(flag.value)
                } else {
                    lists.append((flag.key, [flag.value]))
                }
            } else {
                settings = target
                if flag.key.isPath { settings.anchorPath(flag.key, in: workingDirectory) }
            }
            origins[flag.key] = origin
        }
        for (key, values) in lists {
            do {
                try settings.assign(key, .array(values.map { .string($0) }))
            } catch {
                throw .invalidValue(origin: .flag(key.flagSpelling), key: key, reason: error.reason)
            }
        }
    }

    /// The model to play; an error when neither `MODEL` nor a config file named one.
    public func requireModel() throws(ConfigError) -> String {
        guard let model = settings.model else { throw .missingModel(configFile: configFile) }
        return model
    }

    /// toml++ messages may span lines; ours are one line.
    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: " ")
    }
}
