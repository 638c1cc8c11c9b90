/// Walks the chunks of a file: an optional RIFF `RMID` wrapper, the `MThd` header, then `MTrk` chunks
/// (handed to `TrackParser`) and unknown chunks (skipped, as the spec asks).
///
/// Nothing is allocated in proportion to a length field the file does not back with bytes: a header
/// that claims 65535 tracks or a chunk that claims 4 GB is checked against the bytes that are there.
struct FileReader {
    let base: UnsafePointer<UInt8>
    let count: Int
    var warnings: [MIDIWarning] = []

    /// How far into a file to look for `MThd` (some files start with a 128-byte MacBinary header).
    static let headerSearchLimit = 4096

    /// Reads a whole file from bytes in memory.
    static func read(_ bytes: UnsafeRawBufferPointer) throws(MIDIFileError) -> StandardMIDIFile {
        guard let base = bytes.baseAddress, bytes.count > 0 else {
            throw MIDIFileError(offset: 0, problem: "empty file (0 bytes)")
        }
        var reader = FileReader(base: base.assumingMemoryBound(to: UInt8.self), count: bytes.count)
        return try reader.read()
    }

    private init(base: UnsafePointer<UInt8>, count: Int) {
        self.base = base
        self.count = count
    }

    func u32(_ at: Int) -> Int {
        Int(base[at]) << 24 | Int(base[at + 1]) << 16 | Int(base[at + 2]) << 8 | Int(base[at + 3])
    }

    func u16(_ at: Int) -> Int { Int(base[at]) << 8 | Int(base[at + 1]) }

    func u32LE(_ at: Int) -> Int {
        Int(base[at + 3]) << 24 | Int(base[at + 2]) << 16 | Int(base[at + 1]) << 8 | Int(base[at])
    }

    func tag(_ at: Int) -> String {
        String((0..<4).map { i -> Character in
            let b = base[at + i]
            return b >= 0x20 && b < 0x7F ? Character(Unicode.Scalar(b)) : "?"
        })
    }

    func isTag(_ at: Int, _ t: StaticString) -> Bool {
        let p = t.utf8Start
        return at + 4 <= count && base[at] == p[0] && base[at + 1] == p[1] && base[at + 2] == p[2] && base[at + 3] == p[3]
    }

    mutating func warn(_ offset: Int, _ message: String) {
        warnings.append(MIDIWarning(offset: offset, message: message))
    }

    /// The range holding the SMF: the whole buffer, or the `data` chunk of a RIFF `RMID` file.
    mutating func smfRange() throws(MIDIFileError) -> Range<Int> {
        guard isTag(0, "RIFF") else { return 0..<count }
        guard count >= 12, isTag(8, "RMID") else {
            throw MIDIFileError(offset: 8, problem: "RIFF file that is not RMID (MIDI); found '\(count >= 12 ? tag(8) : "")'")
        }
        var at = 12
        while at + 8 <= count {
            let size = u32LE(at + 4)
            if isTag(at, "data") {
                let available = count - at - 8
                if size > available {
                    warn(at, "RIFF data chunk claims \(size) bytes but only \(available) remain")
                }
                return at + 8..<at + 8 + min(size, available)
            }
            at += 8 + size + (size & 1)  // RIFF chunks are padded to even sizes
        }
        throw MIDIFileError(offset: 12, problem: "RIFF RMID file has no 'data' chunk holding the MIDI file")
    }

    private mutating func read() throws(MIDIFileError) -> StandardMIDIFile {
        let smf = try smfRange()
        var at = smf.lowerBound
        if !isTag(at, "MThd") {
            let limit = min(smf.upperBound - 4, smf.lowerBound + FileReader.headerSearchLimit)
            var found: Int?
            var probe = at + 1
            while probe <= limit {
                if isTag(probe, "MThd") { found = probe; break }
                probe += 1
            }
            guard let header = found else {
                let what = smf.count >= 4 ? "starts with '\(tag(at))'" : "is only \(smf.count) bytes long"
                throw MIDIFileError(offset: at, problem: "not a MIDI file: it \(what), not the 'MThd' header")
            }
            warn(at, "\(header - at) bytes before the 'MThd' header skipped")
            at = header
        }
        let headerAt = at
        guard smf.upperBound - at >= 14 else {
            throw MIDIFileError(offset: at, problem: "header chunk cut short: \(smf.upperBound - at) bytes, 14 needed")
        }
        let headerLength = u32(at + 4)
        guard headerLength >= 6 else {
            throw MIDIFileError(offset: at + 4, problem: "header chunk length \(headerLength) is shorter than 6")
        }
        var format = UInt16(u16(at + 8))
        let declaredTracks = u16(at + 10)
        let divisionValue = UInt16(u16(at + 12))
        guard let division = Division(headerValue: divisionValue) else {
            throw MIDIFileError(offset: at + 12, problem: "division 0x\(hex(UInt8(divisionValue >> 8)))\(hex(UInt8(divisionValue & 0xFF))) has 0 ticks per quarter or per frame")
        }
        if format > 2 {
            warn(at + 8, "format \(format) does not exist; read as format 1")
            format = 1
        }
        if case .smpte(let fps, _) = division, ![24, 25, 29, 30].contains(fps) {
            warn(at + 12, "SMPTE division with \(fps) frames per second (24, 25, 29.97 or 30 expected)")
        }
        if headerLength > 6 {
            warn(at + 4, "header chunk is \(headerLength) bytes long; the \(headerLength - 6) bytes after the first 6 are skipped")
        }
        at = min(smf.upperBound, at + 8 + headerLength)

        var tracks: [Track] = []
        tracks.reserveCapacity(min(declaredTracks, (smf.upperBound - at) / 8))
        while at < smf.upperBound {
            let remaining = smf.upperBound - at
            guard remaining >= 8 else {
                warn(at, "\(remaining) stray bytes after the last chunk ignored")
                break
            }
            let length = u32(at + 4)
            let available = min(length, remaining - 8)
            if isTag(at, "MTrk") && tracks.count == Int(UInt16.max) {
                warn(at, "more than 65535 track chunks (the most a header can count); the rest are ignored")
                break
            } else if isTag(at, "MTrk") {
                if length > available {
                    warn(at + 4, "track \(tracks.count): chunk length \(length) runs past the end of the file (\(available) bytes remain); reading what is there")
                }
                var parser = TrackParser(bytes: base, range: at + 8..<at + 8 + available, trackIndex: tracks.count)
                tracks.append(parser.parse())
                warnings += parser.warnings
            } else if (0..<4).allSatisfy({ base[at + $0] >= 0x20 && base[at + $0] < 0x7F }) {
                warn(at, "unknown chunk '\(tag(at))' of \(length) bytes skipped")
            } else {
                warn(at, "\(remaining) bytes that are not a chunk ignored")
                break
            }
            at += 8 + available
        }
        if tracks.count != declaredTracks {
            guard !tracks.isEmpty else {
                throw MIDIFileError(offset: at, problem: "no track chunk ('MTrk') found, though the header declares \(declaredTracks)")
            }
            warn(headerAt + 10, "header declares \(declaredTracks) tracks, the file holds \(tracks.count)")
        }
        var file = StandardMIDIFile(format: format, division: division, tracks: tracks)
        file.warnings = warnings.enumerated()
            .sorted { ($0.element.offset ?? 0, $0.offset) < ($1.element.offset ?? 0, $1.offset) }.map(\.element)
        return file
    }
}
