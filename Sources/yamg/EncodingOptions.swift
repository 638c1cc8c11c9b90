import ArgumentParser
import Encoding

extension EncodingParameters.Kind: ExpressibleByArgument {}

/// The flags that choose an encoding, shared by `preprocess`, `encode` and `decode`.
struct EncodingOptions: ParsableArguments {
    @Option(help: "Token encoding: performance (note-on/off, 10 ms shifts, velocity) or combination (note combinations per frame).")
    var encoding: EncodingParameters.Kind = .performance

    @Option(help: "Combination encoding: frames per second.")
    var framesPerSecond: Double = 24

    @Flag(help: "Combination encoding: do not mark struck pitches (the original design: re-struck notes merge).")
    var noAttackMarks = false

    @Option(help: "Combination encoding: the velocity decoded notes get.")
    var velocity: UInt8 = 80

    func validate() throws {
        guard framesPerSecond >= 1 && framesPerSecond <= 1000 else {
            throw ValidationError("--frames-per-second must be between 1 and 1000, got \(framesPerSecond)")
        }
        guard (1...127).contains(velocity) else { throw ValidationError("--velocity must be 1…127, got \(velocity)") }
    }

    var parameters: EncodingParameters {
        EncodingParameters(kind: encoding, framesPerSecond: framesPerSecond, attackMarks: !noAttackMarks, velocity: velocity)
    }
}
