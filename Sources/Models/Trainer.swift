import Encoding
import Foundation
import NeuralNet

/// The training loop: random batches from the training tokens, AdamW with warm-up and cosine decay,
/// validation every epoch (and every `evalEvery` steps), checkpoints (`epoch-NNN`, `best`, `last`, with
/// the optimizer state beside `last`), `loss.csv` and `loss.svg`, early stopping, and a clean stop on
/// request. Everything random comes from one saved generator, so `--resume` continues exactly.
public final class Trainer {
    public struct Options: Sendable {
        public var epochs = 10
        /// Train this many steps in all instead of `epochs`.
        public var steps: Int?
        public var evalEvery: Int?
        /// Stop after this many evaluations at epoch ends without a better validation loss.
        public var patience: Int?
        public var seed: UInt64 = 1
        public var maxEvalBatches: Int? = 100
        public var resume = false
        /// Start from this model file's weights (fine-tuning) instead of random ones.
        public var from: String?
        public var logEvery = 10
        public init() {}
    }

    public struct Status: Sendable {
        public var step: Int, totalSteps: Int, epoch: Int
        public var trainLoss: Double
        public var tokensPerSecond: Double
        public var secondsLeft: Double
    }

    public enum Event: Sendable {
        case progress(Status)
        case message(String)
    }

    public struct Summary: Sendable {
        public var steps: Int
        public var bestValLoss: Double?
        public var lastValLoss: Double?
        public var interrupted: Bool
        public var stoppedEarly: Bool
    }

    public let model: LanguageModel
    public private(set) var file: ModelFile
    let options: Options
    let folder: String
    let train: [Int32], val: [Int32]
    let optimizer: AdamW
    var state: TrainingState
    var log = LossLog()

    public var stepsPerEpoch: Int { max(1, train.count / model.positionsPerBatch) }
    /// Epochs between `epoch-NNN` checkpoints: every epoch, unless epochs are shorter than
    /// ``minimumStepsBetweenEpochCheckpoints`` (a small collection: 19 pieces made 200 files of 16 MB in 600 steps).
    public var epochsPerCheckpoint: Int {
        (Self.minimumStepsBetweenEpochCheckpoints + stepsPerEpoch - 1) / stepsPerEpoch
    }
    public static let minimumStepsBetweenEpochCheckpoints = 50

    /// Training tokens in the corpus (transposed copies included).
    public var trainingTokens: Int { train.count }

