import Foundation

/// What this process has cost so far, from the kernel's accounting (`getrusage`): the figures the `yamg bench`
/// commands print beside their timings.
public enum ProcessStats {
    /// The process's peak resident set size so far, in MB (Linux reports kilobytes).
    public static func peakRSSMegabytes() -> Double {
        let usage = selfUsage()
        return Double(usage.ru_maxrss) / 1024
    }

    /// User plus system CPU seconds of this process so far (all threads: ours, FluidSynth's audio thread, BLAS).
    public static func cpuSeconds() -> Double {
        let usage = selfUsage()
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1e-6
    }

    private static func selfUsage() -> rusage {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage
    }
}
