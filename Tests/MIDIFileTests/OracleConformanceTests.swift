import Foundation
import MIDIFile
import TestSupport
import Testing

/// Our reader against the reference parsers' outputs in `shared/data/oracle` (mido, pretty_midi, symusic).
///
/// Where mido reads a file, we must equal it: notes (ticks exact, seconds within rounding), tempo
/// changes, time signatures, division and track count. Where the libraries disagree or all fail, the
/// table below says what we do instead and why, and the test asserts exactly that.
@Suite struct OracleConformanceTests {
    /// A note as the oracle lists it: track, channel, pitch, velocity, start tick, end tick.
    typealias Key = [Int]

    enum Expected {
        /// Equal to mido on everything it reports.
        case mido
        /// Equal to mido's notes, tempo and meter, but with `tracks` tracks lasting `seconds` (reason in the table).
        case midoButTracks(Int, seconds: Double)
        /// Unreadable: a one-line error containing this text.
        case error(String)
        /// Read with warnings: the notes equal (pitch, velocity, ticks) those of `sameAs` (a library of
        /// this oracle file, or mido's result for an intact sibling file), and a warning contains `warning`.
        case salvaged(sameAs: Source, warning: String)
        /// Read with warnings where no library reads anything: exactly these counts and warnings.
        case salvagedAlone(tracks: Int, notes: Int, warnings: [String])
    }

    enum Source {
        case library(String)
        case midoOfSibling(String)
        case riffPayloadMido
    }

    /// Files where mido fails or is not the rule we follow.
    static let decisions: [String: Expected] = [
        // All three fail, and nothing sensible can be read: a clear error.
        "edge/empty-zero-byte-file--jazzsoft.mid": .error("empty file (0 bytes)"),
        "edge/not-a-midi-file-text--jazzsoft.mid": .error("not a MIDI file"),
        "edge/bad-header-chunk-id--nfroidure.mid": .error("not a MIDI file: it starts with 'MT0d'"),
        // A header length of 22 swallows the track's header: no track chunk is left to read.
        "edge/bad-header-length-22--nfroidure.mid": .error("no track chunk ('MTrk') found"),
        // 'mTrk' is an unknown chunk by the spec's rule (skip it), which leaves no track at all.
        "edge/bad-track-chunk-id--nfroidure.mid": .error("no track chunk ('MTrk') found"),
        // All three fail, but the music is all there: salvaged, equal to the intact siblings.
        "edge/bad-track-length-huge--nfroidure.mid":
            .salvaged(sameAs: .midoOfSibling("edge__bad-header-format-3--nfroidure.mid.json"), warning: "runs past the end of the file"),
        "edge/corrupt-missing-byte-truncated--jazzsoft.mid":
            .salvaged(sameAs: .midoOfSibling("edge__corrupt-extra-trailing-byte--jazzsoft.mid.json"), warning: "runs past the end of the file"),
        // F1–FE have no place in a file; all three stop at F4. We skip each with a warning and keep the scale.
        "edge/illegal-system-messages-in-track--jazzsoft.mid":
            .salvaged(sameAs: .midoOfSibling("edge__corrupt-extra-trailing-byte--jazzsoft.mid.json"), warning: "0xF4 is not allowed"),
        // Running status kept across sysex (mido's rule across meta): all 8 notes. mido fails (EOF);
        // symusic silently loses 4 of them, so we agree with neither, and say so with the sibling file.
        "edge/running-status-after-sysex--jazzsoft.mid":
            .salvaged(sameAs: .midoOfSibling("edge__running-status-after-meta--jazzsoft.mid.json"), warning: ""),
        // The spec says skip unknown chunks; symusic does, mido does not.
        "edge/unknown-chunk-type--jazzsoft.mid": .salvaged(sameAs: .library("symusic"), warning: "unknown chunk 'Junk'"),
        // Two tracks declared, one present: read it (as symusic does), warn.
        "edge/bad-header-track-count--nfroidure.mid": .salvaged(sameAs: .library("symusic"), warning: "declares 2 tracks"),
        // RIFF RMID: none unwraps it; on the payload all three agree with what we read.
        "edge/derived/riff-rmid-wrapped--jazzsoft-c-major-scale.rmi": .salvaged(sameAs: .riffPayloadMido, warning: ""),
        // The file holds 65535 MTrk chunks, each with an end-of-track, the last at 64 s as in the 1024-track
        // sibling (where mido agrees); mido and symusic report 0 tracks and 0 s here.
        "edge/max-tracks-65535-empty--shky.mid": .midoButTracks(65535, seconds: 64),
        // Cut at 64 KiB inside the third of 30 tracks: all three give up; we keep the two whole tracks and
        // the third up to the cut, dropping the cut event and the notes the cut left sounding.
        "edge/truncated-64KiB-of-30-tracks--midly.mid": .salvagedAlone(tracks: 3, notes: 7807, warnings: [
            "track 2: chunk length 1194067 runs past the end of the file", "header declares 30 tracks, the file holds 3",
            "channel message cut short", "track 2: 725 note(s) never released"]),
    ]

