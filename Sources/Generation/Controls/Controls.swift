import Foundation

/// The live controls: one value that every surface (flags, config file, SIGUSR1 reload, and later MIDI CC and
/// HTTP) writes through ``set(_:_:)``, and that the performer applies at a token boundary.
///
/// A `Controls` is always valid: the only ways in are the defaults of the table and ``set(_:_:)``, which checks
/// the value's type and range (``ControlKey/spec``).
public struct Controls: Sendable, Equatable {
    /// By key; every key has a value.
    private var values: [ControlKey: Double]

    /// Every control at its default (``ControlSpec/defaultValue``).
    public init() {
        values = Dictionary(uniqueKeysWithValues: ControlKey.allCases.map { ($0, $0.spec.defaultValue) })
    }

    /// The value of `key` as a number (an integer control's value is whole).
    public subscript(key: ControlKey) -> Double { values[key]! }

    // Typed reads for the code that uses each control.
    public var speed: Double { self[.speed] }
    public var temperature: Double { self[.temperature] }
    public var topK: Int { Int(self[.topK]) }
    public var topP: Double { self[.topP] }
    public var pause: Double { self[.pause] }

    /// Sets `key` to `value` after the checks every surface shares: a finite number, whole for an integer
    /// control, inside the key's bounds.
    public mutating func set(_ key: ControlKey, _ value: Double) throws(ControlError) {
        let spec = key.spec
        guard value.isFinite else { throw ControlError(key: key, reason: "expected a number, got \(value)") }
        if spec.kind == .integer && value != value.rounded() {
            throw ControlError(key: key, reason: "expected an integer, got \(Bounds.short(value))")
        }
        // From 2^53 on a Double holds no longer every integer (and past Int.max reading it back as an Int traps).
        if spec.kind == .integer && abs(value) >= 9_007_199_254_740_992 {
            throw ControlError(key: key, reason: "\(Bounds.short(value)) is too large")
        }
        do { values[key] = try spec.bounds.check(value) } catch { throw ControlError(key: key, reason: error.description) }
    }

    /// Sets `key` from text as a user types it (`"0.9"`, `"40"`).
    public mutating func set(_ key: ControlKey, text: String) throws(ControlError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        switch key.spec.kind {
        case .integer:
            guard let value = Int(trimmed) else { throw ControlError(key: key, reason: "expected an integer, got \"\(text)\"") }
            try set(key, Double(value))
        case .number:
            guard let value = Double(trimmed), value.isFinite else {
                throw ControlError(key: key, reason: "expected a number, got \"\(text)\"")
            }
            try set(key, value)
        }
    }

    /// The value of `key` as written in flags, files and logs: `0.9`, `40`.
    public func text(_ key: ControlKey) -> String { Bounds.short(self[key]) }

    /// The keys whose value differs from `other`'s, in table order.
    public func changes(from other: Controls) -> [ControlKey] {
        ControlKey.allCases.filter { self[$0] != other[$0] }
    }

    /// "temperature 1 → 0.5, speed 1 → 2": what changed from `old`, for the one log line of a change.
    public func changeSummary(from old: Controls) -> String {
        changes(from: old).map { "\($0) \(old.text($0)) → \(text($0))" }.joined(separator: ", ")
    }
}

/// Why a control cannot take a value, in the one shape every surface shows: `key 'temperature': 0 is not in (0, 5]`.
public struct ControlError: Error, Equatable, CustomStringConvertible {
    public var key: ControlKey
    /// What is wrong, without the key: `0 is not in (0, 5]`.
    public var reason: String

    public init(key: ControlKey, reason: String) {
        self.key = key
        self.reason = reason
    }

    public var description: String { "key '\(key)': \(reason)" }
}
