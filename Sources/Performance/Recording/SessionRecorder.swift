import Basics
import Foundation
import MIDIFile

/// Records a session to `YYYY-MM-DD_HH-MM-SS.mid` in a folder: exactly the events the sinks played, at the
/// session times they were scheduled for.
///
/// Crash-safe by construction: the file on disk is always a complete, valid MIDI file, rewritten atomically
/// (temporary file, fsync, rename) every `flushInterval` seconds with every note still sounding cut at that
/// instant, so a `kill -9` loses at most the last interval. A file name is reserved with `O_EXCL`, so an
/// old session is never overwritten (a second file in the same second gets `_2`, `_3`, …).
///
/// The current file's events stay in memory (about 24 bytes each, a few MB per hour); `rotate` starts a new file
/// and frees them, which keeps an endless session flat.
public final class SessionRecorder {
    public let folder: String
    public let program: U7
    public let flushInterval: Double
    /// The file being written now.
    public private(set) var path: String
    /// Session time at which the current file starts (its time 0).
    public private(set) var fileStart: Double
    private var events: [TimedEvent] = []
    /// The player's notes (MIDI input), on their own track `input`; the track is written once ``hasInput`` is set.
    private var inputEvents: [TimedEvent] = []
    /// Write the `input` track (a session that listens to a player), even while it is empty.
    public var hasInput = false
    /// Events of the current file held in memory (freed by `rotate`).
    public var eventCount: Int { events.count }
    private var lastFlush: Double
    /// The size of the current file after its latest rewrite.
    public private(set) var fileBytes = 0

    /// Creates the folder if needed and the first file, valid and empty, starting at session time `now`.
    public init(folder: String, program: U7 = 0, flushInterval: Double = 1, now: Double,
                date: Date = Date()) throws(RecorderError) {
        self.folder = NSString(string: folder).expandingTildeInPath
        self.program = program
        self.flushInterval = flushInterval
        do {
            try FileManager.default.createDirectory(atPath: self.folder, withIntermediateDirectories: true)
        } catch {
            throw .folder(path: self.folder, reason: Self.reason(error))
        }
        path = try Self.reserve(in: self.folder, date: date)
        fileStart = now
        lastFlush = now
        try flush(now: now)
    }

    /// Moves the current file's time 0 to `now` (the performer calls it when the music starts, which can be a
    /// moment after the recorder was made while the sinks opened). Only before anything is recorded.
    public func begin(now: Double) {
        guard events.isEmpty && inputEvents.isEmpty else { return }
        fileStart = now
        lastFlush = now
    }

    /// Appends events that have fallen due (session times, in order).
    public func record(_ due: [TimedEvent]) {
        for var event in due {
            event.time -= fileStart
            events.append(event)
        }
    }

    /// Appends the player's events (session times, in order) to the `input` track.
    public func recordInput(_ played: [TimedEvent]) {
        for var event in played {
            event.time = max(0, event.time - fileStart)
            inputEvents.append(event)
        }
    }

    /// The player's events held for the current file.
    public var inputEventCount: Int { inputEvents.count }

    /// Rewrites the file if `flushInterval` has passed since the last write (without fsync: see `flush`); true
    /// when it did.
    @discardableResult
    public func flushIfDue(now: Double) throws(RecorderError) -> Bool {
        guard now - lastFlush >= flushInterval else { return false }
        try flush(now: now, sync: false)
        return true
    }

    /// Rewrites the file with everything recorded so far, ending at `now` (sounding notes end there too).
    /// The periodic rewrites skip the fsync (a killed process still leaves the last complete file; only a power
    /// cut can lose the newest seconds); the first and last write of each file are synced.
    public func flush(now: Double, sync: Bool = true) throws(RecorderError) {
        lastFlush = now
        let end = max(0, now - fileStart)
        let midi = hasInput
            ? StandardMIDIFile(parts: [("yamg session", program, events.cut(at: end)), ("input", 0, inputEvents.cut(at: end))], endTime: end)
            : StandardMIDIFile(events: events.cut(at: end), program: program, trackName: "yamg session", endTime: end)
        let bytes = Data(midi.serialized())
        fileBytes = bytes.count
        do {
            try AtomicFile.write(bytes, to: path, sync: sync)
        } catch {
            throw .write(path: path, reason: Self.reason(error))
        }
    }

    /// Closes the current file at `now` and starts a new one there; notes sounding across the cut end in the
    /// old file and start again at time 0 of the new one, so each file plays on its own. Returns the new path.
    @discardableResult
    public func rotate(now: Double, date: Date = Date()) throws(RecorderError) -> String {
        try flush(now: now)
        let end = now - fileStart
        let restruck = SoundingNotes(after: events.lazy.filter { $0.time <= end }).onsets
            .map { TimedEvent(time: 0, $0.kind, channel: $0.channel) }
        let held = SoundingNotes(after: inputEvents.lazy.filter { $0.time <= end }).onsets
            .map { TimedEvent(time: 0, $0.kind, channel: $0.channel) }
        path = try Self.reserve(in: folder, date: date)
        events = restruck
        inputEvents = held
        fileStart = now
        try flush(now: now)
        return path
    }

    /// Removes the current file if nothing was recorded in it (a session that could not start leaves no file).
    public func discardIfEmpty() {
        if events.isEmpty && inputEvents.isEmpty { try? FileManager.default.removeItem(atPath: path) }
    }

    /// Writes the final file, ending at `now`.
    public func finish(now: Double) throws(RecorderError) {
        try flush(now: now)
    }

    /// Creates `YYYY-MM-DD_HH-MM-SS.mid` (local time) exclusively, or `…_2.mid`, `…_3.mid` if taken.
    static func reserve(in folder: String, date: Date) throws(RecorderError) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd_HH-mm-ss"
        let base = folder + "/" + formatter.string(from: date)
        for n in 1...10_000 {
            let candidate = n == 1 ? base + ".mid" : base + "_\(n).mid"
            let fd = open(candidate, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o644)
            if fd >= 0 {
                close(fd)
                return candidate
            }
            guard errno == EEXIST else { throw .folder(path: folder, reason: String(cString: strerror(errno))) }
        }
        throw .folder(path: folder, reason: "10000 sessions already start in the same second")
    }

    static func reason(_ error: Error) -> String {
        (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
    }
}
