import Foundation

/// `autodebit ack`: remembered in the state store.
public enum Acknowledgement {
    public static func acknowledge(_ id: String, stateDirectory: URL) throws {
        throw ScanFailure(.failure, "acknowledging needs the state store, which is not built yet")
    }
}
