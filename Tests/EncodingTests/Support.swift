import Encoding
import MIDIFile

/// Notes rebuilt from decoded events: each note-on closed by the next note-off of its pitch.
func notes(from events: [TimedEvent]) -> [Note] {
    var open: [Int: (Double, U7)] = [:]
    var result: [Note] = []
    for e in events {
        switch e.kind {
        case .noteOn(let p, let v):
            open[Int(p)] = (e.time, v)
        case .noteOff(let p):
            if let (start, v) = open.removeValue(forKey: Int(p)) {
                result.append(Note(pitch: p.rawValue, velocity: v.rawValue, start: start, end: e.time))
            }
        default: break
        }
    }
    return result
}
