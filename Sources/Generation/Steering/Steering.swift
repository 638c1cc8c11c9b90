import Analysis
import Encoding
import MIDIFile

/// Steering: what the sampler draws from is the model's logits plus a bias this type computes, so any trained
/// model of either encoding can be kept in a key, inside a register, near a density and a polyphony — the live
/// controls `key`, `key-strength`, `register`, `density`, `polyphony` — and played louder or softer (`dynamics`).
///
/// The bias has a still part, worked out only when key, strength or register change (or auto settles on a
/// key): out-of-scale notes lose ``softKeyPenalty`` nats (`soft`) or are ruled out (`hard`), notes outside the
/// register are ruled out, and so is PIECE_START. And a moving part, per token: two ``FeedbackControl``s turn the
/// distance from the density and polyphony targets into a bias on note-ons (and note-offs). For the combination
/// encoding a frame's bias counts its pitches: out-of-scale pitches struck, pitches struck, pitches sounding.
/// The bias is added before temperature, top-k and top-p.
public struct Steering {
    /// Log-probability an out-of-scale note loses with `key-strength soft`, in nats before temperature.
    /// Chosen by measurement against real music (models/README.md: the steering defaults).
    public static let softKeyPenalty: Float = 1.5
    /// Notes heard before `auto` settles on a key when no primer gave one.
    public static let notesToEstimateKey = 12
    /// Seconds of music over which the density is measured.
    static let densityWindow = 4.0

    let classes: TokenClasses
    let vocabularySize: Int
    public private(set) var key = KeyChoice.off
    public private(set) var strength = KeyStrength.soft
    public private(set) var register = PitchRange.all
    public private(set) var densityTarget: Double?
    public private(set) var polyphonyTarget: Double?
    public private(set) var dynamics = 0
    /// The key in force: the fixed key, or the one `auto` estimated for this piece; nil while there is none.
    public private(set) var activeKey: MusicalKey?
    private var stillBias: [Float]
    private var densityControl = FeedbackControl(proportional: 5, integral: 3, limit: 16)
    private var polyphonyControl = FeedbackControl(proportional: 2, integral: 2, limit: 8)
    /// What has been heard this piece: pitch-class seconds (for auto), notes ended, when each sounding pitch began.
    private var pitchClassSeconds = [Double](repeating: 0, count: 12)
    private var notesHeard = 0
    private var struckAt = [Double?](repeating: nil, count: 128)
    private(set) var sounding = 0
    /// Onset times inside the density window, oldest first.
    private var onsets: [Double] = []
    private var pieceStart = 0.0
    private var lastTime = 0.0
    /// Keys the player holds now (accompany): never struck by the model while held.
    public private(set) var held: UInt128 = 0

    public init(vocabulary: Vocabulary, controls: Controls = Controls()) {
        classes = TokenClasses(vocabulary)
        vocabularySize = vocabulary.count
        stillBias = [Float](repeating: 0, count: vocabulary.count)
        apply(controls)
        updateStillBias()
    }

    /// Steers with `controls` from the next token on.
    public mutating func apply(_ controls: Controls) {
        let before = (key, strength, register)
        key = controls.key
        strength = controls.keyStrength
        register = controls.register
        densityTarget = controls.density
        polyphonyTarget = controls.polyphony
        dynamics = controls.dynamics
        if before.0 != key {
            switch key {
            case .off: activeKey = nil
            case .fixed(let k): activeKey = k
            case .auto: activeKey = estimatedKey(minimumNotes: 1)
            }
        }
        if before.0 != key || before.1 != strength || before.2 != register { updateStillBias() }
    }

    /// A new piece at music time `time`: auto forgets its key, the density window empties.
    public mutating func startPiece(at time: Double) {
        pieceStart = time
        lastTime = time
        onsets.removeAll(keepingCapacity: true)
        pitchClassSeconds = [Double](repeating: 0, count: 12)
        notesHeard = 0
        struckAt = [Double?](repeating: nil, count: 128)
        sounding = 0
        if case .auto = key, activeKey != nil { activeKey = nil; updateStillBias() }
    }

    /// After a primer: auto takes the primer's key (from every note it holds, sounding ones counted up to `time`).
    public mutating func primed(at time: Double) {
        guard case .auto = key, activeKey == nil else { return }
        settle(on: estimatedKey(minimumNotes: 1, now: time))
    }

    /// Takes note of what sounded (the stream's own notes, a primer's, later a player's).
    public mutating func observe(_ events: ArraySlice<TimedEvent>) {
        for event in events {
            switch event.kind {
            case .noteOn(let pitch, _):
                onsets.append(event.time)
                if onsets.count > 1024 { onsets.removeFirst(onsets.count - 512) }  // bounded when density is off
                if struckAt[pitch.int] == nil { sounding += 1 }
                struckAt[pitch.int] = event.time
            case .noteOff(let pitch):
                guard let start = struckAt[pitch.int] else { continue }
                pitchClassSeconds[pitch.int % 12] += event.time - start
                struckAt[pitch.int] = nil
                sounding -= 1
                notesHeard += 1
            default: continue
            }
        }
        if case .auto = key, activeKey == nil, notesHeard >= Self.notesToEstimateKey {
            settle(on: estimatedKey(minimumNotes: Self.notesToEstimateKey))
        }
    }

