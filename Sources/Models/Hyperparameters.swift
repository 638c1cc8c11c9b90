import NeuralNet

/// Everything that shapes a model and its training, stored in every checkpoint.
public struct Hyperparameters: Sendable, Codable, Equatable {
    public enum Arch: String, Sendable, Codable, CaseIterable {
        /// Embedding → LSTM × layers → Linear: the default.
        case lstm
        /// The original Keras network: a window of 40 ids → Conv1D → Dense layers → softmax.
        case seed
    }

    /// How the `seed` arch sees token ids.
    public enum SeedInput: String, Sendable, Codable, CaseIterable {
        /// Through an embedding, as ids should be.
        case embedding
        /// As float magnitudes id / (V − 1), as the original did.
        case magnitude
    }

    public var arch: Arch
    public var embed: Int
    public var hidden: Int
    public var layers: Int
    /// lstm: tokens per training sequence; seed: the window length (40).
    public var seqLen: Int
    public var batch: Int
    public var dropout: Float
    public var seedInput: SeedInput
    public var optimizer: AdamW.Settings

    public static func defaults(for arch: Arch) -> Hyperparameters {
        var optimizer = AdamW.Settings()
        switch arch {
        case .lstm:
            optimizer.warmupSteps = 100
            return Hyperparameters(arch: .lstm, embed: 256, hidden: 512, layers: 2, seqLen: 128, batch: 32,
                                   dropout: 0.1, seedInput: .embedding, optimizer: optimizer)
        case .seed:
            optimizer.clipNorm = 0  // the original trained with plain Adam 1e-3
            return Hyperparameters(arch: .seed, embed: 32, hidden: 0, layers: 0, seqLen: 40, batch: 1024,
                                   dropout: 0.2, seedInput: .embedding, optimizer: optimizer)
        }
    }

    /// The architecture's fields: what must agree between a model file and a run that starts from it.
    public var shape: [String: String] {
        ["arch": arch.rawValue, "embed": String(embed), "hidden": String(hidden), "layers": String(layers),
         "seed input": seedInput.rawValue]
    }

    /// Fine-tuning a trained model (`yamg train --from`): its shape, sequence length, batch and dropout, with a
    /// gentler schedule: a third of its peak learning rate and a short warm-up, so the first steps do not
    /// undo what it learned.
    public static func fineTuning(_ base: Hyperparameters) -> Hyperparameters {
        var h = base
        h.optimizer.learningRate = base.optimizer.learningRate / 3
        h.optimizer.warmupSteps = min(base.optimizer.warmupSteps, 20)
        return h
    }
}
