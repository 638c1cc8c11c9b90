import Foundation
import Generation
import TestSupport
import Testing

/// The live controls as flags: every row of the controls table is a flag of `perform` and of `generate`, checked
/// by the one validator with the one error shape; and `generate` checks every flag, with or without a length.
struct ControlFlagsTests {
    /// Per control: a good value, how `--print-config` writes it, a bad value and the reason it is refused.
    static func cases(_ key: ControlKey) -> (good: String, printed: String, bad: String, reason: String) {
        switch key.spec.kind {
        case .number, .integer:
            let bounds = key.spec.bounds!
            let good = key.spec.kind == .integer ? "3" : "0.75"
            let bad = Bounds.short(bounds.upper.isFinite ? bounds.upper + 1 : bounds.lower - 1)
            return (good, good, bad, "\(bad) is not in \(bounds)")
        case .key: return ("Am", "\"Am\"", "H#", "\"H#\" is not a key (C, F#, Bb, Am, Ebm, …), auto or off")
        case .choice:
            let choices = key.spec.choices!
            return (choices.last!, "\"\(choices.last!)\"", "medium", "expected one of \(choices.joined(separator: ", ")), got \"medium\"")
        case .pitchRange: return ("C2-C6", "\"C2-C6\"", "C6-C2", "\"C6-C2\" runs downwards")
        }
    }

    @Test(arguments: ControlKey.allCases)
    func everyControlIsAFlagOfPerformAndGenerate(_ key: ControlKey) throws {
        let folder = try TestPaths.temporaryFolder()
        let c = Self.cases(key)
        // perform: the flag lands in the effective settings, under the same name.
        let printed = try CLI.run(["perform", "m.safetensors", "--\(key)", c.good, "--print-config"])
        #expect(printed.status == 0, "\(printed.stderr)")
        #expect(printed.stdout.contains("\n\(key) = \(c.printed)  # --\(key)\n"), "\(printed.stdout)")
        // Both commands reject a bad value with the same words, in one line naming flag and value.
        let message = "--\(key): \(c.reason)"
        for command in [["perform", "m.safetensors"], ["generate", "m.safetensors", "-o", folder + "/x.mid"]] {
            let out = try CLI.run(command + ["--\(key)=\(c.bad)"])  // = so that -1 is not read as a flag
            #expect(out.status != 0 && out.stderr.contains(message), "\(command): \(out.stderr)")
            #expect(out.stderr.split(separator: "\n").filter { !$0.hasPrefix("Usage") && !$0.hasPrefix("  See '") && !$0.isEmpty }.count == 1, "\(out.stderr)")
        }
    }

    /// Before, `generate` without `--seconds` or `--tokens` skipped every check after that point.
    @Test(arguments: [
        (["--count", "0"], "--count: 0 is not in [1, ∞)"),
        (["--prime", "a.mid", "--prime-notes", "60"], "choose one of --prime, --prime-notes and --random-start"),
        (["--prime-notes", "60", "--random-start", "corpus"], "choose one of --prime, --prime-notes and --random-start"),
        (["--program", "200"], "--program: 200 is not in [0, 127]"),
        (["--prime-notes", "60,x"], "--prime-notes must be MIDI pitches 0…127 separated by commas, got '60,x'"),
        (["--max-polyphony", "0"], "--max-polyphony: 0 is not in [1, ∞)"),
        (["--max-note-length", "0"], "--max-note-length: 0 is not in (0, ∞)"),
        (["--prime", "a.mid", "--prime-seconds", "0"], "--prime-seconds: 0 is not in (0, ∞)"),
        (["--temperature", "0"], "--temperature: 0 is not in (0, 5]"),
    ])
    func generateChecksEveryFlagWithoutALength(_ flags: [String], _ message: String) throws {
        let folder = try TestPaths.temporaryFolder()
        for length in [[], ["--seconds", "5"], ["--tokens", "10"]] {
            let out = try CLI.run(["generate", "missing.safetensors", "-o", folder + "/x.mid"] + length + flags)
            #expect(out.status == 64, "\(flags) \(length): status \(out.status), \(out.stderr)")
            #expect(out.stderr.contains(message), "\(flags) \(length): \(out.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder + "/x.mid"))
        }
    }
}
