/// Which encoding turns notes into tokens, and its parameters; stored in corpora and model files.
public struct EncodingParameters: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// The original design's note combinations: one token per time frame.
        case combination
        /// Magenta Performance RNN's events: note-on/off, 10 ms time shifts, 32 velocity bins.
        case performance
    }

    public var kind: Kind
    /// Combination: frames per second.
    public var framesPerSecond: Double
    /// Combination: mark each pitch struck or held (false: the original's merged re-strikes).
    public var attackMarks: Bool
    /// Combination: the velocity decoded notes get (the encoding carries none).
    public var velocity: UInt8

    public init(kind: Kind, framesPerSecond: Double = 24, attackMarks: Bool = true, velocity: UInt8 = 80) {
        self.kind = kind
        self.framesPerSecond = framesPerSecond
        self.attackMarks = attackMarks
        self.velocity = velocity
    }

    /// One time quantum in seconds: 10 ms for `performance`, a frame for `combination`.
    public var quantum: Double { kind == .performance ? 0.01 : 1 / framesPerSecond }
}
