import Dispatch
import Foundation
import MIDIFile
import Synchronization

/// `yamg preprocess`: a folder of MIDI files → a token corpus (`train.npy`, `val.npy`, `corpus.json`).
///
/// Files are read and encoded in parallel; a file that fails to read, is empty or holds no notes is
/// skipped with its reason and the batch goes on. The split is by file, from its content hash; the
/// training split is augmented by transposition. The corpus folder is written atomically.
public struct Preprocessor: Sendable {
    public struct Options: Sendable {
        public var encoding: EncodingParameters
        public var valFraction = 0.1
        public var transpose: ClosedRange<Int> = 0...0
        public var jobs = ProcessInfo.processInfo.activeProcessorCount
        public var tracks: TrackSelector?
        public var tracksText: String?
        public var minCount = 1
        public var sustain = true

        public init(encoding: EncodingParameters) { self.encoding = encoding }
    }

    public var options: Options
    public init(options: Options) { self.options = options }

    /// One file's result: its pieces, one per transposition.
    struct Encoded: Sendable {
        var path: String
        var skipReason: String?
        var hash: UInt64 = 0
        var isVal = false
        var notes = 0
        var seconds = 0.0
        var droppedByTransposition = 0
        /// Performance: the token ids of each piece.
        var performance: [[UInt16]] = []
        /// Combination: the file's distinct frames and each frame as an index into them; a transposed
        /// piece is the same indices into the shifted palette, so memory stays at 4 bytes a frame.
        var palette: [Combination] = []
        var frames: [UInt32] = []
        var shifts: [Int] = []

        var pieceCount: Int { performance.count + shifts.count }
    }

    /// Encodes every MIDI file under `paths` and returns the corpus (not yet written).
    /// `progress(done, total)` is called from worker threads as files finish.
    public func run(paths: [String], progress: @Sendable (Int, Int) -> Void = { _, _ in }) -> Corpus {
        let files = MIDIFileFinder.files(under: paths)
        let results = Mutex([Encoded?](repeating: nil, count: files.count))
        let done = Atomic(0)
        let jobs = max(1, min(options.jobs, files.count))
        DispatchQueue.concurrentPerform(iterations: jobs) { worker in
            for index in stride(from: worker, to: files.count, by: jobs) {
                let encoded = encode(files[index])
                results.withLock { $0[index] = encoded }
                progress(done.add(1, ordering: .relaxed).newValue, files.count)
            }
        }
        return assemble(results.withLock { $0.map { $0! } })
    }

    func encode(_ path: String) -> Encoded {
        var result = Encoded(path: path)
        guard let data = FileManager.default.contents(atPath: path) else {
            result.skipReason = "cannot read the file"
            return result
        }
        result.hash = fnv1a64(data)
        result.isVal = Double(result.hash % 1_000_000) / 1_000_000 < options.valFraction
        let file: StandardMIDIFile
        do {
            file = try data.withUnsafeBytes { raw in Result { () throws(MIDIFileError) in try StandardMIDIFile(bytes: raw) } }.get()
        } catch {
            result.skipReason = error.problem + (error.offset > 0 ? " (byte \(error.offset))" : "")
            return result
        }
        let notes = PianoNotes.extract(from: file, tracks: options.tracks, sustain: options.sustain)
        guard !notes.isEmpty else {
            result.skipReason = file.tracks.allSatisfy({ $0.events.allSatisfy { !$0.isNoteOn } })
                ? "no notes" : "no notes left after leaving out drums and unselected tracks"
            return result
        }
        result.notes = notes.count
        result.seconds = notes.map(\.end).max() ?? 0
        if options.encoding.kind == .combination {
            // Encoded once: a transposed piece is the same frames over a shifted palette.
            let frames = NoteEncoder.tokens(for: notes, parameters: options.encoding).compactMap(\.frame)
            var index: [Combination: UInt32] = [:]
            result.frames = frames.map { f in
                if let i = index[f] { return i }
                index[f] = UInt32(result.palette.count)
                result.palette.append(f)
                return UInt32(result.palette.count - 1)
            }
        }
        for shift in result.isVal ? 0...0 : options.transpose {
            let (moved, dropped) = PianoNotes.transpose(notes, by: shift)
            result.droppedByTransposition += dropped
            guard !moved.isEmpty else { continue }
            switch options.encoding.kind {
            case .performance:
                result.performance.append(NoteEncoder.ids(for: moved, parameters: options.encoding, vocabulary: .performance).map(UInt16.init))
            case .combination: result.shifts.append(shift)
            }
        }
        return result
    }
}

