import Foundation
import Testing
@testable import Scanning

@Suite struct FileReadingTests {
    func temporaryFile(_ bytes: [UInt8]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("autodebit-read-\(UUID().uuidString)")
        try Data(bytes).write(to: url)
        return url
    }

    @Test(arguments: [0, 1, 4095, 65_536, 1_000_003])
    func readsExactlyTheFileBytes(size: Int) throws {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<size).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let url = try temporaryFile(bytes)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(try FileReading.readAll(url) == bytes)
    }

    @Test func aMissingFileSaysWhy() throws {
        let url = URL(fileURLWithPath: "/nonexistent-autodebit/statement.csv")
        #expect { try FileReading.readAll(url) } throws: { "\($0)" == "No such file or directory" }
    }

    @Test func aFolderIsNotReadAsAFile() throws {
        #expect { try FileReading.readAll(FileManager.default.temporaryDirectory) } throws: { "\($0)" == "Is a directory" }
    }
}
