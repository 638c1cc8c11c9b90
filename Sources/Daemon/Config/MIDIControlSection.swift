import Generation
import MIDIFile
import Performance
import TOMLKit

/// The `[controls.midi]` section of the config: one line per target, a control or an action, each an inline table:
///
/// ```toml
/// [controls.midi]
/// temperature = { cc = 74, channel = 1, range = [0.1, 2.0] }
/// key = { cc = 75, values = ["C", "G", "Am"] }
/// panic = { cc = 120, range = [0, 127] }
/// ```
///
/// Fields: `cc` (0–127, required), `channel` (1–16; absent: any), `range` (number controls: the values of CC 0
/// and CC 127; actions: the CC values that press), `values` (the steps of a control, spread over 0–127) and
/// `curve` (`linear` or `log`). Every value a mapping can produce passes the control's own check here, so a map
/// that loads never asks a control for what it refuses.
enum MIDIControlSection {
    static let header = "[controls.midi]"
    static let fields = ["cc", "channel", "range", "values", "curve"]

    /// The map of `section`; `lines` gives each target's line for errors.
    static func parse(_ section: TOMLTable, lines: [String: Int], path: String) throws(ConfigError) -> MIDIControlMap {
        var map = MIDIControlMap()
        let names = section.keys.sorted { (lines[$0] ?? 0, $0) < (lines[$1] ?? 0, $1) }
        for name in names {
            let line = lines[name] ?? 0
            guard let target = MIDIControlTarget(name: name) else {
                let suggestion = nearestTarget(to: name).map { " (did you mean '\($0)'?)" } ?? ""
                throw .midiControl(path: path, line: line, name: name,
                                   reason: "not a control or an action\(suggestion); the targets are "
                                       + MIDIControlTarget.all.map(\.name).joined(separator: ", "))
            }
            do {
                map.set(try mapping(target, section[name]!))
            } catch {
                throw .midiControl(path: path, line: line, name: name, reason: error.reason)
            }
        }
        return map
    }

    /// One target's inline table, checked field by field.
    static func mapping(_ target: MIDIControlTarget, _ value: TOMLValueConvertible) throws(InvalidValue) -> CCMapping {
        guard let table = value.table else {
            throw InvalidValue("expected an inline table like { cc = 74, channel = 1 }, got \(SettingValue(value).shown)")
        }
        for key in table.keys.sorted() where !fields.contains(key) {
            throw InvalidValue("unknown field '\(key)'; the fields are " + fields.joined(separator: ", "))
        }
        guard let ccValue = table["cc"] else { throw InvalidValue("missing cc = 0-127") }
        let cc = try field("cc") { () throws(InvalidValue) in U7(clamping: try check(SettingValue(ccValue).integer(), .closed(0, 127))) }
        let channel = try table["channel"].map { v throws(InvalidValue) in
            try field("channel") { () throws(InvalidValue) in try check(SettingValue(v).integer(), .closed(1, 16)) }
        }
        let curve = try table["curve"].map { v throws(InvalidValue) in try field("curve") { () throws(InvalidValue) in try SettingValue(v).choice(CCMapping.Curve.self) } }
        let range = try table["range"].map { v throws(InvalidValue) in try field("range") { () throws(InvalidValue) in try pair(SettingValue(v)) } }
        let values = try table["values"].map { v throws(InvalidValue) in try field("values") { () throws(InvalidValue) in try steps(SettingValue(v)) } }
        let mapping = CCMapping(target, cc: cc, channel: channel, range: range, values: values, curve: curve)
        try check(mapping, rangeGiven: range != nil, valuesGiven: values != nil)
        return mapping
    }

    /// What each kind of target may be given, and that every value it can produce is one the control takes.
    static func check(_ mapping: CCMapping, rangeGiven: Bool, valuesGiven: Bool) throws(InvalidValue) {
        switch mapping.target {
        case .action:
            if valuesGiven { throw InvalidValue("values is for controls; an action takes range = [LOW, HIGH] of CC values that press") }
            for end in [mapping.range.lowerBound, mapping.range.upperBound] where end != end.rounded() || end < 0 || end > 127 {
                throw InvalidValue("range: \(Bounds.short(end)) is not a CC value 0-127")
            }
        case .control(let key):
            if rangeGiven && !key.spec.isNumeric {
                throw InvalidValue("range is for number controls; '\(key)' takes values = [\"…\", …]")
            }
            if rangeGiven && valuesGiven { throw InvalidValue("give range or values, not both") }
            if mapping.curve == .log && (mapping.range.lowerBound <= 0 || mapping.range.upperBound <= 0) {
                throw InvalidValue("curve = \"log\" needs a range above 0, got [\(Bounds.short(mapping.range.lowerBound)), \(Bounds.short(mapping.range.upperBound))]")
            }
            var controls = Controls()
            if mapping.values.isEmpty {
                for cc: U7 in [0, 127] {
                    do { try controls.set(key, text: mapping.text(for: cc)!) } catch {
                        throw InvalidValue("range: \(error.reason)")
                    }
                }
            } else {
                for value in mapping.values {
                    do { try controls.set(key, text: value) } catch { throw InvalidValue("values: \(error.reason)") }
                }
            }
        }
    }

    private static func field<T>(_ name: String, _ body: () throws(InvalidValue) -> T) throws(InvalidValue) -> T {
        do { return try body() } catch { throw InvalidValue("\(name): \(error.reason)") }
    }

    private static func check(_ value: Int, _ bounds: Bounds) throws(InvalidValue) -> Int {
        do { return try bounds.check(value) } catch { throw InvalidValue(error.description) }
    }

    /// `[LOW, HIGH]`: two numbers, upwards.
    private static func pair(_ value: SettingValue) throws(InvalidValue) -> ClosedRange<Double> {
        guard case .array(let ends) = value, ends.count == 2 else { throw InvalidValue("expected [LOW, HIGH], got \(value.shown)") }
        let low = try ends[0].number(), high = try ends[1].number()
        guard low <= high else { throw InvalidValue("[\(Bounds.short(low)), \(Bounds.short(high))] runs downwards") }
        return low...high
    }

    /// A list of one or more values, strings or numbers, as text.
    private static func steps(_ value: SettingValue) throws(InvalidValue) -> [String] {
        guard case .array(let items) = value, !items.isEmpty else { throw InvalidValue("expected a list of one or more values, got \(value.shown)") }
        return try items.map { item throws(InvalidValue) in
            switch item {
            case .string(let text): return text
            case .int(let number): return String(number)
            case .double(let number): return Bounds.short(number)
            default: throw InvalidValue("expected strings or numbers, got \(item.shown)")
            }
        }
    }

    static func nearestTarget(to name: String) -> String? {
        let normalized = String(name.lowercased().map { $0 == "_" ? "-" : $0 })
        let ranked = MIDIControlTarget.all.map { (name: $0.name, distance: PerformKey.editDistance(normalized, $0.name)) }
            .filter { $0.distance <= max(2, normalized.count / 3) }
            .min { $0.distance < $1.distance }
        return ranked?.name
    }
}
