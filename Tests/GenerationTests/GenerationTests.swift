import Encoding
import Foundation
import Generation
import MIDIFile
import Models
import NeuralNet
import TestSupport
import Testing

/// The generation stream on a small model trained here in a few seconds (by whichever test asks first).
@Suite(.serialized, .tags(.slow), .timeLimit(.minutes(10))) struct GenerationTests {
    /// A small lstm trained briefly on the Bach chorales (performance encoding), saved to a model file.
    static var trained: (file: ModelFile, model: LanguageModel, path: String) { TinyModel.trained }

    func generate(seed: UInt64, seconds: Double, primer: [Int] = [], options: TokenStream.Options = .init()) throws -> [TimedEvent] {
        let stream = try TokenStream(model: Self.trained.model, file: Self.trained.file, seed: seed, options: options)
        var events: [TimedEvent] = []
        stream.startPiece(primer: primer, into: &events)
        events += stream.generate(until: seconds)
        return events.cut(at: seconds)
    }

    @Test func sameSeedSameMusicOtherSeedOtherMusic() throws {
        let a = try generate(seed: 7, seconds: 20), b = try generate(seed: 7, seconds: 20), c = try generate(seed: 8, seconds: 20)
        #expect(a == b)
        #expect(a != c)
        #expect(a.filter { if case .noteOn = $0.kind { true } else { false } }.count > 10)
    }

    @Test func lengthCapAndPolyphonyHoldAndNothingHangs() throws {
        var options = TokenStream.Options()
        options.limits = .init(maxPolyphony: 4, maxNoteLength: 1.5)
        let events = try generate(seed: 3, seconds: 30, options: options)
        let midi = StandardMIDIFile(events: events, endTime: 30)
        let read = try StandardMIDIFile(bytes: midi.serialized())
        let (notes, warnings) = read.notes()
        #expect(read.warnings.isEmpty && warnings.isEmpty)
        #expect(notes.count > 20, "\(notes.count) notes in 30 s")
        #expect(notes.allSatisfy { $0.duration <= 1.5 + 1e-3 })
        #expect(abs(read.durationSeconds - 30) <= 0.01)
        for n in notes { #expect(notes.filter { $0.start <= n.start && $0.end > n.start }.count <= 4) }
    }

    @Test func primingContinuesFromThePrimer() throws {
        let vocabulary = try Vocabulary(names: Self.trained.file.vocabulary)
        let path = TestPaths.fixture
        let primer = try Primer.file(path, seconds: 3, vocabulary: vocabulary, parameters: Self.trained.file.encoding)
        let events = try generate(seed: 1, seconds: 10, primer: primer)
        let generated = try notesOf(events)
        let original = PianoNotes.extract(from: try StandardMIDIFile(contentsOf: path)).filter { $0.start < 3 }
        #expect(original.count > 10, "the primer's notes")
        // The first notes are the primer's: same pitches at the same times (within 10 ms).
        for n in original {
            #expect(generated.contains { $0.pitch == n.pitch && abs($0.start - n.start) <= 0.011 }, "\(n.pitch) at \(n.start)")
        }
        let notes = Primer.notes([60, 64, 67], vocabulary: vocabulary, parameters: Self.trained.file.encoding)
        let chord = try notesOf(try generate(seed: 1, seconds: 5, primer: notes))
        #expect(Set(chord.filter { $0.start == 0 }.map(\.pitch)) == [60, 64, 67])
    }

    /// Half an hour of music from one stream: piece after piece, each from a fresh model state. The state does not
    /// grow with the pieces: the decoder holds no more notes than the polyphony cap allows, and a piece begun after
    /// many others is the very piece a new stream gives from the same sampler state (shifted in time), which it
    /// would not be if anything of the earlier pieces (model state, decoder notes, velocity) were carried over.
    @Test func endlessStreamStartsNewPiecesWithFlatMemory() throws {
        var controls = Controls()
        try controls.set(.pause, 1)
        try controls.set(.temperature, 1.5)
        let options = TokenStream.Options()
        let stream = try TokenStream(model: Self.trained.model, file: Self.trained.file, controls: controls, seed: 5)
        var last = 0.0, noteOns = 0, piecesPerTenMinutes: [Int] = []
        for minute in 1...30 {
            let events = stream.generate(until: Double(minute) * 60)
            #expect(events.allSatisfy { $0.time >= last - 1e-9 }, "minute \(minute): events out of time order")
            last = events.last?.time ?? last
            noteOns += events.filter { if case .noteOn = $0.kind { true } else { false } }.count
            #expect(stream.decoder.soundingPitches.count <= options.limits.maxPolyphony, "minute \(minute)")
            if minute % 10 == 0 { piecesPerTenMinutes.append(stream.piecesStarted) }
        }
        #expect(stream.time >= 1800)
        #expect(noteOns > 1000, "\(noteOns) notes in 30 minutes")
        // It keeps ending pieces and starting new ones, in every ten minutes.
        let pieces = zip(piecesPerTenMinutes, [0] + piecesPerTenMinutes).map { $0 - $1 }
        #expect(pieces.allSatisfy { $0 >= 2 }, "pieces started per ten minutes: \(pieces)")

        // Step to the start of the next piece, then compare it with the first piece of a new stream.
        let before = stream.piecesStarted
        var tokens = 0
        while stream.piecesStarted == before && tokens < 100_000 {
            _ = stream.generate(until: .infinity, maxTokens: 1)
            tokens += 1
        }
        try #require(stream.piecesStarted == before + 1, "no new piece in \(tokens) tokens")
        let start = stream.time
        let fresh = try TokenStream(model: Self.trained.model, file: Self.trained.file, controls: controls, rng: stream.sampler.rng, options: options)
        var freshEvents: [TimedEvent] = []
        fresh.startPiece(into: &freshEvents)
        freshEvents += fresh.generate(until: 60)
        let continued = stream.generate(until: start + 60).map { TimedEvent(time: $0.time - start, $0.kind, channel: $0.channel) }
        #expect(freshEvents.count > 20)
        #expect(continued.count == freshEvents.count, "piece \(before + 1): \(continued.count) events, a new stream's first piece \(freshEvents.count)")
        func same(_ a: TimedEvent, _ b: TimedEvent) -> Bool {
            a.kind == b.kind && a.channel == b.channel && abs(a.time - b.time) <= 1e-6
        }
        let differ = (0..<min(continued.count, freshEvents.count)).first { !same(continued[$0], freshEvents[$0]) }
        #expect(differ == nil, "piece \(before + 1) departs from a new stream's first piece at event \(differ ?? 0)")
    }

    @Test func samplerControls() {
        var logits: [Float] = [2, 1, 0.5, -1, 3]
        var greedy = Sampler(temperature: 0.01, seed: 1)
        #expect((0..<20).allSatisfy { _ in greedy.sample(&logits, count: 5) == 4 })
        var top2 = Sampler(topK: 2, seed: 2)
        #expect(Set((0..<200).map { _ in top2.sample(&logits, count: 5) }) == [0, 4])
        var nucleus = Sampler(topP: 0.5, seed: 3)
        #expect(Set((0..<200).map { _ in nucleus.sample(&logits, count: 5) }) == [4])
        var all = Sampler(seed: 4)
        #expect(Set((0..<2000).map { _ in all.sample(&logits, count: 5) }).count == 5)
    }

    @Test func stepperMatchesTheBatchedModel() throws {
        // The O(1) generation step gives the same next-token distribution as the training-time forward:
        // the mean −log p(next) along one window is the same both ways. On the float32 weights, as training's;
        // HalfStepperTests ties generation's float16 step to this one.
        let model = Self.trained.model
        let stepper = ModelFactory.stepper(for: model, precision: .float32)
        let tokens = (0..<model.rowLength).map { Int32(($0 * 37 + 11) % model.vocabularySize) }
        var stepLoss = 0.0
        for i in 0..<tokens.count - 1 {
            let l = stepper.step(Int(tokens[i]))
            let row = Array(UnsafeBufferPointer(start: l, count: model.vocabularySize)).map(Double.init)
            let m = row.max()!
            stepLoss += log(row.reduce(0) { $0 + exp($1 - m) }) + m - row[Int(tokens[i + 1])]
        }
        stepLoss /= Double(tokens.count - 1)
        let rows = Array(repeating: tokens, count: model.hyper.batch).flatMap { $0 }
        var unused = RNG(seed: 0)
        let batched = model.run(rows: rows, count: model.hyper.batch, training: false, rng: &unused).lossSum / Double(model.positionsPerBatch)
        #expect(abs(stepLoss - batched) < 1e-4, "step \(stepLoss) vs batched \(batched)")
    }

    /// The notes of `events`, written as a MIDI file and read back.
    func notesOf(_ events: [TimedEvent]) throws -> [Note] {
        try StandardMIDIFile(bytes: StandardMIDIFile(events: events).serialized()).notes().notes
    }
}
