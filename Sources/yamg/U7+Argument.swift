import ArgumentParser
import MIDIFile

/// A 7-bit MIDI value as a flag (`--program 19`): 0–127, else ArgumentParser's one-line error naming the flag.
extension U7: ExpressibleByArgument {
    public init?(argument: String) {
        guard let value = UInt8(argument), let u7 = U7(rawValue: value) else { return nil }
        self = u7
    }

    public var defaultValueDescription: String { description }
}
