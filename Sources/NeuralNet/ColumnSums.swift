/// out[j] += Σ_r m[r, j] over a row-major [rows, columns] matrix: the bias gradients. The columns are
/// split over `Parallel.team`, so no two threads add to the same sum, and each thread walks the rows
/// in order, eight columns at a time.
public func addColumnSums(of m: UnsafePointer<Float>, rows: Int, columns: Int, to out: UnsafeMutablePointer<Float>) {
    let run = { (share: Range<Int>) in
        Lanes.groups(share) { j, n in
            var sum = Lanes(out + j, count: n)
            for r in 0..<rows { sum += Lanes(m + r * columns + j, count: n) }
            sum.store(to: out + j, count: n)
        }
    }
    guard rows * columns >= 32_768 else { return run(0..<columns) }
    Parallel.team.run { member in run(member.share(of: columns, granule: 8)) }
}
