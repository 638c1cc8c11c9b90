import Dispatch
import Kernels

/// How fast this machine reads a buffer of a given size on the team's threads: the floor under a step that reads
/// that many bytes of weights (`yamg bench generate` compares the float16 step with it). Each timed read is one
/// team run, each member summing its share, as a step is; the buffer is read once untimed first, so that it sits
/// wherever in the caches a step's weights would.
///
/// With a `HalfKernel`, the buffer holds float16 values and each read also widens them to float32 with that
/// kernel's conversion (`HalfKernel.widenedSum`): a second floor, for CPUs that convert slower than they read.
public enum ReadBandwidth {
    /// Microseconds of each of `repeats` reads of `bytes` bytes, split over `Parallel.team` when `split` is set,
    /// widening float16 values with `widening` when it is given.
    public static func microseconds(bytes: Int, repeats: Int, split: Bool, widening: HalfKernel? = nil) -> [Double] {
        // Filled with small values, as weights are (never denormals or NaNs, which would slow the sums).
        let byteCount = max(128, bytes), raw = UnsafeMutableRawPointer.allocate(byteCount: byteCount, alignment: 64)
        defer { raw.deallocate() }
        let sumShare: (Team.Member) -> Float
        if let widening {
            let count = byteCount / 2, halves = raw.bindMemory(to: UInt16.self, capacity: count)
            for i in 0..<count { halves[i] = Float16(Float(i % 7)).bitPattern }
            sumShare = { member in
                let share = member.share(of: count, granule: 64)
                return widening.widenedSum(halves + share.lowerBound, count: share.count)
            }
        } else {
            let count = byteCount / 4, floats = raw.bindMemory(to: Float.self, capacity: count)
            for i in 0..<count { floats[i] = Float(i % 7) }
            sumShare = { member in
                let share = member.share(of: count, granule: 32)
                return ReadSum.sum(floats + share.lowerBound, count: share.count)
            }
        }
        let sums = Buffer(64 * 16)  // one cache line per member
        func read(_ member: Team.Member) { sums[member.index * 16] += sumShare(member) }
        var times: [Double] = []
        for i in 0...repeats {
            let start = DispatchTime.now().uptimeNanoseconds
            if split { Parallel.team.run(read) } else { read(Team.Member(index: 0, count: 1)) }
            if i > 0 { times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1000) }
        }
        return times
    }
}
