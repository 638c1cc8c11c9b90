/// The LSTM cell's element-wise part on up to eight units at a time, shared by training (`LSTMLayer`)
/// and generation (the batch-1 stepper). A gate row holds the pre-activations i, f, g, o at offsets
/// 0, H, 2H, 3H.
public enum LSTMCell {
    /// Units `j..<j+n` of one row: adds `addend` (the bias, or the bias and the input part) to the
    /// pre-activations, applies the gate nonlinearities in place, and returns the new cell state, its tanh
    /// and the output h.
    @inline(__always)
    public static func forward(_ row: UnsafeMutablePointer<Float>, adding addend: UnsafePointer<Float>, hidden H: Int,
                               _ j: Int, _ n: Int, previousCell: Lanes) -> (cell: Lanes, cellTanh: Lanes, output: Lanes) {
        func gate(_ q: Int) -> Lanes { Lanes(row + q * H + j, count: n) + Lanes(addend + q * H + j, count: n) }
        let (i, f, o) = fastSigmoids(gate(0), gate(1), gate(3))
        let g = fastTanh(gate(2))
        i.store(to: row + j, count: n)
        f.store(to: row + H + j, count: n)
        g.store(to: row + 2 * H + j, count: n)
        o.store(to: row + 3 * H + j, count: n)
        let cell = i * g + f * previousCell
        let cellTanh = fastTanh(cell)
        return (cell, cellTanh, o * cellTanh)
    }

    /// Units `j..<j+n` of one row back: from the activated gates (`row`), tanh of the cell, the previous
    /// cell and the gradients reaching h and c, writes the pre-activation gradients to `gradRow` and
    /// returns the gradient passed on to the previous cell.
    @inline(__always)
    public static func backward(gates row: UnsafePointer<Float>, gradients gradRow: UnsafeMutablePointer<Float>,
                                hidden H: Int, _ j: Int, _ n: Int, cellTanh tc: Lanes, previousCell: Lanes,
                                outputGrad dh: Lanes, cellGrad dcNext: Lanes) -> Lanes {
        let i = Lanes(row + j, count: n), f = Lanes(row + H + j, count: n)
        let g = Lanes(row + 2 * H + j, count: n), o = Lanes(row + 3 * H + j, count: n)
        let dc = dh * o * (1 - tc * tc) + dcNext
        (dc * g * i * (1 - i)).store(to: gradRow + j, count: n)
        (dc * previousCell * f * (1 - f)).store(to: gradRow + H + j, count: n)
        (dc * i * (1 - g * g)).store(to: gradRow + 2 * H + j, count: n)
        (dh * tc * o * (1 - o)).store(to: gradRow + 3 * H + j, count: n)
        return dc * f
    }
}
