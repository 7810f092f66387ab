/// The lines of a WeChat Pay or Alipay export before its rows: notes about the statement,
/// then the header that names the columns. Both importers read them alike.
enum WalletPreamble {
    /// One such line: the columns when it is the header (room is then made for the rows after
    /// it), else nil, keeping the line's statement note if it has one. A header without a
    /// needed column throws, naming the column.
    static func line<Columns, Missing: MissingColumnError>(
        _ record: CSVRecord, isHeader: Bool, wallet: String, path: String, buffer: UnsafeBufferPointer<UInt8>,
        make: (CSVRecord) -> Result<Columns, Missing>, note: (CSVRecord) -> String?, into result: inout ExtractResult
    ) throws -> Columns? {
        if isHeader {
            switch make(record) {
            case .success(let found):
                result.transactions.reserveCapacity(max(0, CNStatementFile.lineBreaks(buffer) + 1 - record.line))
                return found
            case .failure(let missing):
                throw ImportError(path: path, line: record.line, message: "\(wallet) header has no \(missing.name) column")
            }
        }
        if let text = note(record) { result.notes.append(text) }
        return nil
    }
}

/// A header that lacks a column an importer needs.
protocol MissingColumnError: Error {
    var name: String { get }
}

extension AlipayColumns.MissingColumn: MissingColumnError {}
extension WeChatColumns.MissingColumn: MissingColumnError {}

extension ExtractResult {
    /// Keeps a row's transaction, or its reason for being skipped. Consumed, so that the
    /// transaction moves into the array instead of being copied.
    @inline(__always)
    mutating func add(_ outcome: consuming RowOutcome) {
        switch consume outcome {
        case .transaction(let transaction): transactions.append(transaction)
        case .skipped(let skipped): self.skipped.append(skipped)
        }
    }
}
