import Daemon
import ArgumentParser
import Encoding
import Foundation
import Models
import NeuralNet

extension Hyperparameters.Arch: ExpressibleByArgument {}
extension Hyperparameters.SeedInput: ExpressibleByArgument {}

/// `yamg train CORPUS -o RUN`: train a model on a corpus, with checkpoints, logs and a loss plot.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a model on a corpus made by yamg preprocess.",
        discussion: "RUN gets best.safetensors (lowest validation loss), last.safetensors (+ last.state.safetensors "
            + "for --resume), one epoch-NNN.safetensors per epoch (on a small corpus, per 50 steps or more), loss.csv "
            + "and loss.svg. Ctrl-C saves and stops."
    )

    @Argument(help: "The corpus folder.")
    var corpus: String

    @Option(name: [.short, .customLong("output")], help: "The run folder.")
    var output: String

    @OptionGroup var model: ModelOptions

    @Option(help: "Epochs to train (one epoch = as many predicted tokens as the training split holds).")
    var epochs = 10

    @Option(help: "Train this many steps in all instead of --epochs.")
    var steps: Int?

    @Option(help: "Also evaluate and save last.safetensors every N steps.")
    var evalEvery: Int?

    @Option(help: "Stop after N epochs without a better validation loss.")
    var patience: Int?

    @Option(help: "Validation batches per evaluation (0: the whole split).")
    var evalBatches = 100

    @Option(help: "Cores to use (threads for the products and the element-wise work).")
    var threads = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Random seed (initial weights, batches, dropout).")
    var seed: UInt64 = 1

    @Flag(help: "Continue RUN/last.safetensors exactly where it stopped.")
    var resume = false

    @Option(help: ArgumentHelp("Fine-tune: start from this model's weights (same encoding and vocabulary as the corpus).",
                               discussion: "Its shape is taken; the schedule defaults to a third of its learning rate and a 20-step warm-up; flags still win."),
            completion: .file(extensions: ["safetensors"]))
    var from: String?

    func validate() throws {
        try model.validate()
        guard epochs >= 1 else { throw ValidationError("--epochs must be at least 1, got \(epochs)") }
        if let steps, steps < 1 { throw ValidationError("--steps must be at least 1, got \(steps)") }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1, got \(threads)") }
        if from != nil && resume { throw ValidationError("--from starts a new run and --resume continues one; give one of them") }
    }

    /// The run's hyper-parameters: the flags over the defaults, or over the fine-tuning schedule of the
    /// `--from` model (whose shape the flags may only repeat).
    func hyperparameters() throws -> Hyperparameters {
        guard let from else { return model.hyperparameters() }
        let base: ModelFile
        do { base = try ModelFile.load(from).0 } catch { throw ValidationError("--from \(error)") }
        let hyper = model.hyperparameters(over: .fineTuning(base.hyper))
        for (key, value) in hyper.shape where base.hyper.shape[key] != value {
            throw ValidationError("--\(key.replacingOccurrences(of: " ", with: "-")) \(value): the --from model has \(key) \(base.hyper.shape[key] ?? "-")")
        }
        return hyper
    }

    func run() throws {
        Parallel.train(on: threads)
        var options = Trainer.Options()
        options.epochs = epochs
        options.steps = steps
        options.evalEvery = evalEvery
        options.patience = patience
        options.seed = seed
        options.resume = resume
        options.from = from
        options.maxEvalBatches = evalBatches == 0 ? nil : evalBatches
        let hyper: Hyperparameters
        do { hyper = try hyperparameters() } catch let error as ValidationError {
            printError("yamg train: \(error.message)")  // one line, like the other --from errors
            throw ExitCode.validationFailure
        }
        let trainer: Trainer
        do {
            trainer = try Trainer(corpusFolder: corpus, hyper: hyper, options: options, folder: output)
        } catch let error as Trainer.RunFolderInUse {
            printError("yamg train: \(error)")
            throw ExitCode(1)
        } catch let error as ModelFile.LoadError where from != nil && error.path == from {
            printError("yamg train: --from \(error)")
            throw ExitCode(1)
        }
        if let from {
            let optimizer = hyper.optimizer
            printError("fine-tuning \(from): peak learning rate \(optimizer.learningRate), \(optimizer.warmupSteps) warm-up steps")
        }
        printError("training \(trainer.model.hyper.arch.rawValue) (\(trainer.model.parameterCount) parameters, vocabulary \(trainer.model.vocabularySize)) "
                   + "on \(trainer.trainingTokens) tokens, \(trainer.stepsPerEpoch) steps per epoch, \(threads) threads")
        let stop = StopRequest()
        let bar = TrainingBar()
        let summary = try trainer.run(events: { event in
            switch event {
            case .progress(let status): bar.show(status)
            case .message(let text): bar.message(text)
            }
        }, shouldStop: { stop.isRaised })
        bar.finish()
        if summary.interrupted {
            print("stopped at step \(summary.steps); saved \(output)/last.safetensors — continue with --resume")
        } else {
            print("done: \(summary.steps) steps; best val loss \(summary.bestValLoss.map { String(format: "%.4f", $0) } ?? "-"); "
                  + "models in \(output)/ (best.safetensors, last.safetensors), plot in \(output)/loss.svg")
        }
    }
}

