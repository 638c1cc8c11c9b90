import Encoding
import MIDIFile
import Models
import NeuralNet

/// The generator: model state + steering + sampler + decoder → an endless sequence of timed note events.
///
/// `generate(until:)` samples tokens until the decoder's clock passes a time, returning the events they
/// make. When the model ends a piece, the stream pauses and starts a new one from a fresh model state
/// (unless `onePiece`), so memory stays flat however long it runs. The same object drives `generate`
/// offline and the daemon live.
public final class TokenStream {
    public struct Options: Sendable {
        public var onePiece = false
        public var limits = Decoder.Limits()
        /// A model that keeps sampling tokens without moving time on is nudged forward one quantum after
        /// this many tokens in a row, so a bad model can't stall the music.
        public var maxTokensWithoutTime = 256
        public init() {}
    }

    public let vocabulary: Vocabulary
    public let parameters: EncodingParameters
    public private(set) var sampler: Sampler
    /// The logit shaping of the steering controls (key, register, density, polyphony, dynamics).
    public private(set) var steering: Steering
    /// The `tempo hold` control's measure of the piece's pace; it sets the decoder's stretch.
    public private(set) var tempoHold = TempoHold()
    public let options: Options
    /// The live controls this stream samples with (``apply(_:)`` changes them between tokens).
    public private(set) var controls: Controls
    public private(set) var decoder: Decoder
    public private(set) var tokensGenerated = 0
    public private(set) var piecesStarted = 0
    public private(set) var finished = false
    /// Finish at the end of the piece playing (the performer then plays another model from there).
    public var finishAtPieceEnd = false
    let stepper: Stepper
    private var logits: UnsafePointer<Float>?
    /// The logits after steering, what the sampler draws from.
    private let shaped: UnsafeMutableBufferPointer<Float>
    private var tokensWithoutTime = 0
    /// The velocity bin the context last stated (a player's notes add VELOCITY tokens only when it changes).
    var contextVelocityBin = -1
    /// Tokens of a player's notes fed into the context (accompany) since the start.
    public internal(set) var playerTokens = 0

    /// A stream of `model` sampling with `controls`, its random draws seeded with `seed`.
    public convenience init(model: LanguageModel, file: ModelFile, controls: Controls = Controls(), seed: UInt64 = 1,
                            options: Options = Options()) throws {
        try self.init(model: model, file: file, controls: controls, rng: RNG(seed: seed), options: options)
    }

    /// A stream whose random draws continue from `rng` (another stream's `sampler.rng`, say).
    public init(model: LanguageModel, file: ModelFile, controls: Controls, rng: RNG, options: Options = Options()) throws {
        vocabulary = try Vocabulary(names: file.vocabulary)
        parameters = file.encoding
        sampler = Sampler(controls: controls, rng: rng)
        steering = Steering(vocabulary: vocabulary, controls: controls)
        shaped = .allocate(capacity: vocabulary.count)
        self.controls = controls
        self.options = options
        stepper = ModelFactory.stepper(for: model)
        decoder = Decoder(vocabulary: vocabulary, parameters: parameters, limits: options.limits)
    }

    deinit { shaped.deallocate() }

    /// Samples with `controls` from the next token on; a new pause applies at the next piece end.
    /// (Speed is the performer's: it maps music time to the clock.)
    public func apply(_ controls: Controls) {
        sampler.apply(controls)
        steering.apply(controls)
        self.controls = controls
        decoder.stretch = stretch
    }

    /// The decoder's stretch the controls ask for: the hold's with `tempo hold`, unless the pace is another's to
    /// set — the player's in accompany, or a density target's (two controllers of one rate would fight) — else 1.
    private var stretch: Double {
        controls.tempo == .hold && controls.mode != .accompany && controls.density == nil ? tempoHold.stretch : 1
    }

    /// A new piece's pace is measured afresh.
    private func restartTempo() {
        tempoHold.startPiece()
        decoder.stretch = stretch
    }

    /// A note struck at `time` on the tokens' clock.
    private func holdTempo(onsetAt time: Double) {
        tempoHold.onset(at: time)
        decoder.stretch = stretch
    }

    /// Draws the random window of a corpus that ``warmUp(with:)`` feeds, from this stream's generator.
    public func randomWindow(of tokens: [UInt32], length: Int) -> [Int] {
        Primer.randomWindow(of: tokens, length: length, rng: &sampler.rng)
    }

    /// The decoder's clock: seconds of music so far.
    public var time: Double { decoder.time }

