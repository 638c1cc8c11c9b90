import Encoding
import MIDIFile
import Testing

@Suite struct TokenTests {
    @Test func performanceVocabulary() throws {
        let v = Vocabulary.performance
        #expect(v.count == 390)
        #expect(v.names[60] == "NOTE_ON_60" && v.names[128 + 60] == "NOTE_OFF_60")
        #expect(v.names[256] == "TIME_SHIFT_10ms" && v.names[355] == "TIME_SHIFT_1000ms")
        #expect(v.names[356] == "VELOCITY_2" && v.names[387] == "VELOCITY_126")
        #expect(v.names[388] == "PIECE_START" && v.names[389] == "PIECE_END")
        // Names are self-describing: parsing them gives the vocabulary back.
        #expect(try Vocabulary(names: v.names) == v)
    }

    @Test func velocityBins() {
        #expect(PerformanceEncoder.bin(ofVelocity: 1) == 0)
        #expect(PerformanceEncoder.bin(ofVelocity: 127) == 31)
        for v in UInt8(1)...127 {
            let back = PerformanceEncoder.velocity(ofBin: PerformanceEncoder.bin(ofVelocity: v))
            #expect(abs(Int(back) - Int(v)) <= 2)
        }
    }

    @Test func combinationNames() throws {
        let c = try #require(Combination(name: "60* 64 67*"))
        #expect(c.pitches == [60, 64, 67])
        #expect(c.isStruck(60) && !c.isStruck(64) && c.isStruck(67))
        #expect(c.name == "60* 64 67*")
        #expect(Combination(name: "67* 60* 64")?.name == "60* 64 67*")
        #expect(Combination(name: "SILENCE") == .silence)
        for bad in ["", "128", "60**", "x", "-1", "NOTE_ON_128", "TIME_SHIFT_5ms", "TIME_SHIFT_1010ms", "VELOCITY_0"] {
            #expect(Token(name: bad) == nil, "\(bad)")
        }
    }

    @Test func rareCombinationsMapToTheNearestKept() {
        var builder = CombinationVocabularyBuilder()
        let common = Combination(name: "60* 64* 67*")!, bigger = Combination(name: "60* 64* 67* 70* 72*")!
        let rare = Combination(name: "60* 64* 67* 70*")!
        builder.add([(common, 30), (bigger, 40), (rare, 2), (.silence, 50)])
        let result = builder.build(minCount: 20)
        #expect(result.vocabulary.names == ["PIECE_START", "PIECE_END", "SILENCE", bigger.name, common.name])
        // Dropping 70 (cost 2) beats adding 72 (cost 4), though the bigger chord is more frequent.
        #expect(result.vocabulary.names[result.id(of: rare)] == common.name)
        #expect(result.mappedCombinations == 1)
    }
}