/// The flags that shape a model, shared by `train` and `bench train`.
struct ModelOptions: ParsableArguments {
    @Option(help: "Architecture: lstm (default) or seed (the original Conv1D/Dense network).")
    var arch: Hyperparameters.Arch?
    @Option(help: "Embedding size (lstm 256, seed 32).") var embed: Int?
    @Option(help: "LSTM hidden size (512).") var hidden: Int?
    @Option(help: "LSTM layers (2).") var layers: Int?
    @Option(help: "lstm: tokens per training sequence (128); seed: window length (40).") var seqLen: Int?
    @Option(help: "Batch size (lstm 32, seed 1024).") var batch: Int?
    @Option(help: "Dropout (lstm 0.1 between layers, seed 0.2).") var dropout: Float?
    @Option(help: "Peak learning rate (1e-3).") var lr: Float?
    @Option(help: "AdamW weight decay (0).") var weightDecay: Float?
    @Option(help: "Clip gradients to this global norm (lstm 1, seed 0 = off).") var clip: Float?
    @Option(help: "Learning-rate warm-up steps (lstm 100).") var warmup: Int?
    @Option(help: "seed arch: feed ids through an embedding (default) or as magnitudes (the original).")
    var seedInput: Hyperparameters.SeedInput?

    func validate() throws {
        for (name, value) in [("--embed", embed), ("--hidden", hidden), ("--layers", layers), ("--seq-len", seqLen), ("--batch", batch)] {
            if let value, value < 1 { throw ValidationError("\(name) must be at least 1, got \(value)") }
        }
        if let seqLen, arch == .seed, seqLen < SeedModel.kernel { throw ValidationError("--seq-len must be at least 4 for the seed arch") }
        if let dropout, !(0..<1).contains(dropout) { throw ValidationError("--dropout must be in [0, 1), got \(dropout)") }
        if let lr, !(lr > 0) { throw ValidationError("--lr must be positive, got \(lr)") }
    }

    /// The flags over `base` (by default, the defaults of the chosen architecture).
    func hyperparameters(over base: Hyperparameters? = nil) -> Hyperparameters {
        var h = base ?? Hyperparameters.defaults(for: arch ?? .lstm)
        h.arch = arch ?? h.arch
        h.embed = embed ?? h.embed
        h.hidden = hidden ?? h.hidden
        h.layers = layers ?? h.layers
        h.seqLen = seqLen ?? h.seqLen
        h.batch = batch ?? h.batch
        h.dropout = dropout ?? h.dropout
        h.seedInput = seedInput ?? h.seedInput
        h.optimizer.learningRate = lr ?? h.optimizer.learningRate
        h.optimizer.weightDecay = weightDecay ?? h.optimizer.weightDecay
        h.optimizer.clipNorm = clip ?? h.optimizer.clipNorm
        h.optimizer.warmupSteps = warmup ?? h.optimizer.warmupSteps
        return h
    }
}
