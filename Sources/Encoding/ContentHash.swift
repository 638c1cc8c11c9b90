/// FNV-1a, 64 bits: a stable hash of a file's bytes. It decides a file's train/val split, so the split
/// depends only on the content (not on names, order or machine) and re-running gives the same split.
public func fnv1a64<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in bytes {
        hash ^= UInt64(b)
        hash = hash &* 0x0000_0100_0000_01B3
    }
    return hash
}
