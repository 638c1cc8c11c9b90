import Basics
import Foundation

/// The live controls: one value that every surface (flags, config file, SIGUSR1 reload, and later MIDI CC and
/// HTTP) writes through ``set(_:text:)`` or ``set(_:_:)``, and that the performer applies at a token boundary.
///
/// A `Controls` is always valid: the only ways in are the defaults of the table and the setters, which check the
/// value's kind and range (``ControlKey/spec``).
public struct Controls: Sendable, Equatable {
    /// By key; every key has a value of its spec's kind.
    private var values: [ControlKey: ControlValue]

    /// Every control at its default (``ControlSpec/defaultValue``).
    public init() {
        values = Dictionary(uniqueKeysWithValues: ControlKey.allCases.map { ($0, $0.spec.defaultValue) })
    }

    public subscript(key: ControlKey) -> ControlValue { values[key]! }

    /// The value of a number or integer control.
    public func number(_ key: ControlKey) -> Double {
        guard case .number(let value) = values[key]! else { preconditionFailure("\(key) is not a number") }
        return value
    }

    // Typed reads for the code that uses each control.
    public var speed: Double { number(.speed) }
    public var temperature: Double { number(.temperature) }
    public var topK: Int { Int(number(.topK)) }
    public var topP: Double { number(.topP) }
    public var pause: Double { number(.pause) }
    public var key: KeyChoice { if case .key(let key) = self[.key] { key } else { .off } }
    public var keyStrength: KeyStrength { if case .choice(let word) = self[.keyStrength] { KeyStrength(rawValue: word) ?? .soft } else { .soft } }
    public var register: PitchRange { if case .pitchRange(let range) = self[.register] { range } else { .all } }
    /// Target notes per second; nil = the model's own.
    public var density: Double? { number(.density) > 0 ? number(.density) : nil }
    /// Target notes sounding at once; nil = the model's own.
    public var polyphony: Double? { number(.polyphony) > 0 ? number(.polyphony) : nil }
    public var dynamics: Int { Int(number(.dynamics)) }
    public var tempo: TempoChoice { if case .choice(let word) = self[.tempo] { TempoChoice(rawValue: word) ?? .hold } else { .hold } }
    public var mode: PlayMode { if case .choice(let word) = self[.mode] { PlayMode(rawValue: word) ?? .solo } else { .solo } }
    public var respondAfter: Double { number(.respondAfter) }
    public var respondLength: Double { number(.respondLength) }
    public var respondPedal: Bool { self[.respondPedal] != .choice("off") }
    public var accompanyRegister: PitchRange {
        if case .pitchRange(let range) = self[.accompanyRegister] { range } else { .all }
    }

    /// Sets a number or integer control after the checks every surface shares: a finite number, whole for an
    /// integer control, inside the key's bounds.
    public mutating func set(_ key: ControlKey, _ value: Double) throws(ControlError) {
        let spec = key.spec
        guard let bounds = spec.bounds else { throw ControlError(key: key, reason: "expected \(spec.expected), got \(Bounds.short(value))") }
        guard value.isFinite else { throw ControlError(key: key, reason: "expected a number, got \(value)") }
        if spec.kind == .integer && value != value.rounded() {
            throw ControlError(key: key, reason: "expected an integer, got \(Bounds.short(value))")
        }
        // From 2^53 on a Double holds no longer every integer (and past Int.max reading it back as an Int traps).
        if spec.kind == .integer && abs(value) >= 9_007_199_254_740_992 {
            throw ControlError(key: key, reason: "\(Bounds.short(value)) is too large")
        }
        do { values[key] = .number(try bounds.check(value)) } catch { throw ControlError(key: key, reason: error.description) }
    }

    /// Sets `key` from text as a user types it (`"0.9"`, `"40"`, `"Ebm"`, `"C2-C6"`, `"hard"`).
    public mutating func set(_ key: ControlKey, text: String) throws(ControlError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let spec = key.spec
        switch spec.kind {
        case .integer:
            guard let value = Int(trimmed) else { throw ControlError(key: key, reason: "expected an integer, got \"\(text)\"") }
            try set(key, Double(value))
        case .number:
            guard let value = Double(trimmed), value.isFinite else {
                throw ControlError(key: key, reason: "expected a number, got \"\(text)\"")
            }
            try set(key, value)
        case .choice:
            guard let word = spec.choices!.first(where: { $0 == trimmed.lowercased() }) else {
                throw ControlError(key: key, reason: "expected \(spec.expected), got \"\(text)\"")
            }
            values[key] = .choice(word)
        case .key:
            guard let choice = KeyChoice(trimmed) else {
                throw ControlError(key: key, reason: "\"\(text)\" is not a key (C, F#, Bb, Am, Ebm, …), auto or off")
            }
            values[key] = .key(choice)
        case .pitchRange:
            do { values[key] = .pitchRange(try PitchRange(parsing: trimmed)) } catch { throw ControlError(key: key, reason: error.description) }
        }
    }

    /// The value of `key` as written in flags, files and logs: `0.9`, `40`, `Ebm`, `C2-C6`.
    public func text(_ key: ControlKey) -> String { self[key].description }

    /// The keys whose value differs from `other`'s, in table order.
    public func changes(from other: Controls) -> [ControlKey] {
        ControlKey.allCases.filter { self[$0] != other[$0] }
    }

    /// "temperature 1 → 0.5, speed 1 → 2": what changed from `old`, for the one log line of a change.
    public func changeSummary(from old: Controls) -> String {
        changes(from: old).map { "\($0) \(old.text($0)) → \(text($0))" }.joined(separator: ", ")
    }
}

extension ControlSpec {
    /// What a value must be, for errors: "one of soft, hard".
    var expected: String {
        switch kind {
        case .number: "a number"
        case .integer: "an integer"
        case .choice: "one of " + choices!.joined(separator: ", ")
        case .key: "a key (C, F#, Bb, Am, Ebm, …), auto or off"
        case .pitchRange: "a range LOW-HIGH of notes (e.g. C2-C6)"
        }
    }
}

/// Why a control cannot take a value, in the one shape every surface shows: `key 'temperature': 0 is not in (0, 5]`.
public struct ControlError: Error, Equatable, CustomStringConvertible {
    public var key: ControlKey
    /// What is wrong, without the key: `0 is not in (0, 5]`.
    public var reason: String

    /// Control characters in `reason` (a value quoted from a request) are escaped: the error is one line.
    public init(key: ControlKey, reason: String) {
        self.key = key
        self.reason = reason.oneLine
    }

    public var description: String { "key '\(key)': \(reason)" }
}
