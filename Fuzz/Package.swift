// swift-tools-version:6.1
import PackageDescription

/// libFuzzer harness over the MIDIFile reader and writer; build and run it with `run.sh`.
/// A separate package so the sanitizer flags never touch the main build.
let package = Package(
    name: "MIDIFuzz",
    dependencies: [
        // Named explicitly: the product reference must not depend on what the clone's folder is called.
        .package(name: "YAMG", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "MIDIFuzz",
            dependencies: [.product(name: "MIDIFile", package: "YAMG")]
        ),
    ]
)
