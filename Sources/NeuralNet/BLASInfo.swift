import CBLAS

extension BLAS {
    /// How OpenBLAS was built, e.g. "OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY Haswell MAX_THREADS=64".
    public static var configuration: String { openblas_get_config().map { String(cString: $0) } ?? "unknown" }

    /// The CPU kernels OpenBLAS chose ("Haswell", "SkylakeX", "Zen"); `OPENBLAS_CORETYPE` overrides the choice.
    public static var coreName: String { openblas_get_corename().map { String(cString: $0) } ?? "unknown" }

    /// The processors OpenBLAS sees.
    public static var processors: Int { Int(openblas_get_num_procs()) }
}
