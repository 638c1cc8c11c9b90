import Basics
import Foundation
import Generation
import MIDIFile
import Performance

/// `yamg perform --learn NAME`: the knob moved is written into the config file as `NAME`'s line of
/// `[controls.midi]`. TOMLKit would drop the file's comments, so this edits the text: the target's line is replaced
/// (keeping its range, values and curve) or inserted after the section's last line, and the section is appended
/// when absent. The new text must load before it replaces the file, atomically, with the file's mode kept.
public enum MIDILearn {
    /// What was learnt: the line written and where.
    public struct Written: Sendable, Equatable, CustomStringConvertible {
        public var path: String
        public var line: String
        public var created: Bool
        public var description: String { "wrote \(line) to [controls.midi] of \(path)" + (created ? " (a new file)" : "") }
    }

    /// Writes `target` = CC `cc` on `channel` (1–16; nil: any) into the config at `path`.
    public static func write(_ target: MIDIControlTarget, cc: U7, channel: Int?, to path: String) throws(ConfigError) -> Written {
        let exists = FileManager.default.fileExists(atPath: path)
        var text = ""
        var mode: mode_t?
        if exists {
            guard let data = FileManager.default.contents(atPath: path), let read = String(data: data, encoding: .utf8) else {
                throw .unreadableConfigFile(path: path, reason: "cannot read it as UTF-8 text")
            }
            text = read
            var info = stat()
            if stat(path, &info) == 0 { mode = info.st_mode & 0o7777 }
        }
        var before = PerformConfiguration()
        if exists { try before.load(toml: text, path: path) }
        let mapping = learnt(target, cc: cc, channel: channel, keeping: before.settings.midiControls?.mapping(of: target))
        let line = self.line(mapping)
        let edited = edit(text, target: target.name, line: line)
        var after = PerformConfiguration()
        try after.load(toml: edited, path: path)
        guard after.settings.midiControls?.mapping(of: target) == mapping else {
            throw .unreadableConfigFile(path: path, reason: "the edited file would not map \(target) to CC \(cc.int); edit it by hand")
        }
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try AtomicFile.write(Data(edited.utf8), to: path, permissions: mode)
        } catch {
            throw .unreadableConfigFile(path: path, reason: "cannot write it: \(error.localizedDescription)")
        }
        return Written(path: path, line: line, created: !exists)
    }

    /// The mapping learnt: the new CC and channel, the rest as it was (or the target's defaults).
    static func learnt(_ target: MIDIControlTarget, cc: U7, channel: Int?, keeping old: CCMapping?) -> CCMapping {
        guard var mapping = old else { return CCMapping(target, cc: cc, channel: channel) }
        mapping.cc = cc
        mapping.channel = channel
        return mapping
    }

    /// `temperature = { cc = 74, channel = 1 }`, with range, values and curve only where they differ from the defaults.
    static func line(_ mapping: CCMapping) -> String {
        var fields = ["cc = \(mapping.cc.int)"]
        if let channel = mapping.channel { fields.append("channel = \(channel)") }
        let defaults = CCMapping(mapping.target, cc: mapping.cc)
        if mapping.values != defaults.values {
            fields.append("values = [" + mapping.values.map(TOMLText.quoted).joined(separator: ", ") + "]")
        } else if mapping.range != defaults.range {
            fields.append("range = [\(Bounds.short(mapping.range.lowerBound)), \(Bounds.short(mapping.range.upperBound))]")
        }
        if mapping.curve != defaults.curve { fields.append("curve = \(TOMLText.quoted(mapping.curve.rawValue))") }
        return "\(mapping.target.name) = { " + fields.joined(separator: ", ") + " }"
    }

    /// `text` with `name`'s line of `[controls.midi]` set to `line`.
    static func edit(_ text: String, target name: String, line: String) -> String {
        var lines = text.isEmpty ? [] : text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        guard let header = lines.firstIndex(where: isSectionHeader) else {
            if let last = lines.last, !last.trimmingCharacters(in: .whitespaces).isEmpty { lines.append("") }
            lines += [MIDIControlSection.header, line]
            return lines.joined(separator: "\n") + "\n"
        }
        let end = lines[(header + 1)...].firstIndex { $0.trimmingCharacters(in: .whitespaces).hasPrefix("[") } ?? lines.endIndex
        if let existing = lines[(header + 1)..<end].firstIndex(where: { keyName(of: $0) == name }) {
            lines[existing] = line
        } else {
            let lastKey = lines[(header + 1)..<end].lastIndex { keyName(of: $0) != nil } ?? header
            lines.insert(line, at: lastKey + 1)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `[controls.midi]`, spaces and a comment allowed.
    static func isSectionHeader(_ line: String) -> Bool {
        let code = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
        return code.filter { !$0.isWhitespace } == MIDIControlSection.header
    }

    /// The key a `key = value` line sets (bare or quoted), or nil for comments, blanks and other lines.
    static func keyName(of line: String) -> String? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard let first = trimmed.first, first != "#", let equals = trimmed.firstIndex(of: "=") else { return nil }
        var key = trimmed[..<equals].trimmingCharacters(in: .whitespaces)
        if key.count >= 2, let quote = key.first, quote == "\"" || quote == "'", key.last == quote {
            key = String(key.dropFirst().dropLast())
        }
        return key.isEmpty ? nil : key
    }
}
