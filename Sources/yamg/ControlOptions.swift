import ArgumentParser
import Generation

/// The live controls as flags, shared by `perform` and `generate`: one option per ``ControlKey``, spelled and
/// described by the controls table. Values stay text here; ``Controls/set(_:text:)`` (or the config layer) checks
/// them, so a flag fails with the same words as a config key.
struct ControlOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: help(.speed)) var speed: String?
    @Option(parsing: .unconditional, help: help(.temperature)) var temperature: String?
    @Option(parsing: .unconditional, help: help(.topK)) var topK: String?
    @Option(parsing: .unconditional, help: help(.topP)) var topP: String?
    @Option(parsing: .unconditional, help: help(.pause)) var pause: String?
    @Option(parsing: .unconditional, help: help(.key)) var key: String?
    @Option(parsing: .unconditional, help: help(.keyStrength)) var keyStrength: String?
    @Option(parsing: .unconditional, help: help(.register)) var register: String?
    @Option(parsing: .unconditional, help: help(.density)) var density: String?
    @Option(parsing: .unconditional, help: help(.polyphony)) var polyphony: String?
    @Option(parsing: .unconditional, help: help(.dynamics)) var dynamics: String?
    @Option(parsing: .unconditional, help: help(.tempo)) var tempo: String?
    @Option(parsing: .unconditional, help: help(.mode)) var mode: String?
    @Option(parsing: .unconditional, help: help(.respondAfter)) var respondAfter: String?
    @Option(parsing: .unconditional, help: help(.respondLength)) var respondLength: String?
    @Option(parsing: .unconditional, help: help(.respondPedal)) var respondPedal: String?
    @Option(parsing: .unconditional, help: help(.accompanyRegister)) var accompanyRegister: String?

    /// The controls given on the command line, in table order.
    var given: [(key: ControlKey, text: String)] {
        let values: [ControlKey: String?] = [.speed: speed, .temperature: temperature, .topK: topK, .topP: topP, .pause: pause,
                                             .key: key, .keyStrength: keyStrength, .register: register, .density: density,
                                             .polyphony: polyphony, .dynamics: dynamics, .tempo: tempo, .mode: mode,
                                             .respondAfter: respondAfter, .respondLength: respondLength,
                                             .respondPedal: respondPedal, .accompanyRegister: accompanyRegister]
        return ControlKey.allCases.compactMap { key in (values[key] ?? nil).map { (key, $0) } }
    }

    /// The defaults with the given flags on top; the error names the flag (`--top-p: 1.5 is not in (0, 1]`).
    func controls() throws -> Controls {
        var controls = Controls()
        for (key, text) in given {
            do { try controls.set(key, text: text) } catch { throw ValidationError("--\(key): \(error.reason)") }
        }
        return controls
    }

    private static func help(_ key: ControlKey) -> ArgumentHelp {
        ArgumentHelp(key.spec.helpLine + " (default: \(Controls().text(key)))", valueName: key.spec.unit)
    }
}
