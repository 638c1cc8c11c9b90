import Foundation

/// `yamg bench parse`: how fast files are read from bytes in memory into notes with times.
///
/// Files are loaded once; each pass parses every file and pairs its notes (ticks, seconds and programs),
/// on one thread. The figure is the fastest pass, the median beside it.
public struct ParseBenchmark: Sendable {
    /// Files loaded (and parsed in each pass, whether or not they parse).
    public var files: Int
    /// Notes of one pass, and files that failed to parse in it.
    public var notes: Int, failed: Int
    public var bytes: Int
    /// Seconds of each pass.
    public var passes: [Double]

    public var best: Double { passes.min() ?? 0 }
    public var median: Double { passes.sorted()[passes.count / 2] }

    /// Runs `passes` passes over the MIDI files under `paths`; nil when there are none.
    public static func run(paths: [String], passes count: Int) -> ParseBenchmark? {
        let found = MIDIFileFinder.files(under: paths)
        guard !found.isEmpty else { return nil }
        let contents = found.compactMap { FileManager.default.contents(atPath: $0).map { [UInt8]($0) } }
        var result = ParseBenchmark(files: contents.count, notes: 0, failed: 0, bytes: contents.reduce(0) { $0 + $1.count },
                                    passes: [])
        for _ in 0..<max(1, count) {
            result.notes = 0
            result.failed = 0
            let start = DispatchTime.now().uptimeNanoseconds
            for data in contents {
                if let file = try? StandardMIDIFile(bytes: data) {
                    result.notes += file.notes().notes.count
                } else {
                    result.failed += 1
                }
            }
            result.passes.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return result
    }
}
