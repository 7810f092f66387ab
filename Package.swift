// swift-tools-version:6.1
import PackageDescription

// One direction of flow: Ledger ← Importers/Detection ← Store/Reporting/Config ← Scanning ← autodebit.
let package = Package(
    name: "autodebit",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "autodebit", targets: ["autodebit"]),
        .library(name: "Scanning", targets: ["Scanning"]),
        // For the benchmark package (Benchmarks/), which times the importers and detection alone.
        .library(name: "Importers", targets: ["Importers"]),
        .library(name: "Detection", targets: ["Detection"]),
        .library(name: "Ledger", targets: ["Ledger"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .target(
            name: "Ledger",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(
            name: "Importers",
            dependencies: ["Ledger", "CLibXML2", "ZIPFoundation"]
        ),
        .target(name: "Detection", dependencies: ["Ledger"]),
        .target(
            name: "Store",
            dependencies: ["Ledger", "Detection", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(
            name: "Reporting",
            dependencies: ["Ledger", "Detection", .product(name: "Mustache", package: "swift-mustache")],
            resources: [.copy("Resources")]
        ),
        .target(
            name: "Config",
            dependencies: ["Ledger", "Importers", "Detection", "TOMLKit"]
        ),
        .target(
            name: "Scanning",
            dependencies: [
                "Ledger", "Importers", "Detection", "Store", "Reporting", "Config",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "autodebit",
            dependencies: ["Scanning", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .target(name: "TestSupport", dependencies: ["Ledger", "Detection"], path: "Tests/TestSupport"),
        .testTarget(name: "LedgerTests", dependencies: ["Ledger"]),
        .testTarget(name: "ImportersTests", dependencies: ["Importers", "Ledger", "TestSupport"]),
        .testTarget(name: "DetectionTests", dependencies: ["Detection", "Ledger", "TestSupport"]),
        .testTarget(name: "ReportingTests", dependencies: ["Reporting", "Detection", "Ledger", "TestSupport"], exclude: ["Golden"]),
        .testTarget(name: "StoreTests", dependencies: ["Store", "Ledger", "Detection", "TestSupport"]),
        .testTarget(name: "ScanningTests", dependencies: ["Scanning", "Config", "TestSupport"], exclude: ["Golden"]),
        .testTarget(name: "CLITests", dependencies: ["Scanning", "TestSupport"]),
    ]
)
