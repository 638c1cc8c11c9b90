import ArgumentParser

/// `yamg midi …`: look inside MIDI files.
struct MIDICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "midi",
        abstract: "Inspect Standard MIDI Files.",
        subcommands: [MIDIInfoCommand.self, MIDIDumpCommand.self]
    )
}
