import MIDIFile

/// Tokens → timed note-on/off events, one token at a time: the same state machine serves `decode`
/// offline and the live daemon.
///
/// It never leaves a note hanging: a piece end or `flush()` releases every sounding note. Two guards
/// keep a bad sample from doing harm: at most `maxPolyphony` notes sound (a new one releases the
/// oldest), and a note sounds at most `maxNoteLength` seconds (then it is released, and a held
/// combination pitch stays silent until it is struck again). Events come out in time order.
public struct Decoder: Sendable {
    public struct Limits: Sendable, Equatable {
        public var maxPolyphony: Int
        public var maxNoteLength: Double
        /// 4 s: 1.4 % of the notes of real music last longer (the validation files, the pedal applied), while a
        /// model's pieces hold 4 % that long, most of them notes it forgot to release (models/README.md).
        public init(maxPolyphony: Int = 24, maxNoteLength: Double = 4) {
            self.maxPolyphony = maxPolyphony
            self.maxNoteLength = maxNoteLength
        }
    }

    public let vocabulary: Vocabulary
    public let parameters: EncodingParameters
    public var limits: Limits
    /// The decoder's clock in seconds: when events sound.
    public private(set) var time: Double
    /// Seconds that sound per second the tokens say: 1 plays the tokens' own timing, 1.5 plays them half as slow
    /// again. A tempo hold sets it (`tempo hold` keeps a piece at its opening's pace); notes, lengths and rests
    /// all stretch alike, so the music's rhythm is the model's.
    public var stretch = 1.0
    /// The tokens' own clock in seconds: the time shifts (or frames) decoded so far, unstretched.
    public private(set) var tokenTime: Double
    /// Start time of each sounding pitch (nil: silent).
    private var sounding: [Double?] = Array(repeating: nil, count: 128)
    /// Sounding pitches, oldest first (for voice stealing).
    private var order: [UInt8] = []
    /// Combination pitches cut by `maxNoteLength` that stay silent while held.
    private var muted: UInt128 = 0
    private var velocity: UInt8 = 64
    private let frameLength: Double

    public init(vocabulary: Vocabulary, parameters: EncodingParameters, limits: Limits = Limits(), startTime: Double = 0) {
        self.vocabulary = vocabulary
        self.parameters = parameters
        self.limits = limits
        self.time = startTime
        self.tokenTime = startTime
        self.frameLength = 1 / parameters.framesPerSecond
    }

    public var soundingPitches: [UInt8] { order }

    /// Decodes token `id`, appending the events it causes to `events`.
    public mutating func decode(_ id: Int, into events: inout [TimedEvent]) {
        guard id >= 0 && id < vocabulary.count else { return }
        decode(vocabulary.tokens[id], into: &events)
    }

    public mutating func decode(_ token: Token, into events: inout [TimedEvent]) {
        switch token {
        case .pieceStart:
            velocity = 64
        case .pieceEnd:
            flush(into: &events)
        case .noteOn(let p):
            noteOn(p, into: &events)
        case .noteOff(let p):
            noteOff(p, into: &events)
        case .velocity(let v):
            velocity = v
        case .timeShift(let steps):
            move(by: Double(steps) / PerformanceEncoder.stepsPerSecond, into: &events)
        case .frame(let sampled):
            let c = capped(sampled)
            muted &= c.sounding & ~c.struck
            for p in order where c.sounding >> p & 1 == 0 || c.isStruck(p) {
                noteOff(p, into: &events)
            }
            let velocity = parameters.velocity
            for p in c.pitches where sounding[Int(p)] == nil && muted >> p & 1 == 0 {
                self.velocity = velocity
                noteOn(p, into: &events)
            }
            move(by: frameLength, into: &events)
        }
    }

    /// The time a token says passes: `seconds` on the tokens' clock, stretched on the sounding one.
    private mutating func move(by seconds: Double, into events: inout [TimedEvent]) {
        tokenTime += seconds
        advance(to: time + seconds * stretch, into: &events)
    }

    /// A frame with more pitches than the polyphony cap keeps its outer voices — the highest and lowest
    /// pitches, alternately, inward — since melody and bass carry a piece; inner voices are left out.
    func capped(_ c: Combination) -> Combination {
        let pitches = c.pitches
        guard pitches.count > limits.maxPolyphony else { return c }
        var keep: UInt128 = 0, low = 0, high = pitches.count - 1
        for k in 0..<limits.maxPolyphony {
            let p = k % 2 == 0 ? pitches[high] : pitches[low]
            if k % 2 == 0 { high -= 1 } else { low += 1 }
            keep |= 1 << UInt128(p)
        }
        return Combination(sounding: c.sounding & keep, struck: c.struck & keep)
    }

    /// Releases every sounding note now.
    public mutating func flush(into events: inout [TimedEvent]) {
        for p in order { events.append(TimedEvent(time: time, .noteOff(pitch: U7(truncating: p)))) }
        for p in order { sounding[Int(p)] = nil }
        order.removeAll(keepingCapacity: true)
        muted = 0
    }

    /// Moves the clock on, releasing (at their exact times) notes that reach the length limit first.
    public mutating func advance(to newTime: Double, into events: inout [TimedEvent]) {
        while let oldest = order.min(by: { sounding[Int($0)]! < sounding[Int($1)]! }),
              sounding[Int(oldest)]! + limits.maxNoteLength <= newTime {
            let cut = max(time, sounding[Int(oldest)]! + limits.maxNoteLength)
            events.append(TimedEvent(time: cut, .noteOff(pitch: U7(truncating: oldest))))
            release(oldest)
            muted |= 1 << UInt128(oldest)
        }
        time = max(time, newTime)
    }

    private mutating func noteOn(_ p: UInt8, into events: inout [TimedEvent]) {
        if sounding[Int(p)] != nil { noteOff(p, into: &events) }  // a re-struck key
        if order.count >= limits.maxPolyphony, let oldest = order.first { noteOff(oldest, into: &events) }
        events.append(TimedEvent(time: time, .noteOn(pitch: U7(truncating: p), velocity: U7(clamping: max(1, velocity)))))
        sounding[Int(p)] = time
        order.append(p)
    }

    private mutating func noteOff(_ p: UInt8, into events: inout [TimedEvent]) {
        guard sounding[Int(p)] != nil else { return }
        events.append(TimedEvent(time: time, .noteOff(pitch: U7(truncating: p))))
        release(p)
    }

    private mutating func release(_ p: UInt8) {
        sounding[Int(p)] = nil
        order.removeAll { $0 == p }
    }

    /// Decodes a whole token sequence (then flushes) into notes-on/off events.
    public static func events(of ids: [Int], vocabulary: Vocabulary, parameters: EncodingParameters,
                              limits: Limits = Limits()) -> [TimedEvent] {
        var decoder = Decoder(vocabulary: vocabulary, parameters: parameters, limits: limits)
        var events: [TimedEvent] = []
        for id in ids { decoder.decode(id, into: &events) }
        decoder.flush(into: &events)
        return events
    }
}
