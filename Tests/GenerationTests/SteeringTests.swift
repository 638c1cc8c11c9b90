import Analysis
import Foundation
import Generation
import MIDIFile
import Models
import NeuralNet
import TestSupport
import Testing

/// Steering on real trained models: the tiny one trained on the chorales for the masks (cheap: ten minutes of music
/// in a second), the shipped default model for the feedback targets (what a user steers).
@Suite(.serialized) struct SteeringTests {
    /// The shipped model, loaded once.
    nonisolated(unsafe) static let shipped: (file: ModelFile, model: LanguageModel) = {
        try! ModelFile.load(TestPaths.repository + "/models/default.safetensors")
    }()

    /// The tiny model trained on the chorales.
    static var tiny: (file: ModelFile, model: LanguageModel) { (TinyModel.trained.file, TinyModel.trained.model) }

    /// `seconds` of music from a stream with `settings` (control name → text), pieces back to back.
    static func play(_ model: (file: ModelFile, model: LanguageModel), seconds: Double, seed: UInt64 = 1,
                     _ settings: [ControlKey: String]) throws -> (events: [TimedEvent], stream: TokenStream) {
        var controls = Controls()
        for (key, text) in settings { try controls.set(key, text: text) }
        let stream = try TokenStream(model: model.model, file: model.file, controls: controls, seed: seed)
        var events = stream.generate(until: seconds)
        events += stream.flush()
        return (events, stream)
    }

    /// Notes from note-on/off pairs.
    static func notes(_ events: [TimedEvent]) -> [Note] {
        var open: [UInt8: (start: Double, velocity: UInt8)] = [:]
        var notes: [Note] = []
        for e in events {
            switch e.kind {
            case .noteOn(let p, let v): open[UInt8(p.int)] = (e.time, UInt8(v.int))
            case .noteOff(let p):
                if let o = open.removeValue(forKey: UInt8(p.int)) {
                    notes.append(Note(pitch: UInt8(p.int), velocity: o.velocity, start: o.start, end: e.time))
                }
            default: break
            }
        }
        return notes.sorted { $0.start < $1.start }
    }

    static func pitches(_ events: [TimedEvent]) -> [Int] {
        events.compactMap { if case .noteOn(let p, _) = $0.kind { p.int } else { nil } }
    }

    /// Pitch classes of a key's scale (bit 0 = C) as a set.
    static func scale(_ name: String) -> Set<Int> {
        let key = MusicalKey(name: name)!
        return Set((0..<12).filter { key.scale >> UInt16($0) & 1 == 1 })
    }

    @Test func hardKeyPlaysNoNoteOutsideTheScaleForTenMinutes() throws {
        for name in ["Am", "Eb", "F#m"] {
            let (events, _) = try Self.play(Self.tiny, seconds: 600, [.key: name, .keyStrength: "hard", .pause: "0"])
            let played = Self.pitches(events)
            let outside = played.filter { !Self.scale(name).contains($0 % 12) }
            #expect(played.count > 1000, "\(name): only \(played.count) notes in ten minutes")
            #expect(outside.isEmpty, "\(name): \(outside.count) of \(played.count) notes outside the scale")
        }
    }

    @Test func registerKeepsEveryNoteInside() throws {
        let (events, _) = try Self.play(Self.tiny, seconds: 600, [.register: "E3-C5", .pause: "0"])
        let played = Self.pitches(events)
        #expect(played.count > 1000)
        #expect(played.allSatisfy { (52...72).contains($0) }, "outside E3-C5: \(played.filter { !(52...72).contains($0) }.prefix(10))")
        // Not a trivial pass: unsteered, the same model plays outside that range.
        let (free, _) = try Self.play(Self.tiny, seconds: 600, [.pause: "0", .key: "off"])
        #expect(Self.pitches(free).contains { !(52...72).contains($0) })
    }

