import Generation
import NeuralNet
import Testing

/// The controls table and its one check.
struct ControlsTests {
    @Test(arguments: ControlKey.allCases)
    func everyRowIsConsistent(_ key: ControlKey) throws {
        let spec = key.spec
        #expect(Controls()[key] == spec.defaultValue)
        #expect(!spec.help.isEmpty && !spec.helpLine.contains("\n") && spec.helpLine.count <= 160, "\(key)")
        #expect(ControlKey(rawValue: key.description) == key)
        // The default reads back through text, the way flags and files give it.
        var controls = Controls()
        try controls.set(key, text: spec.defaultValue.description)
        #expect(controls == Controls(), "\(key): \(spec.defaultValue) does not read back")
        guard let bounds = spec.bounds else {
            #expect(spec.kind != .number && spec.kind != .integer)
            return
        }
        #expect(bounds.contains(controls.number(key)), "\(key): default outside \(bounds)")
        // The lower end of a closed range is accepted, of an open range rejected.
        if bounds.lowerOpen {
            #expect(throws: ControlError(key: key, reason: "\(Bounds.short(bounds.lower)) is not in \(bounds)")) {
                try controls.set(key, bounds.lower)
            }
        } else {
            try controls.set(key, bounds.lower)
            #expect(controls.number(key) == bounds.lower)
        }
    }

    /// Key, register and choice controls read their text and refuse bad text in one line naming the value.
    @Test func steeringControlsReadText() throws {
        var controls = Controls()
        try controls.set(.key, text: "Ebm")
        try controls.set(.keyStrength, text: "HARD")
        try controls.set(.register, text: "C2-C6")
        #expect(controls.text(.key) == "Ebm" && controls.text(.keyStrength) == "hard" && controls.text(.register) == "C2-C6")
        #expect(controls.keyStrength == .hard && controls.register.low == 36 && controls.register.high == 84)
        try controls.set(.key, text: "d#m")
        #expect(controls.text(.key) == "Ebm", "one key, however it is spelled")
        try controls.set(.key, text: "off")
        #expect(controls.key == .off)
        try controls.set(.register, text: "40-60")
        #expect(controls.text(.register) == "E2-C4")
        let before = controls
        #expect(throws: ControlError(key: .key, reason: "\"H#\" is not a key (C, F#, Bb, Am, Ebm, …), auto or off")) {
            try controls.set(.key, text: "H#")
        }
        #expect(throws: ControlError.self) { try controls.set(.register, text: "C6-C2") }
        #expect(throws: ControlError(key: .keyStrength, reason: "expected one of soft, hard, got \"medium\"")) {
            try controls.set(.keyStrength, text: "medium")
        }
        #expect(throws: ControlError(key: .tempo, reason: "expected one of hold, free, got \"steady\"")) {
            try controls.set(.tempo, text: "steady")
        }
        #expect(throws: ControlError(key: .density, reason: "-1 is not in [0, 50]")) { try controls.set(.density, -1) }
        #expect(throws: ControlError(key: .key, reason: "expected a key (C, F#, Bb, Am, Ebm, …), auto or off, got 3")) {
            try controls.set(.key, 3)
        }
        #expect(controls == before, "a rejected value changes nothing")
        #expect(controls.density == nil && controls.polyphony == nil && controls.tempo == .hold)
        try controls.set(.tempo, text: "Free")
        #expect(controls.tempo == .free && controls.text(.tempo) == "free")
        try controls.set(.density, 6)
        #expect(controls.density == 6)
    }

    @Test func oneErrorShape() {
        var controls = Controls()
        #expect(throws: ControlError(key: .temperature, reason: "0 is not in (0, 5]")) { try controls.set(.temperature, 0) }
        #expect(ControlError(key: .temperature, reason: "0 is not in (0, 5]").description == "key 'temperature': 0 is not in (0, 5]")
        #expect(throws: ControlError(key: .topK, reason: "expected an integer, got 2.5")) { try controls.set(.topK, 2.5) }
        #expect(throws: ControlError(key: .topK, reason: "expected an integer, got \"many\"")) { try controls.set(.topK, text: "many") }
        #expect(throws: ControlError(key: .speed, reason: "expected a number, got \"nan\"")) { try controls.set(.speed, text: "nan") }
        #expect(throws: ControlError(key: .topK, reason: "-1 is not in [0, ∞)")) { try controls.set(.topK, -1) }
        #expect(controls == Controls(), "a rejected value changes nothing")
    }

    @Test func textAndChanges() throws {
        var controls = Controls()
        try controls.set(.topP, text: " 0.9 ")
        try controls.set(.topK, text: "40")
        try controls.set(.speed, 2)
        #expect(controls.text(.topK) == "40" && controls.text(.topP) == "0.9" && controls.text(.speed) == "2")
        #expect(controls.changes(from: Controls()) == [.speed, .topK, .topP])
        #expect(controls.changeSummary(from: Controls()) == "speed 1 → 2, top-k 0 → 40, top-p 1 → 0.9")
        #expect(Bounds.atLeast(1).description == "[1, ∞)" && Bounds.closed(0.05, 10).description == "[0.05, 10]")
    }

    /// The sampler plays with what the controls say.
    @Test func samplerFollowsTheControls() throws {
        var controls = Controls()
        try controls.set(.temperature, 0.25)
        try controls.set(.topK, 3)
        try controls.set(.topP, 0.5)
        let sampler = Sampler(controls: controls, rng: RNG(seed: 1))
        #expect(sampler.temperature == 0.25 && sampler.topK == 3 && sampler.topP == 0.5)
    }
}
