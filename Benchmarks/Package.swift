// swift-tools-version:6.1
import Foundation
import PackageDescription

// Release-build benchmarks, kept out of `swift test`: `bash scripts/bench.sh` at the root.
// A path dependency's identity is its folder name, whatever a clone is called.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let main = root.lastPathComponent.lowercased()

let package = Package(
    name: "AutodebitBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [.package(path: "..")],
    targets: [
        .executableTarget(
            name: "AutodebitBench",
            dependencies: [
                .product(name: "Importers", package: main),
                .product(name: "Detection", package: main),
                .product(name: "Ledger", package: main),
            ]
        ),
    ]
)
