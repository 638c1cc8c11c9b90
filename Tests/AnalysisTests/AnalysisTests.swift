import Analysis
import Foundation
import MIDIFile
import Testing

/// What the Analysis tests share: pieces written with MIDIFile's writer and read back, as from disk.
enum Piece {
    /// A note for `file(_:)`: pitch, start and end in seconds, velocity, channel.
    struct N {
        var pitch: UInt8, start: Double, end: Double, velocity: UInt8 = 80, channel: UInt8 = 0
    }

    /// A format-1 file at 120 bpm (a beat every 0.5 s) holding `notes`, serialized and read back.
    static func file(_ notes: [N]) throws -> StandardMIDIFile {
        var events: [TimedEvent] = []
        for n in notes {
            let pitch = U7(exactly: n.pitch)!, channel = U4(exactly: n.channel)!
            events.append(TimedEvent(time: n.start, .noteOn(pitch: pitch, velocity: U7(exactly: n.velocity)!), channel: channel))
            events.append(TimedEvent(time: n.end, .noteOff(pitch: pitch), channel: channel))
        }
        // In time order, note-offs first at equal times (a re-struck key releases before it strikes).
        events = events.enumerated().sorted { a, b in
            let offA = if case .noteOff = a.element.kind { 0 } else { 1 }
            let offB = if case .noteOff = b.element.kind { 0 } else { 1 }
            return (a.element.time, offA, a.offset) < (b.element.time, offB, b.offset)
        }.map(\.element)
        return try StandardMIDIFile(bytes: StandardMIDIFile(events: events).serialized())
    }

    /// The statistics of `file(notes)`.
    static func statistics(_ notes: [N]) throws -> PieceStatistics {
        try #require(PieceStatistics(file: try file(notes)))
    }

    /// C4 D4 E4 F4 G4 A4 B4 C5, half a second each, one after the other from 0.
    static let cMajorScale: [N] = [60, 62, 64, 65, 67, 69, 71, 72].enumerated().map { i, p in
        N(pitch: p, start: Double(i) * 0.5, end: Double(i + 1) * 0.5)
    }
}

/// |a − b| ≤ tolerance, for optionals too (nil only equals nil).
func close(_ a: Double?, _ b: Double?, _ tolerance: Double = 1e-9) -> Bool {
    guard let a, let b else { return a == nil && b == nil }
    return abs(a - b) <= tolerance
}

func close(_ a: [Double]?, _ b: [Double]?, _ tolerance: Double = 1e-9) -> Bool {
    guard let a, let b else { return a == nil && b == nil }
    return a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance }
}