    /// Starts a piece: a fresh model state fed PIECE_END PIECE_START, then the primer tokens (which also sound).
    ///
    /// Training windows seldom begin at a piece's start, so a model has mostly seen PIECE_START after the end of
    /// another piece; from a bare zero state its first choices are close to uniform (a random velocity, a stray
    /// time shift). Feeding PIECE_END first puts the start in the context it was learned in.
    /// Steering starts the piece afresh; with `key auto` it takes the primer's key.
    public func startPiece(primer: [Int] = [], into events: inout [TimedEvent]) {
        stepper.reset()
        piecesStarted += 1
        tokensWithoutTime = 0
        steering.startPiece(at: decoder.time)
        restartTempo()
        logits = stepper.step(vocabulary.pieceEnd)
        feed(vocabulary.pieceStart, into: &events)
        for id in primer { feed(id, into: &events) }
        if !primer.isEmpty { steering.primed(at: decoder.time) }
    }

    /// A piece whose start is `ids`, fed without sounding (a player's phrase): like ``startPiece(primer:into:)``
    /// but nothing is decoded; steering hears `heard` and, with `key auto`, takes its key.
    func startContext(_ ids: [Int], heard: [TimedEvent]) {
        stepper.reset()
        piecesStarted += 1
        tokensWithoutTime = 0
        contextVelocityBin = -1
        steering.startPiece(at: decoder.time)
        logits = stepper.step(vocabulary.pieceEnd)
        logits = stepper.step(vocabulary.pieceStart)
        for id in ids {
            logits = stepper.step(id)
            if case .velocity(let v) = vocabulary.tokens[id] { contextVelocityBin = PerformanceEncoder.bin(ofVelocity: v) }
        }
        steering.observe(heard[...])
        steering.hold(0)
        if !heard.isEmpty { steering.primed(at: decoder.time) }
        // The answer keeps the phrase's pace: its onsets, on the tokens' clock (the phrase ends now on both).
        restartTempo()
        for event in heard where event.isNoteOn { holdTempo(onsetAt: event.time - decoder.time + decoder.tokenTime) }
    }

    /// One token of a player's into the context: the model's state moves on, the decoder does not.
    func stepContext(_ id: Int) { logits = stepper.step(id) }

    /// Steering hears a player's events and the keys held.
    func observePlayer(_ events: [TimedEvent], held: UInt128) {
        steering.observe(events[...])
        steering.hold(held)
    }

    /// Feeds the model context without sounding it (a random window of training data as a start).
    public func warmUp(with ids: [Int]) {
        for id in ids { logits = stepper.step(id) }
    }

    private func feed(_ id: Int, into events: inout [TimedEvent]) {
        logits = stepper.step(id)
        let before = decoder.time, struckAt = decoder.tokenTime, start = events.count
        decoder.decode(id, into: &events)
        tokensWithoutTime = decoder.time > before ? 0 : tokensWithoutTime + 1
        if events[start...].contains(where: \.isNoteOn) { holdTempo(onsetAt: struckAt) }
        heard(&events, from: start)
    }

    /// Moves the decoder's clock on (a pause, a nudge), releasing what must end.
    private func advance(to time: Double, into events: inout [TimedEvent]) {
        let start = events.count
        decoder.advance(to: time, into: &events)
        heard(&events, from: start)
    }

    /// New events: steering's dynamics applied, then taken note of.
    private func heard(_ events: inout [TimedEvent], from start: Int) {
        guard start < events.count else { return }
        steering.adjustVelocities(&events, from: start)
        steering.observe(events[start...])
    }

    /// Samples until the clock reaches `time` (or the piece ends with `onePiece`); returns the events.
    public func generate(until time: Double, maxTokens: Int = .max) -> [TimedEvent] {
        var events: [TimedEvent] = []
        if piecesStarted == 0 { startPiece(into: &events) }
        var budget = maxTokens
        while decoder.time < time && !finished && budget > 0 {
            budget -= 1
            steering.shape(logits!, into: shaped.baseAddress!, time: decoder.time)
            let id = sampler.sample(shaped.baseAddress!, count: vocabulary.count)
            tokensGenerated += 1
            if id == vocabulary.pieceEnd {
                let start = events.count
                decoder.decode(id, into: &events)  // releases every note
                heard(&events, from: start)
                if options.onePiece || finishAtPieceEnd { finished = true; break }
                advance(to: decoder.time + controls.pause, into: &events)
                startPiece(into: &events)
                continue
            }
            feed(id, into: &events)
            if tokensWithoutTime >= options.maxTokensWithoutTime {
                advance(to: decoder.time + parameters.quantum, into: &events)
                tokensWithoutTime = 0
            }
        }
        return events
    }

    /// Releases every sounding note now (end of a session).
    public func flush() -> [TimedEvent] {
        var events: [TimedEvent] = []
        decoder.flush(into: &events)
        return events
    }
}
