import Foundation

/// The target named by FUZZ_TARGET, looked up once (libFuzzer calls the entry millions of times).
nonisolated(unsafe) private var selected: FuzzTarget?

/// libFuzzer's entry point. Every target must return normally on any input: a trap, an
/// out-of-bounds access, a hang past -timeout or memory past -rss_limit_mb is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    if selected == nil {
        let name = getenv("FUZZ_TARGET").map { String(cString: $0) } ?? ""
        guard let target = FuzzTarget.all.first(where: { $0.name == name }) else {
            let names = FuzzTarget.all.map(\.name).joined(separator: " ")
            FileHandle.standardError.write(Data("autodebit-fuzz: set FUZZ_TARGET to one of: \(names)\n".utf8))
            exit(2)
        }
        selected = target
    }
    selected!.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
