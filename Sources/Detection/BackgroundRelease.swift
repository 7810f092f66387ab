import Dispatch

/// Frees a large value on another thread. The last release of a million payments or
/// transactions runs every element's destructor (a dozen strings each), a quarter of a second
/// that the caller need not wait for. The box holds the only reference, so whichever thread
/// lets go of the value, it is the background one.
public final class BackgroundRelease<Value>: @unchecked Sendable {
    private var value: Value?

    /// Takes `value`; the caller must hold no other reference to its storage.
    public init(_ value: consuming Value) { self.value = value }

    public func release() {
        DispatchQueue.global(qos: .utility).async { self.value = nil }
    }
}
