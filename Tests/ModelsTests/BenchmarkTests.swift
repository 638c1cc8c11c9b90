import Encoding
import Foundation
import Models
import Testing

/// The entry points of `yamg bench train` and `bench generate`: one timing per asked step, on the model asked for.
@Suite struct BenchmarkTests {
    static var tiny: Hyperparameters {
        var h = Hyperparameters.defaults(for: .lstm)
        (h.embed, h.hidden, h.layers, h.seqLen, h.batch) = (8, 16, 1, 8, 2)
        return h
    }

    @Test func trainingTimesEachStepOfTheModelAsked() {
        let b = TrainingBenchmark.run(Self.tiny, vocabularySize: 50, steps: 5, profile: false)
        #expect(b.milliseconds.count == 5 && b.milliseconds == b.milliseconds.sorted() && b.best > 0)
        #expect(b.positionsPerBatch == 2 * 8 && b.vocabularySize == 50 && b.profile == nil)
        #expect(b.parameters == ModelFactory.make(Self.tiny, vocabularySize: 50).parameterCount)
        #expect(TrainingBenchmark.defaultVocabularySize(for: .lstm) == 388 && TrainingBenchmark.defaultVocabularySize(for: .seed) == 4096)
    }

    @Test func generationTimesEachStepOfRandomWeightsOrAFile() throws {
        let b = try GenerationBenchmark.run(modelAt: nil, hyper: Self.tiny, vocabularySize: 50, steps: 20)
        #expect(b.microseconds.count == 20 && b.p50 <= b.p99 && b.mean > 0 && !b.sawNaN)
        #expect(b.arch == .lstm && b.parameters == ModelFactory.make(Self.tiny, vocabularySize: 50).parameterCount)
        // The LSTM's two floors, timed in the same turns as the step: a plain read and a read that widens.
        #expect(b.readMicroseconds.count == 20 && b.widenMicroseconds.count == 20 && b.bytesPerStep > 0)
        #expect(b.readMicroseconds == b.readMicroseconds.sorted() && b.widenMicroseconds == b.widenMicroseconds.sorted())
        #expect(b.readMicroseconds[0] > 0 && b.widenMicroseconds[0] > 0)
        #expect(throws: ModelFile.LoadError.self) {
            try GenerationBenchmark.run(modelAt: "/nonexistent.safetensors", hyper: Self.tiny, vocabularySize: 50, steps: 1)
        }
    }
}
