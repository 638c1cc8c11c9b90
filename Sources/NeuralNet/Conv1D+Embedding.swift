/// A convolution fed straight from an embedding, through the vocabulary instead of the windows.
///
/// Its input rows are table rows, x[b, t] = E[id[b, t]], so with W_k = W[:, :, k] ([filters, channels]):
///     y[b, p] = bias + Σ_k W_k · E[id[b, p + k]] = bias + Σ_k Q_k[id[b, p + k]],   Q_k = E · W_kᵀ  ([V, filters]).
/// Backward, with S_k[v] = Σ_{b, p: id[b, p + k] = v} dy[b, p] (the output gradients summed per token at
/// each kernel offset): dW_k = S_kᵀ · E and dE = Σ_k S_k · W_k. The products over B·P windows × C·K
/// become products over V tokens × C, plus a gather and a scatter over [B·P, filters]: for the seed
/// network (V = 4096 against 1024 · 37 windows) about a ninth of the arithmetic. The result is the same
/// as through `Embedding` and im2col, up to the order of float sums.
extension Conv1D {
    /// Whether going through the vocabulary saves work: fewer token kinds than half the windows.
    public static func prefersVocabulary(_ vocabulary: Int, windows: Int) -> Bool { 2 * vocabulary <= windows }

    /// `tokens` [B, length] → `output` [B, outLength, filters].
    public func forward(tokens: UnsafePointer<Int32>, embedding: Embedding, batch: Int) {
        let (V, F, C, K, P, L) = (embedding.weight.shape[0], filters, channels, kernel, outLength, length)
        let w = kernelWeights(), q = tables(V)
        for k in 0..<K {
            BLAS.gemm(false, true, m: V, n: F, k: C, embedding.weight.value, lda: C, w + k * F * C, ldb: C,
                      beta: 0, q + k * V * F, ldc: F)
        }
        let y = output.pointer, b0 = UnsafePointer(bias.value)
        Parallel.rows(batch, width: P * F * K) { share in
            for b in share {
                for p in 0..<P {
                    let out = y + (b * P + p) * F, window = tokens + b * L + p
                    Lanes.groups(0..<F) { j, n in
                        var sum = Lanes(b0 + j, count: n)
                        for k in 0..<K { sum += Lanes(q + (k * V + Int(window[k])) * F + j, count: n) }
                        sum.store(to: out + j, count: n)
                    }
                }
            }
        }
    }

    /// Back-propagates `dy` [B, outLength, filters] into the weights and into `embedding.weight.grad`.
    public func backward(_ dy: UnsafePointer<Float>, tokens: UnsafePointer<Int32>, embedding: Embedding, batch: Int) {
        let (V, F, C, K, P, L) = (embedding.weight.shape[0], filters, channels, kernel, outLength, length)
        // The weights as forward laid them out (they have not changed since), and their gradient's scratch.
        let w = kernelMajor!.pointer, sums = tables(V), dw = kernelMajorGrad ?? Buffer(K * F * C)
        kernelMajorGrad = dw
        sums.update(repeating: 0, count: K * V * F)
        // Windows with the same token add to the same row: each member takes whole kernel offsets.
        Parallel.team.run { member in
            for k in member.share(of: K) {
                let s = sums + k * V * F
                for b in 0..<batch {
                    for p in 0..<P {
                        let row = s + Int(tokens[b * L + p + k]) * F, d = dy + (b * P + p) * F
                        Lanes.groups(0..<F) { j, n in (Lanes(row + j, count: n) + Lanes(d + j, count: n)).store(to: row + j, count: n) }
                    }
                }
            }
        }
        for k in 0..<K {
            let s = UnsafePointer(sums + k * V * F)
            BLAS.gemm(true, false, m: F, n: C, k: V, s, lda: F, embedding.weight.value, ldb: C, beta: 0,
                      dw.pointer + k * F * C, ldc: C)
            BLAS.gemm(false, false, m: V, n: C, k: F, s, lda: F, w + k * F * C, ldb: C, beta: 1,
                      embedding.weight.grad, ldc: C)
        }
        for f in 0..<F { for c in 0..<C { for k in 0..<K { weight.grad[(f * C + c) * K + k] += dw[(k * F + f) * C + c] } } }
        addColumnSums(of: dy, rows: batch * P, columns: F, to: bias.grad)
    }

    /// The weights as [kernel, filters, channels]: W_k is a plain [filters, channels] matrix.
    private func kernelWeights() -> UnsafeMutablePointer<Float> {
        let (F, C, K) = (filters, channels, kernel)
        let w = kernelMajor ?? Buffer(K * F * C)
        kernelMajor = w
        for f in 0..<F { for c in 0..<C { for k in 0..<K { w[(k * F + f) * C + c] = weight.value[(f * C + c) * K + k] } } }
        return w.pointer
    }

    /// The [kernel, V, filters] scratch: the tables Q_k in forward, the sums S_k in backward.
    private func tables(_ vocabulary: Int) -> UnsafeMutablePointer<Float> {
        if let tables = tokenTables, tables.count == kernel * vocabulary * filters { return tables.pointer }
        let tables = Buffer(kernel * vocabulary * filters)
        tokenTables = tables
        return tables.pointer
    }
}
