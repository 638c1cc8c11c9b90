import Dispatch
import Kernels

/// How fast this machine reads a buffer of a given size on the team's threads: the floor under a step that reads
/// that many bytes of weights (`yamg bench generate` compares the float16 step with it). Each timed read is one
/// team run, each member summing its share, as a step is; the buffer is read once untimed first, so that it sits
/// wherever in the caches a step's weights would.
public enum ReadBandwidth {
    /// Microseconds of each of `repeats` reads of `bytes` bytes, split over `Parallel.team` when `split` is set.
    public static func microseconds(bytes: Int, repeats: Int, split: Bool) -> [Double] {
        let count = max(32, bytes / 4)
        let buffer = Buffer(count)
        for i in 0..<count { buffer[i] = Float(i % 7) }
        let sums = Buffer(64 * 16)  // one cache line per member
        func read(_ member: Team.Member) {
            let share = member.share(of: count, granule: 32)
            sums[member.index * 16] += ReadSum.sum(buffer.pointer + share.lowerBound, count: share.count)
        }
        var times: [Double] = []
        for i in 0...repeats {
            let start = DispatchTime.now().uptimeNanoseconds
            if split { Parallel.team.run(read) } else { read(Team.Member(index: 0, count: 1)) }
            if i > 0 { times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1000) }
        }
        return times
    }
}
