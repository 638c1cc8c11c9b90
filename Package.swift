// swift-tools-version:6.1
import PackageDescription

#if arch(x86_64)
let kernelSettings: [SwiftSetting] = [.unsafeFlags(["-target-cpu", "haswell"])]
#else
let kernelSettings: [SwiftSetting] = []
#endif

/// YAMG — Yet Another MIDI Generator.
///
/// Library targets follow the data (see `README.md`); each knows only the layers below it.
/// The `yamg` executable holds one file per subcommand and no logic of its own.
let package = Package(
    name: "YAMG",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "yamg", targets: ["yamg"]),
        .library(name: "MIDIFile", targets: ["MIDIFile"]),
        .library(name: "Encoding", targets: ["Encoding"]),
        .library(name: "NeuralNet", targets: ["NeuralNet"]),
        .library(name: "Models", targets: ["Models"]),
        .library(name: "Performance", targets: ["Performance"]),
        .library(name: "Generation", targets: ["Generation"]),
        .library(name: "Analysis", targets: ["Analysis"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        .target(name: "MIDIFile"),
        .systemLibrary(name: "CLinux"),
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .target(name: "NeuralNet", dependencies: ["CBLAS", "Kernels"]),
        // The recurrence's product kernel, built for AVX2 + FMA on x86-64; NeuralNet calls it only on CPUs
        // that have them (PackedGEMM.isAvailable).
        .target(name: "Kernels", swiftSettings: kernelSettings),
        .target(name: "Models", dependencies: ["NeuralNet", "Encoding"]),
        .target(name: "Generation", dependencies: ["Models", "Encoding", "MIDIFile", "NeuralNet"]),
        .target(name: "Encoding", dependencies: ["MIDIFile", "CLinux"]),
        .systemLibrary(name: "CFluidSynth", pkgConfig: "fluidsynth", providers: [.apt(["libfluidsynth-dev"])]),
        .systemLibrary(name: "CALSA", pkgConfig: "alsa", providers: [.apt(["libasound2-dev"])]),
        .target(name: "Analysis", dependencies: ["MIDIFile"]),
        .target(
            name: "Performance",
            dependencies: [
                "MIDIFile", "Encoding", "Models", "Generation", "NeuralNet", "CFluidSynth", "CALSA", "CLinux",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        .executableTarget(
            name: "yamg",
            dependencies: [
                "MIDIFile",
                "Encoding",
                "NeuralNet",
                "Models",
                "Generation",
                "Performance",
                "Analysis",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // What the test targets share: paths (repository, ../shared/data, scratch folders), tags, the `yamg` runner and
        // the small models trained once per run. Not a product.
        .target(name: "TestSupport", dependencies: ["Models", "Encoding", "Generation", "NeuralNet"], path: "Tests/TestSupport"),
        .testTarget(name: "MIDIFileTests", dependencies: ["MIDIFile", "TestSupport"]),
        .testTarget(name: "EncodingTests", dependencies: ["Encoding", "MIDIFile", "TestSupport"]),
        .testTarget(name: "NeuralNetTests", dependencies: ["NeuralNet", "TestSupport"]),
        .testTarget(name: "ModelsTests", dependencies: ["Models", "NeuralNet", "Encoding", "TestSupport"]),
        .testTarget(name: "GenerationTests", dependencies: ["Generation", "Models", "Encoding", "MIDIFile", "NeuralNet", "TestSupport"]),
        .testTarget(
            name: "PerformanceTests",
            dependencies: ["Performance", "MIDIFile", "Generation", "Models", "Encoding", "NeuralNet", "TestSupport",
                           .product(name: "Logging", package: "swift-log")]
        ),
        .testTarget(name: "AnalysisTests", dependencies: ["Analysis", "MIDIFile", "TestSupport"]),
        .testTarget(name: "yamgTests", dependencies: ["yamg", "TestSupport"]),
    ]
)
