import Encoding
import Foundation
import Generation
import Models
import NeuralNet
import TestSupport
import Testing

/// Generation's float16 step against the float32 one, on real music: the next-token distributions differ by a
/// KL divergence under 1e-4 on average over a window of the Bach fixture, for every kernel this CPU runs, with the
/// token table and without; and the logits do not depend on how the step splits over threads.
@Suite(.serialized) struct HalfStepperTests {
    /// The fixture's tokens in the model's vocabulary, after a piece start: a window of real music.
    static func window(_ file: ModelFile, count: Int) throws -> [Int] {
        let vocabulary = try Vocabulary(names: file.vocabulary)
        let tokens = try Primer.file(TestPaths.fixture, seconds: 600, vocabulary: vocabulary, parameters: file.encoding)
        return [vocabulary.pieceEnd, vocabulary.pieceStart] + tokens.prefix(count)
    }

    /// KL(p‖q) of the softmaxes of two logit rows.
    static func kl(_ p: UnsafePointer<Float>, _ q: UnsafePointer<Float>, count: Int) -> Double {
        func logSoftmax(_ l: UnsafePointer<Float>) -> [Double] {
            let row = (0..<count).map { Double(l[$0]) }, m = row.max()!
            let z = log(row.reduce(0) { $0 + exp($1 - m) }) + m
            return row.map { $0 - z }
        }
        let lp = logSoftmax(p), lq = logSoftmax(q)
        return (0..<count).reduce(0) { $0 + exp(lp[$1]) * (lp[$1] - lq[$1]) }
    }

    /// Mean KL(float32 ‖ float16) over `tokens`, and the largest.
    static func divergence(_ model: LSTMModel, _ half: HalfLSTMStepper, _ tokens: [Int]) -> (mean: Double, worst: Double) {
        let single = ModelFactory.stepper(for: model, precision: .float32)
        var total = 0.0, worst = 0.0
        for token in tokens {
            let d = kl(single.step(token), half.step(token), count: model.vocabularySize)
            total += d
            worst = max(worst, d)
        }
        return (total / Double(tokens.count), worst)
    }

    @Test func float16StaysCloseToFloat32OnRealMusic() throws {
        let (file, network, _) = TinyModel.trained
        let model = try #require(network as? LSTMModel)
        let tokens = try Self.window(file, count: 400)
        #expect(tokens.count > 300, "window of \(tokens.count) tokens")
        var runs = 0
        for kernel in HalfKernel.allCases where kernel.isAvailable {
            for tableBytes in [HalfLSTMStepper.tableLimit, 0] {
                let half = HalfLSTMStepper(model, kernel: kernel, tableBytes: tableBytes)
                #expect(half.usesTokenTable == (tableBytes > 0))
                let (mean, worst) = Self.divergence(model, half, tokens)
                #expect(mean < 1e-4, "\(kernel), table \(half.usesTokenTable): mean KL \(mean) (worst \(worst))")
                #expect(mean > 0, "the float32 model's weights are not all float16 values: some difference shows")
                runs += 1
            }
        }
        #expect(runs >= 2, "kernels run: \(runs / 2)")
    }

    /// The shipped model (2 × 512, float16 file) at full size: split over the team, the same logits as on one thread,
    /// and close to float32 (its weights are float16 values, so only the order of sums and the table differ).
    @Test func shippedModelSplitsOverThreadsWithTheSameLogits() throws {
        let (file, network) = try ModelFile.load(TestPaths.repository + "/models/default.safetensors")
        let model = try #require(network as? LSTMModel)
        let tokens = try Self.window(file, count: 150)
        for kernel in HalfKernel.allCases where kernel.isAvailable && kernel != .portable {
            let split = HalfLSTMStepper(model, kernel: kernel, splitBytes: 0)
            let alone = HalfLSTMStepper(model, kernel: kernel, splitBytes: .max)
            #expect(split.splits && !alone.splits && split.usesTokenTable)
            var differing = 0
            for token in tokens {
                let a = split.step(token), b = alone.step(token)
                differing += (0..<model.vocabularySize).contains { a[$0] != b[$0] } ? 1 : 0
            }
            #expect(differing == 0, "\(kernel): \(differing) of \(tokens.count) steps differ between 1 and \(Parallel.team.count) threads")
            split.reset()
            let (mean, worst) = Self.divergence(model, split, tokens)
            #expect(mean < 1e-5, "\(kernel): mean KL \(mean) (worst \(worst))")
        }
    }
}
