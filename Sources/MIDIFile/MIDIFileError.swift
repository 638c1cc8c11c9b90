/// Why a file could not be read at all: not a MIDI file, empty, or a header nothing sensible can be read from.
///
/// The description is one line a user can act on: the file, the byte offset and the problem.
public struct MIDIFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The path of the file, where known.
    public var file: String?
    /// The byte offset in the file where the problem was found.
    public var offset: Int
    /// What is wrong, in words.
    public var problem: String

    public init(file: String? = nil, offset: Int, problem: String) {
        self.file = file
        self.offset = offset
        self.problem = problem
    }

    public var description: String {
        "\(file ?? "<bytes>"): byte \(offset): \(problem)"
    }
}

/// A problem in a file that was read anyway: what could be read unambiguously was kept.
public struct MIDIWarning: Sendable, Equatable, CustomStringConvertible {
    /// The byte offset in the file where the problem was found; nil for problems of a whole track.
    public var offset: Int?
    public var message: String

    public init(offset: Int?, message: String) {
        self.offset = offset
        self.message = message
    }

    public var description: String { offset.map { "byte \($0): \(message)" } ?? message }
}
