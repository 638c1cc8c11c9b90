import Foundation
import Generation
import Testing

/// The control room's JSON of controls goes through the one check every surface uses.
struct ControlsJSONTests {
    func apply(_ json: String, to controls: inout Controls) throws(ControlsJSONError) -> [ControlKey] {
        try ControlsJSON.apply(Data(json.utf8), to: &controls)
    }

    @Test func anySubsetAsNumbersOrText() throws {
        var controls = Controls()
        #expect(try apply(#"{"top-p": "0.9", "temperature": 0.5, "top-k": 40}"#, to: &controls) == [.temperature, .topK, .topP])
        #expect(controls.temperature == 0.5 && controls.topK == 40 && controls.topP == 0.9 && controls.speed == 1)
        #expect(try apply("{}", to: &controls).isEmpty)
        #expect(try apply(#"{"speed": 2.0, "pause": 0}"#, to: &controls) == [.speed, .pause])
        #expect(controls.text(.speed) == "2" && controls.pause == 0)
        // Found by Fuzz/ControlsFuzz: a large whole number reads back from its text (it was "2225444229229229.0").
        #expect(try apply(#"{"top-k": "+2225444229229229"}"#, to: &controls) == [.topK])
        #expect(controls.text(.topK) == "2225444229229229")
    }

    /// Each refusal has the words of ``Controls/set(_:text:)`` (the flags' and the config file's), and changes nothing.
    @Test func refusalsSayWhatInOneLineAndChangeNothing() {
        let cases: [(String, String)] = [
            (#"{"temperature": 0}"#, "key 'temperature': 0 is not in (0, 5]"),
            (#"{"temperature": "hot"}"#, #"key 'temperature': expected a number, got "hot""#),
            (#"{"top-k": 2.5}"#, "key 'top-k': expected an integer, got \"2.5\""),
            (#"{"top-p": 1.5, "speed": 2}"#, "key 'top-p': 1.5 is not in (0, 1]"),
            (#"{"speed": true}"#, "key 'speed': expected a number or a string, got true"),
            (#"{"speed": [1]}"#, "key 'speed': expected a number or a string, got a list"),
            (#"{"speed": {"x": 1}}"#, "key 'speed': expected a number or a string, got an object"),
            (#"{"speed": null}"#, "key 'speed': expected a number or a string, got null"),
            (#"{"sped": 1}"#, "unknown control 'sped'; the controls are " + ControlKey.allCases.map(\.rawValue).joined(separator: ", ")),
            (#"[1]"#, #"expected a JSON object of controls, like {"temperature": 0.8}"#),
            ("temperature=0.5", #"expected a JSON object of controls, like {"temperature": 0.8}"#),
            ("", #"expected a JSON object of controls, like {"temperature": 0.8}"#),
            // Found by Fuzz/ControlsFuzz: a whole number a Double cannot hold exactly (and past Int.max, a trap).
            (#"{"top-k": "+01899350077759838806"}"#, "key 'top-k': 1.8993500777598387e+18 is too large"),
            (#"{"top-k": 9223372036854775807}"#, "key 'top-k': 9.223372036854776e+18 is too large"),
            (#"{"top-k": "9007199254740993"}"#, "key 'top-k': 9007199254740992 is too large"),
            // Found by Fuzz/ControlsFuzz: a value with a newline was quoted as it came, on two lines.
            (#"{"accompany-register": "SS-t\nx\u001b"}"#, #"key 'accompany-register': "SS-t\nx\u{1B}" is not a range LOW-HIGH of notes (e.g. C2-C6)"#),
            (#"{"accomp\ny": 1}"#, "unknown control 'accomp\\ny'; the controls are " + ControlKey.allCases.map(\.rawValue).joined(separator: ", ")),
            (#"{"key": "H\tdur"}"#, #"key 'key': "H\tdur" is not a key (C, F#, Bb, Am, Ebm, …), auto or off"#),
        ]
        for (json, message) in cases {
            var controls = Controls()
            do {
                _ = try apply(json, to: &controls)
                Issue.record("\(json) was accepted")
            } catch {
                #expect(error.description == message, "\(json)")
                #expect(!error.description.contains("\n"))
            }
            #expect(controls == Controls(), "\(json) changed something")
        }
        // The reason is the one the flags give (`--temperature: 0 is not in (0, 5]`).
        var direct = Controls()
        #expect(throws: ControlError(key: .temperature, reason: "0 is not in (0, 5]")) { try direct.set(.temperature, text: "0") }
    }
}
