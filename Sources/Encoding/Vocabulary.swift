/// Token names in id order, with their meanings. The corpus and the model file store the names;
/// everything else is derived from them.
public struct Vocabulary: Sendable, Equatable {
    public let names: [String]
    public let tokens: [Token]
    private let ids: [Token: Int]

    public struct InvalidName: Error, CustomStringConvertible {
        public var name: String
        public var description: String { "'\(name)' is not a token name" }
    }

    public init(names: [String]) throws(InvalidName) {
        var tokens: [Token] = []
        tokens.reserveCapacity(names.count)
        for name in names {
            guard let token = Token(name: name) else { throw InvalidName(name: name) }
            tokens.append(token)
        }
        self.init(tokens: tokens)
    }

    public init(tokens: [Token]) {
        self.tokens = tokens
        self.names = tokens.map(\.name)
        self.ids = Dictionary(tokens.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public var count: Int { tokens.count }

    public func id(of token: Token) -> Int? { ids[token] }

    public var pieceStart: Int { ids[.pieceStart]! }
    public var pieceEnd: Int { ids[.pieceEnd]! }

    /// The fixed 390-token vocabulary of the performance encoding: NOTE_ON × 128, NOTE_OFF × 128,
    /// TIME_SHIFT × 100 (10 ms … 1 s), VELOCITY × 32 bins, then PIECE_START and PIECE_END.
    public static let performance: Vocabulary = {
        var tokens: [Token] = (0...127).map { .noteOn(UInt8($0)) } + (0...127).map { .noteOff(UInt8($0)) }
        tokens += (1...100).map { .timeShift($0) }
        tokens += (0..<32).map { .velocity(PerformanceEncoder.velocity(ofBin: $0)) }
        return Vocabulary(tokens: tokens + [.pieceStart, .pieceEnd])
    }()

    /// A combination vocabulary: piece markers, silence, then the combinations in the order given
    /// (most frequent first, as `CombinationVocabularyBuilder` makes it).
    public static func combination(_ combinations: [Combination]) -> Vocabulary {
        Vocabulary(tokens: [.pieceStart, .pieceEnd, .frame(.silence)] + combinations.filter { !$0.isSilence }.map { .frame($0) })
    }
}
