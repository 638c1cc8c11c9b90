import Foundation

/// A WAV read back from disk: header fields and samples in [-1, 1].
public struct ReadWAV {
    public var riff = "", wave = "", fmt = "", dataTag = ""
    public var riffSize: UInt32 = 0, format: UInt16 = 0, channels: UInt16 = 0, sampleRate: UInt32 = 0, bits: UInt16 = 0
    public var samples: [Double] = []
    public var fileSize = 0

    public init(path: String) throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        func text(_ at: Int) -> String { String(decoding: bytes[at..<(at + 4)], as: UTF8.self) }
        func u16(_ at: Int) -> UInt16 { UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> UInt32 { UInt32(u16(at)) | UInt32(u16(at + 2)) << 16 }
        fileSize = bytes.count
        riff = text(0); riffSize = u32(4); wave = text(8); fmt = text(12)
        format = u16(20); channels = u16(22); sampleRate = u32(24); bits = u16(34)
        // Chunks after "fmt ": ours writes "data" at 36; libsndfile (FluidSynth's file driver) may put others first.
        var at = 20 + Int(u32(16))
        while at + 8 <= bytes.count && text(at) != "data" { at += 8 + Int(u32(at + 4)) }
        guard at + 8 <= bytes.count else { return }
        dataTag = text(at)
        let count = min(Int(u32(at + 4)), bytes.count - at - 8) / 2
        samples = (0..<count).map { Double(Int16(bitPattern: u16(at + 8 + 2 * $0))) / 32767 }
    }

    public var rms: Double { samples.isEmpty ? 0 : (samples.reduce(0) { $0 + $1 * $1 } / Double(samples.count)).squareRoot() }
    public var frames: Int { samples.count / 2 }
}

