import Encoding
import MIDIFile

/// A musician in the model's context: the phrase a player just played as the start of an answer (`respond`), and
/// the player's notes as they happen (`accompany`). Neither sounds: the player played them.
extension TokenStream {
    /// Starts a piece that continues `phrase` (the player's note events, session or any times, in order; a note
    /// still held ends at `end`): a fresh model state fed PIECE_END PIECE_START and the phrase's tokens, as a
    /// primer but silent, then the silence since the phrase (`end` to `now`, at most a second). Steering hears the
    /// phrase too, so `key auto` takes the player's key. Returns the tokens fed.
    @discardableResult
    public func answer(_ phrase: [TimedEvent], end: Double, now: Double) -> Int {
        let notes = Self.notes(of: phrase, end: end)
        var ids = NoteEncoder.ids(for: notes.map { n in
            var n = n
            n.start -= notes.first?.start ?? 0
            n.end -= notes.first?.start ?? 0
            return n
        }, parameters: parameters, vocabulary: vocabulary)
        let gap = Int((min(1, max(0, now - end)) * PerformanceEncoder.stepsPerSecond).rounded())
        if parameters.kind == .performance, gap > 0, let shift = vocabulary.id(of: .timeShift(max(1, gap))) { ids.append(shift) }
        // The phrase, as steering hears it: ending at the decoder's clock.
        let offset = decoder.time - now
        let heard = phrase.map { TimedEvent(time: $0.time + offset, $0.kind, channel: $0.channel) }
        startContext(ids, heard: heard)
        return ids.count + 2
    }

    /// The player's note events as they happen (accompany): each enters the model's context at the point of
    /// generation (performance encoding: a VELOCITY token when its bin changes, then NOTE_ON/NOTE_OFF; the
    /// combination encoding has no token for one note, so there only steering hears them), and steering takes
    /// note of them (`key auto`) and of the keys held (never struck by the model while held). Returns the tokens fed.
    @discardableResult
    public func hear(_ events: [TimedEvent], held: UInt128) -> Int {
        var fed = 0
        if piecesStarted == 0 {
            var ignored: [TimedEvent] = []
            startPiece(into: &ignored)
        }
        for event in events where parameters.kind == .performance {
            switch event.kind {
            case .noteOn(let pitch, let velocity):
                let bin = PerformanceEncoder.bin(ofVelocity: velocity.rawValue)
                if bin != contextVelocityBin, let id = vocabulary.id(of: .velocity(PerformanceEncoder.velocity(ofBin: bin))) {
                    stepContext(id)
                    fed += 1
                    contextVelocityBin = bin
                }
                if let id = vocabulary.id(of: .noteOn(pitch.rawValue)) { stepContext(id); fed += 1 }
            case .noteOff(let pitch):
                if let id = vocabulary.id(of: .noteOff(pitch.rawValue)) { stepContext(id); fed += 1 }
            default: continue
            }
        }
        observePlayer(events.map { TimedEvent(time: decoder.time, $0.kind, channel: $0.channel) }, held: held)
        playerTokens += fed
        return fed
    }

    /// A phrase's notes (pairs of on/off by pitch); notes without an off end at `end`.
    static func notes(of events: [TimedEvent], end: Double) -> [Note] {
        var open: [UInt8: (start: Double, velocity: UInt8)] = [:]
        var notes: [Note] = []
        for event in events {
            switch event.kind {
            case .noteOn(let pitch, let velocity):
                if let was = open[pitch.rawValue] { notes.append(Note(pitch: pitch.rawValue, velocity: was.velocity, start: was.start, end: event.time)) }
                open[pitch.rawValue] = (event.time, velocity.rawValue)
            case .noteOff(let pitch):
                if let was = open.removeValue(forKey: pitch.rawValue) {
                    notes.append(Note(pitch: pitch.rawValue, velocity: was.velocity, start: was.start, end: max(event.time, was.start + 0.01)))
                }
            default: continue
            }
        }
        for (pitch, was) in open { notes.append(Note(pitch: pitch, velocity: was.velocity, start: was.start, end: max(end, was.start + 0.01))) }
        return notes.sorted { ($0.start, $0.pitch) < ($1.start, $1.pitch) }
    }
}