    /// Sets up a run in `folder`: a fresh model, or with `options.resume` the one in `folder/last.safetensors`
    /// with its optimizer state. Throws `RunFolderInUse` for a fresh run over an existing one.
    public init(corpus: Corpus, hyper: Hyperparameters, options: Options, folder: String) throws {
        try Self.checkRunFolder(folder, resume: options.resume)
        let vocabulary = try corpus.vocabulary
        self.options = options
        self.folder = folder
        train = corpus.train.map { Int32($0) }
        val = corpus.val.map { Int32($0) }
        var fresh = ModelFile(hyper: hyper, encoding: corpus.manifest.encoding, vocabulary: vocabulary.names)
        let lastPath = folder + "/last.safetensors"
        if options.resume {
            let (saved, model) = try ModelFile.load(lastPath)
            guard saved.vocabulary == vocabulary.names else {
                throw ModelFile.LoadError(path: lastPath, problem: "its vocabulary (\(saved.vocabulary.count) tokens) differs from the corpus's (\(vocabulary.count)); resume with the corpus it was trained on")
            }
            guard saved.hyper.arch == hyper.arch else {
                throw ModelFile.LoadError(path: lastPath, problem: "it is a \(saved.hyper.arch.rawValue) model, not \(hyper.arch.rawValue)")
            }
            self.model = model
            fresh = saved
            optimizer = AdamW(model.parameters, settings: saved.hyper.optimizer)
            state = try TrainingState.load(TrainingState.path(for: lastPath), into: optimizer)
            optimizer.settings.totalSteps = state.totalSteps
            log = LossLog(contentsOf: folder + "/loss.csv", upTo: state.step)
        } else {
            var rng = RNG(seed: options.seed)
            if let from = options.from {
                model = try Self.startingModel(from, corpus: corpus, hyper: hyper)
            } else {
                model = ModelFactory.make(hyper, vocabularySize: vocabulary.count)
                model.initialize(rng: &rng)
            }
            optimizer = AdamW(model.parameters, settings: hyper.optimizer)
            state = TrainingState(step: 0, epoch: 0, totalSteps: 0, rng: rng, bestValLoss: nil, epochsWithoutImprovement: 0)
        }
        file = fresh
        guard train.count >= model.rowLength, val.count >= model.rowLength else {
            throw ModelFile.LoadError(path: folder, problem: "the corpus is too small for \(model.rowLength)-token rows (train \(train.count), val \(val.count) tokens); add files or lower --val-fraction")
        }
        if !options.resume {
            state.totalSteps = options.steps ?? options.epochs * stepsPerEpoch
            optimizer.settings.totalSteps = state.totalSteps
        }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    /// Trains until the planned steps are done, early stopping ends it, or `shouldStop` says so
    /// (then `last` is saved and the run can be resumed).
    public func run(events: (Event) -> Void = { _ in }, shouldStop: () -> Bool = { false }) throws -> Summary {
        let B = model.hyper.batch, length = model.rowLength
        var rows = [Int32](repeating: 0, count: B * length)
        var windowLoss = 0.0, windowSteps = 0, ema: Double?
        var lastVal: Double?
        var stoppedEarly = false, interrupted = false
        if options.resume {
            // The schedule (warm-up, cosine decay) was planned for the original length, so it is kept.
            events(.message("resuming at step \(state.step) of \(state.totalSteps) (epoch \(state.epoch))"))
        }
        let start = Date()
        var windowStart = Date(), stepsSinceStart = 0
        while state.step < state.totalSteps {
            if shouldStop() { interrupted = true; break }
            for b in 0..<B {
                let offset = state.rng.nextInt(train.count - length + 1)
                for i in 0..<length { rows[b * length + i] = train[offset + i] }
            }
            optimizer.zeroGradients()
            let result = model.run(rows: rows, count: B, training: true, rng: &state.rng)
            let lr = optimizer.learningRate(atStep: optimizer.step)
            optimizer.update()
            state.step += 1
            stepsSinceStart += 1
            let loss = result.lossSum / Double(model.positionsPerBatch)
            windowLoss += loss
            windowSteps += 1
            ema = ema.map { 0.95 * $0 + 0.05 * loss } ?? loss
            let elapsed = Date().timeIntervalSince(start)
            let perSecond = Double(stepsSinceStart * model.positionsPerBatch) / max(elapsed, 1e-9)
            events(.progress(Status(step: state.step, totalSteps: state.totalSteps, epoch: state.epoch + 1, trainLoss: ema!,
                                    tokensPerSecond: perSecond,
                                    secondsLeft: elapsed / Double(stepsSinceStart) * Double(state.totalSteps - state.step))))
            let epochEnd = state.step % stepsPerEpoch == 0
            let evalNow = epochEnd || options.evalEvery.map { state.step % $0 == 0 } ?? false || state.step == state.totalSteps
            if state.step % options.logEvery == 0 || evalNow {
                let windowRate = Double(windowSteps * model.positionsPerBatch) / max(Date().timeIntervalSince(windowStart), 1e-9)
                log.rows.append(.init(step: state.step, epoch: state.epoch + 1, trainLoss: windowLoss / Double(windowSteps),
                                      valLoss: nil, learningRate: lr, tokensPerSecond: windowRate))
                file.trainLoss = windowLoss / Double(windowSteps)
                windowLoss = 0; windowSteps = 0; windowStart = Date()
            }
            if evalNow {
                let evaluation = Evaluation.run(model, tokens: val, maxBatches: options.maxEvalBatches)
                lastVal = evaluation.loss
                log.rows[log.rows.count - 1].valLoss = evaluation.loss
                if epochEnd { state.epoch += 1 }
                file.step = state.step
                file.epoch = state.epoch
                file.valLoss = evaluation.loss
                let improved = state.bestValLoss.map { evaluation.loss < $0 } ?? true
                if improved {
                    state.bestValLoss = evaluation.loss
                    try file.save(model, to: folder + "/best.safetensors")
                }
                if epochEnd {
                    if state.epoch % epochsPerCheckpoint == 0 {
                        try file.save(model, to: folder + String(format: "/epoch-%03d.safetensors", state.epoch))
                    }
                    state.epochsWithoutImprovement = improved ? 0 : state.epochsWithoutImprovement + 1
                }
                try saveLast()
                events(.message(String(format: "step %d, epoch %d: val loss %.4f (perplexity %.2f, accuracy %.1f%%)%@",
                                       state.step, state.epoch, evaluation.loss, evaluation.perplexity,
                                       100 * evaluation.accuracy, improved ? ", best so far" : "")))
                if let patience = options.patience, epochEnd, state.epochsWithoutImprovement >= patience {
                    stoppedEarly = true
                    events(.message("no better validation loss for \(patience) epoch(s): stopping early"))
                    break
                }
            }
        }
        if interrupted || state.step == state.totalSteps { try saveLast() }
        return Summary(steps: state.step, bestValLoss: state.bestValLoss, lastValLoss: lastVal,
                       interrupted: interrupted, stoppedEarly: stoppedEarly)
    }

    /// `last.safetensors`, its optimizer state, and the loss log.
    func saveLast() throws {
        file.step = state.step
        file.epoch = state.epoch
        try file.save(model, to: folder + "/last.safetensors")
        try state.save(optimizer, to: TrainingState.path(for: folder + "/last.safetensors"))
        try log.write(to: folder)
    }
}
