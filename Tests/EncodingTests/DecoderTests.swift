import Encoding
import MIDIFile
import Testing

/// The incremental decoder's guarantees: no hanging note, the polyphony and length caps, time order.
@Suite struct DecoderTests {
    let perf = EncodingParameters(kind: .performance)

    func decode(_ tokens: [Token], parameters: EncodingParameters? = nil, limits: Decoder.Limits = .init()) -> [TimedEvent] {
        let vocabulary = Vocabulary(tokens: Array(Set(tokens)))
        return Decoder.events(of: tokens.map { vocabulary.id(of: $0)! }, vocabulary: vocabulary,
                              parameters: parameters ?? perf, limits: limits)
    }

    @Test func polyphonyCapReleasesTheOldest() {
        let tokens: [Token] = [.velocity(80)] + (40..<70).map { .noteOn(UInt8($0)) } + [.timeShift(10)]
        let events = decode(tokens, limits: .init(maxPolyphony: 24))
        var sounding = Set<U7>(), peak = 0
        for e in events {
            if case .noteOn(let p, _) = e.kind { sounding.insert(p) }
            if case .noteOff(let p) = e.kind { sounding.remove(p) }
            peak = max(peak, sounding.count)
        }
        #expect(peak == 24)
        #expect(sounding.isEmpty)
        let firstOff = events.first { if case .noteOff = $0.kind { true } else { false } }
        #expect(firstOff?.kind == .noteOff(pitch: 40))
    }

    @Test func longNotesAreCutAtTheLimit() {
        let tokens: [Token] = [.velocity(80), .noteOn(60)] + Array(repeating: .timeShift(100), count: 20) + [.noteOff(60)]
        let events = decode(tokens, limits: .init(maxNoteLength: 8))
        #expect(events == [TimedEvent(time: 0, .noteOn(pitch: 60, velocity: 80)), TimedEvent(time: 8, .noteOff(pitch: 60))])
    }

    /// Time shifts and frames pass `stretch` times slower on the sounding clock (a note's length with them); the
    /// tokens' clock is unstretched.
    @Test func stretchSlowsTheSoundingClockOnly() {
        var decoder = Decoder(vocabulary: .performance, parameters: perf)
        var events: [TimedEvent] = []
        for t: Token in [.velocity(80), .noteOn(60), .timeShift(50)] { decoder.decode(t, into: &events) }
        decoder.stretch = 1.5
        for t: Token in [.timeShift(50), .noteOff(60)] { decoder.decode(t, into: &events) }
        #expect(abs(decoder.time - 1.25) < 1e-12 && abs(decoder.tokenTime - 1) < 1e-12)
        #expect(events.map(\.time) == [0, 1.25])

        var framed = Decoder(vocabulary: Vocabulary(tokens: [.frame(.silence)]),
                             parameters: EncodingParameters(kind: .combination, framesPerSecond: 10))
        framed.stretch = 2
        for _ in 0..<5 { framed.decode(.frame(.silence), into: &events) }
        #expect(abs(framed.time - 1) < 1e-12 && abs(framed.tokenTime - 0.5) < 1e-12)
    }

    @Test func pieceEndAndFlushReleaseEverything() {
        var decoder = Decoder(vocabulary: .performance, parameters: perf)
        var events: [TimedEvent] = []
        for t: Token in [.pieceStart, .velocity(100), .noteOn(60), .noteOn(64), .timeShift(50)] {
            decoder.decode(t, into: &events)
        }
        #expect(decoder.soundingPitches == [60, 64])
        decoder.decode(.pieceEnd, into: &events)
        #expect(decoder.soundingPitches.isEmpty)
        #expect(events.suffix(2) == [TimedEvent(time: 0.5, .noteOff(pitch: 60)), TimedEvent(time: 0.5, .noteOff(pitch: 64))])
    }

    @Test func reStrikeEndsTheSoundingNoteFirst() {
        let events = decode([.velocity(80), .noteOn(60), .timeShift(10), .noteOn(60), .timeShift(10), .noteOff(60)])
        #expect(events.map(\.kind) == [.noteOn(pitch: 60, velocity: 80), .noteOff(pitch: 60),
                                       .noteOn(pitch: 60, velocity: 80), .noteOff(pitch: 60)])
    }

    @Test func heldCombinationPitchStaysSilentAfterTheCut() {
        let c = EncodingParameters(kind: .combination, framesPerSecond: 10, velocity: 70)
        let struck = Token.frame(Combination(name: "60*")!), held = Token.frame(Combination(name: "60")!)
        // 60 held for 3 s with a 1 s cap: one note of 1 s, then silence until it is struck again at 3 s.
        let events = decode([struck] + Array(repeating: held, count: 29) + [struck, held], parameters: c,
                            limits: .init(maxNoteLength: 1))
        let times = events.map { (($0.time * 1000).rounded() / 1000, $0.kind) }
        #expect(times.map(\.0) == [0, 1, 3, 3.2])
        #expect(times.map(\.1) == [.noteOn(pitch: 60, velocity: 70), .noteOff(pitch: 60), .noteOn(pitch: 60, velocity: 70), .noteOff(pitch: 60)])
    }

    @Test func anOverfullFrameKeepsItsOuterVoices() {
        let c = EncodingParameters(kind: .combination, framesPerSecond: 10)
        let events = decode([.frame(Combination(name: "36* 48* 55* 60* 64* 67* 72* 84*")!)], parameters: c,
                            limits: .init(maxPolyphony: 4))
        let struck = events.compactMap { if case .noteOn(let p, _) = $0.kind { p } else { nil } }
        #expect(struck.sorted() == [36, 48, 72, 84])
    }

    /// Random token streams, as a badly trained model might sample them: whatever comes, events are in
    /// time order, every note-on is matched by a note-off, and the caps hold.
    @Test(arguments: [EncodingParameters.Kind.performance, .combination])
    func randomStreamsKeepTheGuarantees(kind: EncodingParameters.Kind) {
        var rng = SplitMix64(seed: 42)
        let vocabulary: Vocabulary = kind == .performance ? .performance : .combination((0..<500).map { _ in
            let sounding = UInt128(rng.next()) << 64 | UInt128(rng.next()) & (UInt128(rng.next()) << 32)
            return Combination(sounding: sounding, struck: UInt128(rng.next()) << 64 | UInt128(rng.next()))
        })
        let limits = Decoder.Limits(maxPolyphony: 12, maxNoteLength: 2)
        var decoder = Decoder(vocabulary: vocabulary, parameters: EncodingParameters(kind: kind), limits: limits)
        var events: [TimedEvent] = []
        for _ in 0..<20_000 { decoder.decode(Int(rng.next() % UInt64(vocabulary.count)), into: &events) }
        decoder.flush(into: &events)
        var sounding: [U7: Double] = [:]
        var lastTime = 0.0
        for e in events {
            #expect(e.time >= lastTime - 1e-9)
            lastTime = e.time
            switch e.kind {
            case .noteOn(let p, let v):
                #expect(sounding[p] == nil && v >= 1)
                sounding[p] = e.time
                #expect(sounding.count <= limits.maxPolyphony)
            case .noteOff(let p):
                let start = sounding.removeValue(forKey: p)
                #expect(start != nil)
                #expect(e.time - (start ?? 0) <= limits.maxNoteLength + 1e-9)
            default: break
            }
        }
        #expect(sounding.isEmpty)
        #expect(events.count > 1000)
    }
}

/// A small seeded generator for reproducible tests.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
