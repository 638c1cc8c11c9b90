/// An LSTM layer fed straight from an embedding, through the vocabulary instead of the positions.
///
/// Its input rows are table rows: x_r = E[id_r]. So the input part of the gates is a row of the
/// [V, 4H] product E·W_ihᵀ (plus the biases), which the cells add as they go; and backward, with
/// S[v] = Σ_{r: id_r = v} dGates_r (the gate gradients summed per token), dW_ih = Sᵀ·E and dE = S·W_ih.
/// The three products of
/// [T·B × E × 4H] become products of [V × E × 4H] plus a scatter over [T·B, 4H]: for the
/// default model (V = 388 against T·B = 4096 positions) that is a tenth of the arithmetic. The result is
/// the same as through `Embedding`, up to the order of float sums.
extension LSTMLayer {
    /// Whether going through the vocabulary saves work: fewer token kinds than half the positions.
    public static func prefersVocabulary(_ vocabulary: Int, rows: Int) -> Bool { 2 * vocabulary <= rows }

    public func forward(tokens: UnsafePointer<Int32>, embedding: Embedding, steps: Int, batch: Int) {
        let V = embedding.weight.shape[0], h4 = 4 * hidden
        let table = tokenTable(V), bias = sumBiases()
        for v in 0..<V { (table + v * h4).update(from: bias, count: h4) }
        BLAS.gemm(false, true, m: V, n: h4, k: inputs, embedding.weight.value, lda: inputs, weightIH.value, ldb: inputs,
                  beta: 1, table, ldc: h4)
        forwardThroughTime(steps: steps, batch: batch, tokenInputs: (UnsafePointer(table), tokens))
    }

    /// Back-propagates `dOutput` into this layer's weights and into `embedding.weight.grad`.
    public func backward(_ dOutput: UnsafePointer<Float>, tokens: UnsafePointer<Int32>, embedding: Embedding) {
        backwardThroughTime(dOutput)
        let V = embedding.weight.shape[0], h4 = 4 * hidden, rows = steps * batch
        let sums = tokenTable(V)
        sums.update(repeating: 0, count: V * h4)
        addRows(of: gateGrad.pointer, rows: rows, columns: h4, at: tokens, to: sums)
        BLAS.gemm(true, false, m: h4, n: inputs, k: V, sums, lda: h4, embedding.weight.value, ldb: inputs,
                  beta: 1, weightIH.grad, ldc: inputs)
        BLAS.gemm(false, false, m: V, n: inputs, k: h4, sums, lda: h4, weightIH.value, ldb: inputs,
                  beta: 1, embedding.weight.grad, ldc: inputs)
    }

    /// The [V, 4H] scratch: E·W_ihᵀ + biases in forward, the per-token gate gradient sums in backward.
    private func tokenTable(_ vocabulary: Int) -> UnsafeMutablePointer<Float> {
        if let table = tokenGates, table.count == vocabulary * 4 * hidden { return table.pointer }
        let table = Buffer(vocabulary * 4 * hidden)
        tokenGates = table
        return table.pointer
    }
}
