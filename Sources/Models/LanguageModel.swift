import NeuralNet

/// A next-token model as the trainer sees it: parameters, and a batched forward (and backward) pass.
///
/// A batch is a set of rows, each with its input context and one or more target positions; the model
/// lays them out as it needs (time-major for the LSTM, windows for the seed network).
public protocol LanguageModel: AnyObject {
    var hyper: Hyperparameters { get }
    var vocabularySize: Int { get }
    /// All learnable tensors, named as PyTorch names them.
    var parameters: [Parameter] { get }
    /// Predicted positions per batch (B·T for the LSTM, B for the seed network).
    var positionsPerBatch: Int { get }
    /// Tokens of context each batch row needs, including the targets.
    var rowLength: Int { get }
    func initialize(rng: inout RNG)
    /// Forward over `rows` (each `rowLength` ids, row-major), the loss against each row's next tokens,
    /// and — when `training` — backward, accumulating parameter gradients.
    func run(rows: UnsafePointer<Int32>, count: Int, training: Bool, rng: inout RNG) -> SoftmaxCrossEntropy.Result
}

extension LanguageModel {
    /// The number of learnable values, all tensors together.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.count } }
}

public enum ModelFactory {
    public static func make(_ hyper: Hyperparameters, vocabularySize: Int) -> LanguageModel {
        switch hyper.arch {
        case .lstm: LSTMModel(hyper, vocabularySize: vocabularySize)
        case .seed: SeedModel(hyper, vocabularySize: vocabularySize)
        }
    }
}
