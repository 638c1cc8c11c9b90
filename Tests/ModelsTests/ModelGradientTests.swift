import Models
import NeuralNet
import Testing

/// Whole-architecture gradient checks: every parameter of small `lstm` and `seed` models against
/// finite differences of the mean cross-entropy (dropout off, so the loss is a function of the weights),
/// along directions over 64 random entries of each tensor (the seed network's kinks rule out moving all).
@Suite struct ModelGradientTests {
    func check(_ model: LanguageModel, seed: UInt64, step: Float = 1e-2) {
        var rng = RNG(seed: seed)
        model.initialize(rng: &rng)
        let batch = model.hyper.batch, length = model.rowLength
        var rows: [Int32] = (0..<batch * length).map { _ in Int32(rng.nextInt(model.vocabularySize)) }
        let loss = { () -> Double in
            var unused = RNG(seed: 0)
            return model.run(rows: &rows, count: batch, training: false, rng: &unused).lossSum / Double(model.positionsPerBatch)
        }
        for p in model.parameters { p.zeroGrad() }
        var unused = RNG(seed: 0)
        _ = model.run(rows: &rows, count: batch, training: true, rng: &unused)
        for p in model.parameters {
            // The median of 9 directions: float32 round-off and the odd kink crossing make single
            // directions scatter around 1 %; a wrong gradient is off in every direction.
            let errors = (0..<9).map { _ in
                GradientCheck.relativeError(values: p.value, grads: p.grad, count: p.count, step: step, elements: 64,
                                            rng: &rng, loss: loss)
            }.sorted()
            #expect(errors[4] < 1e-2, "\(model.hyper.arch) \(p.name): relative errors \(errors)")
        }
    }

    /// With 11 token kinds the first layer's input goes through the 12 positions' embedding rows; with 5,
    /// through the vocabulary (LSTM+Embedding.swift). Both must give the same gradients.
    @Test(arguments: [11, 5])
    func lstm(vocabulary: Int) {
        var h = Hyperparameters.defaults(for: .lstm)
        (h.embed, h.hidden, h.layers, h.seqLen, h.batch, h.dropout) = (5, 6, 2, 4, 3, 0)
        #expect(LSTMLayer.prefersVocabulary(vocabulary, rows: 12) == (vocabulary == 5))
        let model = ModelFactory.make(h, vocabularySize: vocabulary)
        #expect(model.parameters.map(\.name) == ["embedding.weight", "lstm.weight_ih_l0", "lstm.weight_hh_l0",
            "lstm.bias_ih_l0", "lstm.bias_hh_l0", "lstm.weight_ih_l1", "lstm.weight_hh_l1", "lstm.bias_ih_l1",
            "lstm.bias_hh_l1", "head.weight", "head.bias"])
        check(model, seed: 11)
    }

    /// With 13 token kinds the embedded convolution goes through the vocabulary (Conv1D+Embedding.swift); with
    /// 120, through the 4 · 37 windows. Both must give the same gradients.
    @Test(arguments: [(Hyperparameters.SeedInput.embedding, 13), (.embedding, 120), (.magnitude, 13)])
    func seed(input: Hyperparameters.SeedInput, vocabulary: Int) {
        var h = Hyperparameters.defaults(for: .seed)
        (h.embed, h.batch, h.dropout, h.seedInput) = (3, 4, 0, input)
        #expect(Conv1D.prefersVocabulary(vocabulary, windows: 4 * 37) == (vocabulary == 13))
        let model = ModelFactory.make(h, vocabularySize: vocabulary)
        #expect(model.parameters.contains { $0.name == "conv.weight" && $0.shape == [64, input == .embedding ? 3 : 1, 4] })
        #expect(model.parameters.contains { $0.name == "dense1.weight" && $0.shape == [128, 64 * 37] })
        check(model, seed: 12, step: 1e-3)
    }
}
