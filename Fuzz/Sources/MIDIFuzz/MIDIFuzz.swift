import MIDIFile

/// libFuzzer entry point (libFuzzer supplies `main`): reads the bytes, runs every reader-facing API on
/// what parses, and checks the writer's promise read(write(x)) == x for files read without warnings.
/// A violation stops the process with `fatalError`, which libFuzzer records as a crash with the input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMIDIFile(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    /// Serializes `file` and reads it back; if `file` had no warnings, the two must agree.
    func checkRoundTrip(_ file: StandardMIDIFile, notes: [Note]) -> StandardMIDIFile {
        let reread: StandardMIDIFile
        do {
            reread = try StandardMIDIFile(bytes: file.serialized())
        } catch {
            fatalError("serialized output does not read back: \(error)")
        }
        guard file.warnings.isEmpty else { return reread }
        if reread.format != file.format || reread.division != file.division {
            fatalError("round trip changed the header: format \(file.format) → \(reread.format), \(file.division) → \(reread.division)")
        }
        if reread.tracks.count != file.tracks.count {
            fatalError("round trip changed the track count: \(file.tracks.count) → \(reread.tracks.count)")
        }
        for (index, (a, b)) in zip(file.tracks, reread.tracks).enumerated() where a != b {
            let common = min(a.events.count, b.events.count)
            let at = (0..<common).first { a.events[$0] != b.events[$0] } ?? common
            fatalError("round trip changed track \(index) at event \(at) of \(a.events.count)/\(b.events.count): "
                + "\(at < a.events.count ? "\(a.events[at])" : "-") → \(at < b.events.count ? "\(b.events[at])" : "-")")
        }
        if reread.notes().notes != notes {
            fatalError("round trip changed the notes")
        }
        // Stricter than the documented promise: a clean file should also be written as a clean file.
        if !reread.warnings.isEmpty {
            fatalError("a file read without warnings was written as one with warnings: \(reread.warnings)")
        }
        return reread
    }

    guard let file = try? StandardMIDIFile(bytes: UnsafeRawBufferPointer(start: data, count: size)) else {
        return 0
    }
    let notes = file.notes().notes
    _ = file.dumpJSON(file: "fuzz")
    _ = file.summary(file: "fuzz")
    _ = file.eventListing()
    _ = file.durationSeconds
    let reread = checkRoundTrip(file, notes: notes)
    // What the reader salvages from a broken file must round-trip too: this drives the writer with
    // everything the reader recovers, not only with clean files.
    if !file.warnings.isEmpty && reread.warnings.isEmpty {
        _ = checkRoundTrip(reread, notes: reread.notes().notes)
    }
    return 0
}