    /// `soft` keeps passing tones but raises the share of in-scale notes, on the tiny model and on the shipped one.
    @Test func softKeyRaisesScaleConsistency() throws {
        for (label, model) in [("tiny", Self.tiny), ("shipped", Self.shipped)] {
            var consistency: [String: Double] = [:]
            var outsideSoft = 0
            for key in ["off", "C"] {
                var inScale = 0, total = 0
                for seed: UInt64 in 1...4 {
                    let (events, _) = try Self.play(model, seconds: 60, seed: seed, [.key: key, .keyStrength: "soft", .pause: "0"])
                    let played = Self.pitches(events)
                    total += played.count
                    inScale += played.filter { Self.scale("C").contains($0 % 12) }.count
                }
                consistency[key] = Double(inScale) / Double(max(1, total))
                if key == "C" { outsideSoft = total - inScale }
                #expect(total > 400, "\(label) \(key): \(total) notes")
            }
            let steered = consistency["C"]!, free = consistency["off"]!
            #expect(steered > free + 0.1 && steered > 0.9, "\(label): in C major \(free) unsteered, \(steered) soft")
            #expect(outsideSoft > 0, "\(label): soft must leave passing tones")
        }
    }

    /// The density controller holds each target within ±15 % over 60 s of the shipped model's music; so does the
    /// polyphony controller (mean notes sounding where something sounds, as `yamg stats` measures it).
    @Test(arguments: [2.0, 6.0, 12.0])
    func densityTracksItsTarget(_ target: Double) throws {
        var checked = 0
        for seed: UInt64 in 1...2 {
            let (events, _) = try Self.play(Self.shipped, seconds: 60, seed: seed, [.density: "\(target)", .pause: "0"])
            let rate = Double(Self.pitches(events).count) / 60
            #expect(abs(rate - target) <= 0.15 * target, "target \(target), seed \(seed): \(rate) notes/s")
            checked += 1
        }
        #expect(checked == 2)
    }

    @Test(arguments: [3.0, 5.0, 8.0])
    func polyphonyTracksItsTarget(_ target: Double) throws {
        for seed: UInt64 in 1...2 {
            let (events, _) = try Self.play(Self.shipped, seconds: 60, seed: seed, [.polyphony: "\(target)", .pause: "0"])
            let notes = Self.notes(events)
            let mean = try #require(Polyphony(notes, length: notes.map(\.end).max() ?? 0).mean)
            #expect(abs(mean - target) <= 0.15 * target, "target \(target), seed \(seed): \(mean) notes sounding")
        }
    }

    /// Dynamics moves every velocity by its offset (kept within 1…127); with the same seed the notes are the same.
    @Test func dynamicsShiftsVelocities() throws {
        let (plain, _) = try Self.play(Self.tiny, seconds: 60, [.key: "off"])
        let (soft, _) = try Self.play(Self.tiny, seconds: 60, [.key: "off", .dynamics: "-30"])
        func velocities(_ events: [TimedEvent]) -> [Int] {
            events.compactMap { if case .noteOn(_, let v) = $0.kind { v.int } else { nil } }
        }
        let a = velocities(plain), b = velocities(soft)
        #expect(a.count > 50 && a.count == b.count)
        #expect(zip(a, b).allSatisfy { $1 == max(1, $0 - 30) })
        #expect(Self.pitches(plain) == Self.pitches(soft))
    }

    /// `auto` takes the primer's key and holds it for the piece: with `hard`, a primer in E major keeps the shipped
    /// model's continuation in E major until the piece ends.
    @Test func autoTakesThePrimersKey() throws {
        var controls = Controls()
        try controls.set(.key, text: "auto")
        try controls.set(.keyStrength, text: "hard")
        let stream = try TokenStream(model: Self.shipped.model, file: Self.shipped.file, controls: controls, seed: 5)
        // An E major scale and chord, as a primer.
        let primer = Primer.notes([64, 66, 68, 69, 71, 73, 75, 76, 64, 68, 71], vocabulary: stream.vocabulary,
                                  parameters: stream.parameters)
        var events: [TimedEvent] = []
        stream.startPiece(primer: primer, into: &events)
        #expect(stream.steering.activeKey?.name == "E")
        var played: [Int] = []
        while stream.piecesStarted == 1 && stream.time < 120 {  // the next piece estimates its own key
            played += Self.pitches(stream.generate(until: stream.time + 0.5))
        }
        #expect(played.count > 20)
        #expect(played.allSatisfy { Self.scale("E").contains($0 % 12) }, "\(played.filter { !Self.scale("E").contains($0 % 12) })")
    }
}
