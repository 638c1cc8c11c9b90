/// out[j] += Σ_r m[r, j] over a row-major [rows, columns] matrix: the bias gradients. The columns are
/// split over `Parallel.team`, so no two threads add to the same sum; each thread reads its part of
/// every row in order (row by row: going down a column instead would fetch each cache line many times).
public func addColumnSums(of m: UnsafePointer<Float>, rows: Int, columns: Int, to out: UnsafeMutablePointer<Float>) {
    let run = { (share: Range<Int>) in
        for r in 0..<rows {
            let row = m + r * columns
            Lanes.groups(share) { j, n in (Lanes(out + j, count: n) + Lanes(row + j, count: n)).store(to: out + j, count: n) }
        }
    }
    guard rows * columns >= 32_768 else { return run(0..<columns) }
    Parallel.team.run { member in run(member.share(of: columns, granule: 8)) }
}
