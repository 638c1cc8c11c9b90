import Generation
import NeuralNet
import Testing

/// The controls table and its one check.
struct ControlsTests {
    @Test(arguments: ControlKey.allCases)
    func everyRowIsConsistent(_ key: ControlKey) throws {
        let spec = key.spec
        #expect(spec.bounds.contains(spec.defaultValue), "\(key): default outside \(spec.bounds)")
        #expect(Controls()[key] == spec.defaultValue)
        #expect(!spec.help.isEmpty && !spec.helpLine.contains("\n") && spec.helpLine.count <= 120, "\(key)")
        #expect(ControlKey(rawValue: key.description) == key)
        // The lower end of a closed range is accepted, of an open range rejected.
        var controls = Controls()
        if spec.bounds.lowerOpen {
            #expect(throws: ControlError(key: key, reason: "\(Bounds.short(spec.bounds.lower)) is not in \(spec.bounds)")) {
                try controls.set(key, spec.bounds.lower)
            }
        } else {
            try controls.set(key, spec.bounds.lower)
            #expect(controls[key] == spec.bounds.lower)
        }
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
