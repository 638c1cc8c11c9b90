/// A sounding note: a note-on paired with its note-off, with the context it plays in.
public struct Note: Sendable, Equatable, Hashable {
    /// Index of the track (among `MTrk` chunks) that holds it.
    public var track: Int
    public var channel: UInt8
    /// The last program change on the note's channel at its start (0 when there was none).
    public var program: UInt8
    public var pitch: UInt8
    public var velocity: UInt8
    public var startTick: Int64
    public var endTick: Int64
    /// Seconds from the start of the file (of the track, for format 2).
    public var start: Double
    public var end: Double

    public init(track: Int = 0, channel: UInt8 = 0, program: UInt8 = 0, pitch: UInt8, velocity: UInt8,
                startTick: Int64 = 0, endTick: Int64 = 0, start: Double, end: Double) {
        self.track = track
        self.channel = channel
        self.program = program
        self.pitch = pitch
        self.velocity = velocity
        self.startTick = startTick
        self.endTick = endTick
        self.start = start
        self.end = end
    }

    public var duration: Double { end - start }

    /// The canonical order: start tick, pitch, track, end tick, velocity (as the oracle's dumps sort).
    public static func canonicalOrder(_ a: Note, _ b: Note) -> Bool {
        (a.startTick, a.pitch, a.track, a.endTick, a.velocity) < (b.startTick, b.pitch, b.track, b.endTick, b.velocity)
    }
}
