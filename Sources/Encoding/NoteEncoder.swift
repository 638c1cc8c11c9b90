import MIDIFile

/// Notes → tokens in the encoding that `EncodingParameters` names: the one place that picks between the
/// performance and combination encoders, so `yamg encode`, the preprocessor and primers cannot drift apart.
public enum NoteEncoder {
    /// The tokens of `notes`, without piece markers: performance events, or one frame token per time frame.
    public static func tokens(for notes: [Note], parameters: EncodingParameters) -> [Token] {
        switch parameters.kind {
        case .performance:
            PerformanceEncoder.encode(notes)
        case .combination:
            CombinationEncoder.encode(notes, framesPerSecond: parameters.framesPerSecond, attackMarks: parameters.attackMarks)
                .map { .frame($0) }
        }
    }

    /// The same tokens as ids of `vocabulary`: a combination the vocabulary lacks becomes its nearest kept one
    /// (a primer's chord a model never saw); any other token it lacks is left out.
    public static func ids(for notes: [Note], parameters: EncodingParameters, vocabulary: Vocabulary) -> [Int] {
        let tokens = tokens(for: notes, parameters: parameters)
        guard parameters.kind == .combination else { return tokens.compactMap { vocabulary.id(of: $0) } }
        let mapper = CombinationMapper(vocabulary: vocabulary)
        return tokens.compactMap { $0.frame.map(mapper.id(for:)) }
    }

    /// One piece as `yamg encode` prints it: PIECE_START, the tokens of the file's notes as the preprocessor
    /// reads them (drums left out, sustain applied unless `sustain` is false, one string per key), PIECE_END.
    public static func piece(of file: StandardMIDIFile, parameters: EncodingParameters,
                             tracks: TrackSelector? = nil, sustain: Bool = true) -> [Token] {
        let notes = PianoNotes.extract(from: file, tracks: tracks, sustain: sustain)
        return [.pieceStart] + tokens(for: notes, parameters: parameters) + [.pieceEnd]
    }
}
