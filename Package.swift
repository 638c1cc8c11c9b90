// swift-tools-version:6.1
import PackageDescription

#if arch(x86_64)
let kernelSettings: [SwiftSetting] = [.unsafeFlags(["-target-cpu", "haswell"])]
let kernel512Settings: [SwiftSetting] = [.unsafeFlags(["-target-cpu", "skylake-avx512"])]
#else
let kernelSettings: [SwiftSetting] = []
let kernel512Settings: [SwiftSetting] = []
#endif

/// YAMG — Yet Another MIDI Generator.
///
/// Library targets follow the data; each imports only targets of lower layers (`Sources/README.md` draws them, and
/// `LayerTests` checks every import against its table).
/// The `yamg` executable holds one file per subcommand and no logic of its own.
let package = Package(
    name: "YAMG",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "yamg", targets: ["yamg"]),
        .library(name: "Basics", targets: ["Basics"]),
        .library(name: "MIDIFile", targets: ["MIDIFile"]),
        .library(name: "Encoding", targets: ["Encoding"]),
        .library(name: "NeuralNet", targets: ["NeuralNet"]),
        .library(name: "Models", targets: ["Models"]),
        .library(name: "Performance", targets: ["Performance"]),
        .library(name: "Generation", targets: ["Generation"]),
        .library(name: "Analysis", targets: ["Analysis"]),
        .library(name: "Render", targets: ["Render"]),
        .library(name: "ControlRoom", targets: ["ControlRoom"]),
        .library(name: "Daemon", targets: ["Daemon"]),
        .library(name: "Diagnostics", targets: ["Diagnostics"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        // The control room's web server, its WebSocket and its /metrics (traits: none of Hummingbird's optional
        // swift-configuration and full-Foundation extras are used).
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        // What every layer may use, below them all: atomic file and folder replacement, JSON string literals, SVG
        // markup, process CPU and memory figures. Nothing but Foundation and glibc (CLinux: the calls Swift's Glibc
        // module leaves out).
        .target(name: "Basics", dependencies: ["CLinux"]),
        .target(name: "MIDIFile", dependencies: ["Basics"]),
        .systemLibrary(name: "CLinux"),
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .target(name: "NeuralNet", dependencies: ["Basics", "CBLAS", "Kernels", "Kernels512"]),
        // The recurrence's product kernel and the float16 generation kernel, built for AVX2 + FMA (+ F16C) on
        // x86-64; NeuralNet calls them only on CPUs that have them (PackedGEMM.isAvailable, HalfKernel).
        .target(name: "Kernels", swiftSettings: kernelSettings),
        // The float16 generation kernel with AVX-512: Swift sets the target CPU per module, so a module of its own.
        .target(name: "Kernels512", swiftSettings: kernel512Settings),
        .target(name: "Models", dependencies: ["Basics", "NeuralNet", "Encoding"]),
        .target(name: "Generation", dependencies: ["Basics", "Models", "Encoding", "Analysis", "MIDIFile", "NeuralNet"]),
        .target(name: "Encoding", dependencies: ["Basics", "MIDIFile"]),
        .systemLibrary(name: "CFluidSynth", pkgConfig: "fluidsynth", providers: [.apt(["libfluidsynth-dev"])]),
        .systemLibrary(name: "CALSA", pkgConfig: "alsa", providers: [.apt(["libasound2-dev"])]),
        .target(name: "Analysis", dependencies: ["Basics", "MIDIFile"]),
        // Offline output: generate's entry point, WAV rendering through FluidSynth, soundfonts.
        .target(name: "Render", dependencies: ["Basics", "Generation", "Analysis", "Models", "Encoding", "MIDIFile", "NeuralNet", "CFluidSynth"]),
        // The live layer: clock, performer, sinks (ALSA, FluidSynth), recorder.
        .target(
            name: "Performance",
            dependencies: ["Basics", "MIDIFile", "NeuralNet", "Models", "Generation", "Render", "CFluidSynth", "CALSA",
                           .product(name: "Logging", package: "swift-log")]
        ),
        // The control room: a local web page, its JSON API and WebSocket, /metrics, and the client `yamg ctl` uses.
        .target(
            name: "ControlRoom",
            dependencies: [
                "Basics", "MIDIFile", "Generation", "Performance",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The daemon: config, session, services (signals, reload, watchdog, sd_notify, the control room) in a
        // ServiceGroup.
        .target(
            name: "Daemon",
            dependencies: [
                "Basics", "Performance", "Render", "Generation", "Models", "Encoding", "NeuralNet", "ControlRoom",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        // `yamg doctor`: checks of this machine and the config, beside the CLI.
        .target(name: "Diagnostics", dependencies: ["Daemon", "Performance", "Render", "Models", "NeuralNet", "Generation"]),
        .executableTarget(
            name: "yamg",
            dependencies: [
                "Basics",
                "MIDIFile",
                "Encoding",
                "NeuralNet",
                "Models",
                "Generation",
                "Render",
                "Performance",
                "ControlRoom",
                "Daemon",
                "Diagnostics",
                "Analysis",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "BasicsTests", dependencies: ["Basics", "TestSupport"]),
        // What the test targets share: paths (repository, ../shared/data, scratch folders), tags, the `yamg` runner and
        // the small models trained once per run. Not a product.
        .target(name: "TestSupport", dependencies: ["MIDIFile", "Models", "Encoding", "Generation", "NeuralNet", .product(name: "Logging", package: "swift-log")],
                path: "Tests/TestSupport"),
        .testTarget(name: "MIDIFileTests", dependencies: ["MIDIFile", "TestSupport"]),
        .testTarget(name: "EncodingTests", dependencies: ["Encoding", "MIDIFile", "TestSupport"]),
        .testTarget(name: "NeuralNetTests", dependencies: ["NeuralNet", "TestSupport"]),
        .testTarget(name: "ModelsTests", dependencies: ["Models", "NeuralNet", "Encoding", "TestSupport"]),
        .testTarget(name: "GenerationTests", dependencies: ["Generation", "Models", "Encoding", "Analysis", "MIDIFile", "NeuralNet", "TestSupport"]),
        .testTarget(
            name: "PerformanceTests",
            dependencies: ["Performance", "MIDIFile", "Generation", "Models", "Encoding", "Analysis", "NeuralNet", "TestSupport",
                           .product(name: "Logging", package: "swift-log")]
        ),
        .testTarget(name: "RenderTests", dependencies: ["Render", "MIDIFile", "Generation", "TestSupport"]),
        .testTarget(
            name: "DaemonTests",
            dependencies: ["Daemon", "Performance", "Generation", "MIDIFile", "TestSupport", .product(name: "Logging", package: "swift-log")]
        ),
        .testTarget(
            name: "ControlRoomTests",
            dependencies: ["ControlRoom", "Performance", "Generation", "MIDIFile", "TestSupport"]
        ),
        .testTarget(name: "AnalysisTests", dependencies: ["Analysis", "MIDIFile", "TestSupport"]),
        .testTarget(name: "yamgTests", dependencies: ["yamg", "Generation", "TestSupport"]),
        // The layer rule of Sources/README.md, checked over every import.
        .testTarget(name: "LayerTests", dependencies: ["TestSupport"]),
    ]
)