extension Preprocessor {
    /// Builds the vocabulary (combination: from the training frames) and lays the pieces end to end.
    func assemble(_ results: [Encoded]) -> Corpus {
        let enc = options.encoding
        var manifest = CorpusManifest(
            createdBy: "yamg", encoding: enc,
            options: .init(valFraction: options.valFraction, transpose: [options.transpose.lowerBound, options.transpose.upperBound],
                           minCount: options.minCount, tracks: options.tracksText, sustain: options.sustain),
            tokenDtype: "uint16", vocabulary: [])
        let used = results.filter { $0.skipReason == nil && $0.pieceCount > 0 }
        manifest.skipped = results.compactMap { r in
            r.skipReason.map { CorpusManifest.Skipped(path: r.path, reason: $0) }
                ?? (r.pieceCount == 0 ? .init(path: r.path, reason: "no notes left after transposition") : nil)
        }
        var train: [UInt32] = [], val: [UInt32] = []
        let vocabulary: Vocabulary
        var pieceTokens: [[Int]] = []  // per used file: tokens of each piece, for the stats
        switch enc.kind {
        case .performance:
            vocabulary = .performance
            for r in used {
                pieceTokens.append(r.performance.map(\.count))
                for piece in r.performance {
                    if r.isVal { append(piece.lazy.map(UInt32.init), to: &val, vocabulary) }
                    else { append(piece.lazy.map(UInt32.init), to: &train, vocabulary) }
                }
            }
        case .combination:
            var builder = CombinationVocabularyBuilder()
            for r in used where !r.isVal {
                var local = [Int](repeating: 0, count: r.palette.count)
                for f in r.frames { local[Int(f)] += 1 }
                for shift in r.shifts {
                    builder.add(zip(r.palette, local).map { ($0.transposed(by: shift), $1) })
                }
            }
            var built = builder.build(minCount: options.minCount)
            for r in used where r.isVal { built.map(r.palette) }  // frames training never saw
            vocabulary = built.vocabulary
            var changed = 0, total = 0
            for r in used {
                pieceTokens.append(r.shifts.map { _ in r.frames.count })
                for shift in r.shifts {
                    let ids = r.palette.map { c -> (UInt32, Bool) in
                        let t = c.transposed(by: shift)
                        let id = built.id(of: t)  // every training and validation combination has one now
                        return (UInt32(id), vocabulary.tokens[id] != .frame(t))
                    }
                    let piece = r.frames.lazy.map { ids[Int($0)].0 }
                    if r.isVal { append(piece, to: &val, vocabulary) } else { append(piece, to: &train, vocabulary) }
                    changed += r.frames.reduce(0) { $0 + (ids[Int($1)].1 ? 1 : 0) }
                    total += r.frames.count
                }
            }
            manifest.rareCombinations = .init(
                rule: "a combination seen fewer than --min-count times in training becomes the nearest kept one "
                    + "(dropping a pitch costs 2, adding one 4, a changed attack mark 1; ties go to the more frequent)",
                mappedCombinations: built.mappedCombinations, changedFrames: changed, totalFrames: total)
        }
        manifest.vocabulary = vocabulary.names
        manifest.tokenDtype = vocabulary.count > Int(UInt16.max) ? "uint32" : "uint16"
        for (r, pieces) in zip(used, pieceTokens) {
            manifest.transposedNotesDropped += r.droppedByTransposition
            manifest.files.append(.init(path: r.path, split: r.isVal ? "val" : "train", contentHash: String(r.hash, radix: 16),
                                        notes: r.notes, seconds: r.seconds, tokens: pieces.first ?? 0))
            func count(_ s: inout CorpusManifest.Split) {
                s.files += 1
                s.pieces += pieces.count
                s.tokens += pieces.reduce(0) { $0 + $1 + 2 }
                s.notes += r.notes
                s.seconds += r.seconds
            }
            if r.isVal { count(&manifest.val) } else { count(&manifest.train) }
        }
        return Corpus(manifest: manifest, train: train, val: val)
    }

    private func append<S: Sequence<UInt32>>(_ piece: S, to tokens: inout [UInt32], _ vocabulary: Vocabulary) {
        tokens.append(UInt32(vocabulary.pieceStart))
        tokens.append(contentsOf: piece)
        tokens.append(UInt32(vocabulary.pieceEnd))
    }
}
