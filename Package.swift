// swift-tools-version:6.0
import Foundation
import PackageDescription

let package = Package(
    name: "Rex",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "rex", targets: ["rex"]),
        .library(name: "RexKit", targets: ["RexKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]
        ),
        // Starts a thread on another processor than its creator's (the GNU affinity calls Swift does not import).
        .target(name: "CThreadStart"),
        // Turns templates/ into Swift source so the rex binary carries its default templates
        // and works from any folder.
        .executableTarget(name: "EmbedResources"),
        .plugin(
            name: "EmbedTemplates",
            capability: .buildTool(),
            dependencies: ["EmbedResources"]
        ),
        .target(
            name: "RexKit",
            dependencies: [
                "CCmark",
                "CThreadStart",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            plugins: ["EmbedTemplates"]
        ),
        .executableTarget(
            name: "rex",
            dependencies: [
                "RexKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "RexKitTests",
            dependencies: ["RexKit"],
            resources: [.copy("Fixtures")]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// The libFuzzer target over the loader (`make fuzz`), declared only when REX_FUZZ=1 and built in its own scratch
// folder (.build-fuzz), so the normal build and `swift test` never see it. Instrumentation is asked for per target
// rather than with `swift build --sanitize fuzzer`, which would also link libFuzzer (and its `main`) into the
// EmbedResources build tool; C dependencies (libyaml) are instrumented by `-Xcc -fsanitize=fuzzer-no-link` on the
// command line. RexFuzz has a main.swift that runs libFuzzer's driver (Sources/RexFuzz/main.swift says why).
if ProcessInfo.processInfo.environment["REX_FUZZ"] == "1" {
    let fuzzer: [SwiftSetting] = [.unsafeFlags(["-sanitize=fuzzer"])]
    for target in package.targets where target.name == "RexKit" {
        target.swiftSettings = (target.swiftSettings ?? []) + fuzzer
    }
    package.targets += [
        .systemLibrary(name: "CLibFuzzer", path: "Sources/RexFuzz/CLibFuzzer"),
        .executableTarget(name: "RexFuzz", dependencies: ["RexKit", "CLibFuzzer"], exclude: ["CLibFuzzer"],
                          swiftSettings: fuzzer, linkerSettings: [.unsafeFlags(["-sanitize=fuzzer"])]),
    ]
}
