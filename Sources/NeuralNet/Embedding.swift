/// Token ids → rows of a learned table. Backward adds each output row's gradient to its id's row.
public final class Embedding {
    public let weight: Parameter  // [vocabulary, dim]
    public let dim: Int
    public let output: Buffer     // [rows, dim]
    private var ids: [Int32]

    public init(vocabulary: Int, dim: Int, maxRows: Int, name: String = "embedding") {
        self.dim = dim
        weight = Parameter("\(name).weight", [vocabulary, dim])
        output = Buffer(maxRows * dim)
        ids = Array(repeating: 0, count: maxRows)
    }

    public func forward(_ tokens: UnsafePointer<Int32>, rows: Int) {
        for r in 0..<rows { ids[r] = tokens[r] }
        let table = weight.value, out = output.pointer, dim = dim
        Parallel.rows(rows, width: dim) { share in
            for r in share { (out + r * dim).update(from: table + Int(tokens[r]) * dim, count: dim) }
        }
    }

    /// Rows with the same id add to the same table row, so the work is split by columns, not rows.
    public func backward(_ dOutput: UnsafePointer<Float>, rows: Int) {
        let grad = weight.grad, dim = dim
        ids.withUnsafeBufferPointer { ids in
            let run = { (columns: Range<Int>) in
                for r in 0..<rows {
                    let g = grad + Int(ids[r]) * dim, d = dOutput + r * dim
                    for j in columns { g[j] += d[j] }
                }
            }
            guard rows * dim >= 32_768 else { return run(0..<dim) }
            Parallel.team.run { run($0.share(of: dim, granule: 8)) }
        }
    }
}
