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

    public func backward(_ dOutput: UnsafePointer<Float>, rows: Int) {
        ids.withUnsafeBufferPointer { addRows(of: dOutput, rows: rows, columns: dim, at: $0.baseAddress!, to: weight.grad) }
    }
}
