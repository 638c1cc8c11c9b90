import Basics
import Foundation
import Testing

/// `ProcessStats`: the figures move with the process's own work and come in the units they are named for.
struct ProcessStatsTests {
    /// CPU seconds agree with the kernel's per-process CPU clock over a stretch of busy work.
    @Test func cpuSecondsFollowsTheProcessClock() {
        func processClock() -> Double {
            var t = timespec()
            clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
            return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
        }
        let clockBefore = processClock(), before = ProcessStats.cpuSeconds()
        var sink = 0.0
        while processClock() - clockBefore < 0.2 {
            for i in 0..<10_000 { sink += sin(Double(i)) }
        }
        let used = ProcessStats.cpuSeconds() - before, clockUsed = processClock() - clockBefore
        #expect(sink.isFinite)
        #expect(used >= 0.15)
        #expect(abs(used - clockUsed) < 0.05, "getrusage \(used) s, CLOCK_PROCESS_CPUTIME_ID \(clockUsed) s")
    }

    /// After 128 MB are touched the peak is at least that, and still below the machine's memory (so it is in MB,
    /// not kB).
    @Test func peakRSSCountsTouchedMemoryInMegabytes() {
        let megabytes = 128
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: megabytes << 20, alignment: 4096)
        defer { buffer.deallocate() }
        memset(buffer, 1, megabytes << 20)
        let peak = ProcessStats.peakRSSMegabytes()
        #expect(peak >= Double(megabytes))
        #expect(peak < Double(ProcessInfo.processInfo.physicalMemory >> 20))
    }
}
