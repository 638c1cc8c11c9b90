/// out[j] += Σ_r m[r, j] over a row-major [rows, columns] matrix: the bias gradients.
public func addColumnSums(of m: UnsafePointer<Float>, rows: Int, columns: Int, to out: UnsafeMutablePointer<Float>) {
    addRows(of: m, rows: rows, columns: columns) { _ in out }
}

/// table[index[r]] += m[r] for every row r: the gradients of rows gathered from a table by token id.
public func addRows(of m: UnsafePointer<Float>, rows: Int, columns: Int, at index: UnsafePointer<Int32>,
                    to table: UnsafeMutablePointer<Float>) {
    addRows(of: m, rows: rows, columns: columns) { table + Int(index[$0]) * columns }
}

/// Adds each row r of m to the row `destination(r)`. Several rows may add to the same one, so the columns,
/// not the rows, are split over `Parallel.team`; each thread reads its part of every row in order (going
/// down a column instead would fetch each cache line many times).
private func addRows(of m: UnsafePointer<Float>, rows: Int, columns: Int,
                     destination: (Int) -> UnsafeMutablePointer<Float>) {
    func run(_ share: Range<Int>) {
        for r in 0..<rows {
            let row = m + r * columns, out = destination(r)
            Lanes.groups(share) { j, n in (Lanes(out + j, count: n) + Lanes(row + j, count: n)).store(to: out + j, count: n) }
        }
    }
    guard rows * columns >= 32_768 else { return run(0..<columns) }
    Parallel.team.run { member in run(member.share(of: columns, granule: 8)) }
}