    /// The keys the player holds from now on: the model strikes none of them (their note-ons, or frames that
    /// strike them, are ruled out) until they are released.
    public mutating func hold(_ pitches: UInt128) { held = pitches }

    /// Writes the steered logits into `shaped`: `logits` + the still bias + the feedback biases at music time `time`.
    public mutating func shape(_ logits: UnsafePointer<Float>, into shaped: UnsafeMutablePointer<Float>, time: Double) {
        let seconds = max(0, time - lastTime)
        lastTime = time
        stillBias.withUnsafeBufferPointer { bias in
            for i in 0..<vocabularySize { shaped[i] = logits[i] + bias[i] }
        }
        if held != 0 { ruleOutHeld(shaped) }
        var strike: Float = 0, hold: Float = 0
        if let target = densityTarget {
            while let first = onsets.first, first < time - Self.densityWindow { onsets.removeFirst() }
            let span = min(Self.densityWindow, max(1, time - pieceStart))
            let rate = Double(onsets.count) / span
            strike += densityControl.bias(error: (target - rate) / target, seconds: seconds)
        }
        if let target = polyphonyTarget {
            hold = polyphonyControl.bias(error: target - Double(sounding), seconds: seconds)
            strike += hold
        }
        guard strike != 0 || hold != 0 else { return }
        if classes.frames.isEmpty {
            for p in 0..<128 {
                if classes.noteOn[p] >= 0 { shaped[classes.noteOn[p]] += strike }
                if classes.noteOff[p] >= 0 { shaped[classes.noteOff[p]] -= hold }
            }
        } else {
            let densityOnly = strike - hold
            for (f, frame) in classes.frames.enumerated() {
                shaped[frame.id] += densityOnly * classes.struckCount[f] + hold * classes.soundingCount[f]
            }
        }
    }

    /// -∞ for every token that strikes a held key.
    private func ruleOutHeld(_ shaped: UnsafeMutablePointer<Float>) {
        if classes.frames.isEmpty {
            var bits = held
            while bits != 0 {
                let p = bits.trailingZeroBitCount
                bits &= bits - 1
                if classes.noteOn[p] >= 0 { shaped[classes.noteOn[p]] = -.infinity }
            }
        } else {
            for frame in classes.frames where frame.sounding & held != 0 { shaped[frame.id] = -.infinity }
        }
    }

    /// Applies `dynamics` to the note-ons of `events` from index `start` on.
    public func adjustVelocities(_ events: inout [TimedEvent], from start: Int) {
        guard dynamics != 0 else { return }
        for i in start..<events.count {
            if case .noteOn(let pitch, let velocity) = events[i].kind {
                events[i].kind = .noteOn(pitch: pitch, velocity: U7(clamping: max(1, velocity.int + dynamics)))
            }
        }
    }

    private mutating func settle(on estimate: MusicalKey?) {
        guard let estimate else { return }
        activeKey = estimate
        updateStillBias()
    }

    /// The key of what has sounded this piece (notes still sounding counted up to `now`), or nil with too few notes.
    private func estimatedKey(minimumNotes: Int, now: Double? = nil) -> MusicalKey? {
        var weights = pitchClassSeconds
        var count = notesHeard
        if let now {
            for p in 0..<128 { if let start = struckAt[p] { weights[p % 12] += max(0.01, now - start); count += 1 } }
        }
        return count >= minimumNotes ? MusicalKey.estimate(pitchClassWeights: weights) : nil
    }

    /// Key, strength and register as a bias per token.
    private mutating func updateStillBias() {
        let ruledOut = -Float.infinity
        for i in stillBias.indices { stillBias[i] = 0 }
        let scale = activeKey.map { TokenClasses.pitches(ofClasses: $0.scale) } ?? ~0
        let inRegister = TokenClasses.pitches(in: register)
        let penalty = strength == .hard ? ruledOut : -Self.softKeyPenalty
        if classes.frames.isEmpty {
            for p in 0..<128 where classes.noteOn[p] >= 0 {
                if inRegister >> UInt128(p) & 1 == 0 { stillBias[classes.noteOn[p]] = ruledOut }
                else if scale >> UInt128(p) & 1 == 0 { stillBias[classes.noteOn[p]] = penalty }
            }
        } else {
            for frame in classes.frames {
                let outside = (frame.struck & ~scale).nonzeroBitCount
                if frame.sounding & ~inRegister != 0 { stillBias[frame.id] = ruledOut }
                else if outside > 0 { stillBias[frame.id] = strength == .hard ? ruledOut : penalty * Float(outside) }
            }
        }
        stillBias[classes.pieceStart] = ruledOut
    }
}