    /// The oracle folder holds 88 files (shared/data/MANIFEST.md). Without it `agreesWithOracle` would have no case
    /// and pass; this fails instead. Every decision above names a file an oracle describes.
    @Test func coversTheOracleFolder() throws {
        let files = SharedData.oracleFiles
        #expect(files.count >= 88, "\(files.count) oracle files in \(SharedData.root)/oracle")
        let described = Set(try files.map { try SharedData.oracle($0)["file"] as? String ?? "" })
        #expect(described.count == files.count)
        for name in Self.decisions.keys.sorted() { #expect(described.contains(name), "no oracle for \(name)") }
    }

    @Test(.tags(.slow), .timeLimit(.minutes(2)), arguments: SharedData.oracleFiles)
    func agreesWithOracle(_ oracleName: String) throws {
        let oracle = try SharedData.oracle(oracleName)
        let relative = oracle["file"] as! String
        let results = oracle["results"] as! [String: Any]
        let mido = results["mido"] as! [String: Any]
        let path = SharedData.path(relative)
        let expected = Self.decisions[relative] ?? .mido
        if case .error(let text) = expected {
            #expect(mido["error"] != nil, "mido reads \(relative): compare with it instead")
            do {
                _ = try StandardMIDIFile(contentsOf: path)
                Issue.record("\(relative) should not be readable")
            } catch {
                #expect(error.description.contains(text), "\(error)")
                #expect(error.description.hasPrefix(path))
                #expect(!error.description.contains("\n"))
            }
            return
        }
        let file = try StandardMIDIFile(contentsOf: path)
        let (notes, noteWarnings) = file.notes()
        let warnings = (file.warnings + noteWarnings).map(\.description)
        switch expected {
        case .mido:
            try #require(mido["error"] == nil, "mido fails on \(relative): decide what we do and add it to the table")
            try compare(file, notes, toMido: mido, relative, duration: true)
            #expect(file.tracks.count == mido["tracks"] as! Int)
        case .midoButTracks(let count, let seconds):
            try compare(file, notes, toMido: mido, relative, duration: false)
            #expect(file.tracks.count == count)
            #expect(file.durationSeconds == seconds)
        case .salvagedAlone(let trackCount, let noteCount, let expectedWarnings):
            #expect(file.tracks.count == trackCount)
            #expect(notes.count == noteCount)
            for text in expectedWarnings {
                #expect(warnings.contains { $0.contains(text) }, "\(text) in \(warnings)")
            }
        case .salvaged(let source, let warning):
            let reference: [String: Any]
            switch source {
            case .library(let name): reference = results[name] as! [String: Any]
            case .midoOfSibling(let sibling): reference = (try SharedData.oracle(sibling)["results"] as! [String: Any])["mido"] as! [String: Any]
            case .riffPayloadMido:
                let payload = oracle["riff_payload"] as! [String: Any]
                reference = (payload["results"] as! [String: Any])["mido"] as! [String: Any]
            }
            let theirs = (reference["notes"] as! [[Any]]).map { n in [n[2], n[3], n[4], n[5]].map { $0 as! Int } }
            let ours = notes.map { [Int($0.pitch), Int($0.velocity), Int($0.startTick), Int($0.endTick)] }
            #expect(ours.sorted { $0.lexicographicallyPrecedes($1) } == theirs.sorted { $0.lexicographicallyPrecedes($1) })
            #expect(!ours.isEmpty)
            if !warning.isEmpty {
                #expect(warnings.contains { $0.contains(warning) }, "\(warnings)")
            }
        case .error:
            break
        }
    }

    func compare(_ file: StandardMIDIFile, _ notes: [Note], toMido mido: [String: Any], _ name: String,
                 duration: Bool) throws {
        let tpq = mido["ticks_per_quarter"] as! Int
        switch file.division {
        case .ticksPerQuarter(let ours): #expect(Int(ours) == tpq)
        case .smpte(let fps, let tpf): #expect(tpq == -(Int(fps) << 8) + Int(tpf), "mido reads SMPTE as a negative tpq")
        }
        let sorted = notes.sorted(by: Note.canonicalOrder)
        let expected = mido["notes"] as! [[Any]]
        try #require(sorted.count == expected.count, "\(name): \(sorted.count) notes, mido \(expected.count)")
        let ticksPerSecond = file.division.smpteTicksPerSecond
        for (ours, theirs) in zip(sorted, expected) {
            let key = [ours.track, Int(ours.channel), Int(ours.pitch), Int(ours.velocity), Int(ours.startTick), Int(ours.endTick)]
            #expect(key == theirs[0..<6].map { $0 as! Int }, "\(name)")
            if let start = theirs[6] as? Double, let end = theirs[7] as? Double {
                // The oracle rounds to 6 decimals: ours may differ by half a unit of that, plus float error.
                #expect(abs(ours.start - start) <= 5.0001e-7 && abs(ours.end - end) <= 5.0001e-7, "\(name): \(ours) vs \(theirs)")
            } else if let perSecond = ticksPerSecond {
                // mido gives no seconds for SMPTE time: they are ticks over (frames/s × ticks/frame).
                #expect(abs(ours.start - Double(ours.startTick) / perSecond) < 1e-12)
                #expect(abs(ours.end - Double(ours.endTick) / perSecond) < 1e-12)
            }
        }
        let tempo = file.tempoChanges().map { [Int($0.tick), Int($0.microsecondsPerQuarter)] }
        #expect(tempo == (mido["tempo_changes"] as! [[Int]]), "\(name)")
        let signatures = file.timeSignatures().map { [Int($0.tick), $0.numerator, $0.denominator] }
        #expect(signatures == (mido["time_signatures"] as! [[Int]]), "\(name)")
        // mido's length runs to the last end-of-track, as ours does (format 2 and SMPTE: it has none).
        if duration, let seconds = mido["duration_s"] as? Double, seconds >= 0 {
            #expect(abs(file.durationSeconds - seconds) <= 5.0001e-7, "\(name): duration")
        }
    }
}
