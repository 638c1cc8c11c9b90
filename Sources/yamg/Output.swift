import ArgumentParser
import Foundation
import MIDIFile

/// Writes one line to standard error (messages for the user that are not the command's output).
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Writes text to standard error as is (for progress bars that redraw their line).
func printErrorRaw(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
}

/// Reads a MIDI file, or prints its one-line error and exits 1.
func readMIDIOrExit(_ path: String) throws -> StandardMIDIFile {
    do { return try StandardMIDIFile(contentsOf: path) } catch {
        printError("error: \(error)")
        throw ExitCode(1)
    }
}
