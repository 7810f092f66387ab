import Foundation

/// Why the state store could not do what was asked. The CLI maps every case to exit 4,
/// except `unknownFinding`, which is a usage error of `autodebit ack`.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Another run holds the folder's lock; `waited` is how long this one tried.
    case locked(path: String, waited: Duration)
    /// The state directory, lock file or database file could not be created or opened.
    case cannotCreate(path: String, reason: String)
    /// SQLite refused an operation (disk full, I/O error, corrupt file …).
    case database(path: String, message: String)
    /// The database was written by a newer autodebit whose schema this one does not know.
    case newerSchema(path: String, unknownMigrations: [String])
    /// `ack` named an id that no run has reported; `candidates` are known ids it may have meant.
    case unknownFinding(id: String, candidates: [String])
    /// The store was used after `close()`.
    case closed

    public var description: String {
        switch self {
        case let .locked(path, waited):
            return "another autodebit run is using \(path) (waited \(Self.seconds(waited)) for its lock); try again when it has finished"
        case let .cannotCreate(path, reason):
            return "cannot create the state store at \(path): \(reason)"
        case let .database(path, message):
            return "state store \(path): \(message)"
        case let .newerSchema(path, unknown):
            return "state store \(path) was written by a newer autodebit (schema steps \(unknown.joined(separator: ", ")) are unknown here); upgrade autodebit or use another --state directory"
        case let .unknownFinding(id, candidates):
            if candidates.isEmpty { return "no finding with id \(id) has been reported for this folder" }
            return "no finding with id \(id); did you mean: \(candidates.joined(separator: ", "))"
        case .closed:
            return "the state store has been closed"
        }
    }

    private static func seconds(_ d: Duration) -> String {
        let ms = d.components.seconds * 1000 + d.components.attoseconds / 1_000_000_000_000_000
        return ms % 1000 == 0 ? "\(ms / 1000) s" : "\(Double(ms) / 1000) s"
    }
}
