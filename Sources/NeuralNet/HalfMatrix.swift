import Foundation

/// A float16 copy of a matrix for the batch-1 generation step, whose time is the time to read its weights:
/// half the bytes of float32, widened back to float32 inside the product (`HalfKernel`).
///
/// Rows are packed in panels of 16 (rows past `rows` are zeros): panel p holds, for each column, the values of
/// rows 16p..<16p+16, so that a product over a range of panels reads one run of memory from start to end, and
/// threads can split a product by panels. Values beyond float16's range (±65504) are clamped to it.
public final class HalfMatrix: @unchecked Sendable {
    public let rows: Int, columns: Int
    public var panels: Int { (rows + 15) / 16 }
    /// The bytes a full product reads.
    public var bytes: Int { panels * 16 * columns * 2 }
    private let packed: UnsafeMutablePointer<UInt16>

    /// The `rows` × `columns` matrix whose (r, c) element is `value(r, c)`.
    public init(rows: Int, columns: Int, _ value: (_ row: Int, _ column: Int) -> Float) {
        self.rows = rows
        self.columns = columns
        let count = (rows + 15) / 16 * 16 * columns
        packed = .allocate(capacity: count)
        for p in 0..<(rows + 15) / 16 {
            let panel = packed + p * 16 * columns
            for lane in 0..<16 {
                let r = p * 16 + lane
                for c in 0..<columns {
                    let v = r < rows ? min(max(value(r, c), -65504), 65504) : 0
                    panel[c * 16 + lane] = Float16(v).bitPattern
                }
            }
        }
    }

    deinit { packed.deallocate() }

    /// The (rounded) value at row r, column c.
    public subscript(row: Int, column: Int) -> Float {
        Float(Float16(bitPattern: packed[row / 16 * 16 * columns + column * 16 + row % 16]))
    }

    /// y[16p..<16p+16] = (or +=, with `accumulate`) rows 16p..<16p+16 · x, for each panel p of `panels`: `x` holds
    /// `columns` values, `y` is the whole output (room for 16 · `panels.upperBound` values). The caller checks once
    /// that `kernel` runs here (`HalfKernel.isAvailable`): this is the inner loop of a step.
    public func multiply(panels: Range<Int>, _ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>,
                         accumulate: Bool = false, kernel: HalfKernel = .best) {
        precondition(panels.lowerBound >= 0 && panels.upperBound <= self.panels, "panels \(panels) of \(self.panels)")
        guard !panels.isEmpty else { return }
        kernel.multiply(panels: panels, k: columns, packed, x, y, accumulate: accumulate)
    }
}
