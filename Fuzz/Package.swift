// swift-tools-version:6.1
import PackageDescription

// libFuzzer targets for every statement reader, outside the main package so that `swift test`
// and the release build never see `-sanitize=fuzzer`. Build and run them with scripts/fuzz.sh.
let package = Package(
    name: "autodebit-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(path: "..")],
    targets: [
        // One binary; FUZZ_TARGET picks the reader (see Targets.swift). libFuzzer supplies
        // `main`, so the module is parsed as a library. scripts/fuzz.sh builds it with
        // `-Xswiftc -sanitize=fuzzer,address` so that the readers themselves are instrumented.
        .executableTarget(
            name: "autodebit-fuzz",
            dependencies: [
                "FuzzerDriver",
                .product(name: "Importers", package: "main"),
                .product(name: "Ledger", package: "main"),
            ],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
        .target(name: "FuzzerDriver"),
    ]
)
