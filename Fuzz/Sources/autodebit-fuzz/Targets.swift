import Foundation
import Importers
import Ledger

/// One thing to fuzz: a name for FUZZ_TARGET and a function that must survive any bytes.
struct FuzzTarget: Sendable {
    let name: String
    let run: @Sendable ([UInt8]) -> Void

    static let all: [FuzzTarget] = [
        importer("wechat-csv", WeChatCSVImporter()),
        importer("wechat-xlsx", WeChatXLSXImporter()),
        importer("alipay-csv", AlipayCSVImporter()),
        // The three bank layouts share one target: the bytes go to each of them.
        FuzzTarget(name: "cn-bank-csv") { bytes in
            for reader in [CMBCreditCSVImporter(), CMBDebitCSVImporter(), ICBCCSVImporter()] as [any StatementImporter] {
                runImporter(reader, bytes, context: ImportContext())
            }
        },
        importer("ofx", OFXImporter()),
        importer("camt053", Camt053Importer()),
        importer("csv", ProfileCSVImporter(), context: ImportContext(profiles: FuzzProfiles.all)),
        FuzzTarget(name: "csv-reader", run: ParserTargets.csvReader),
        FuzzTarget(name: "text-decoder", run: ParserTargets.textDecoder),
        FuzzTarget(name: "money", run: ParserTargets.money),
        FuzzTarget(name: "dates", run: ParserTargets.dates),
    ]

    static func importer(_ name: String, _ reader: any StatementImporter, context: ImportContext = ImportContext()) -> FuzzTarget {
        FuzzTarget(name: name) { runImporter(reader, $0, context: context) }
    }
}

/// Identify on the head as the scan does, then extract whatever identify said: a reader must
/// also refuse, with an ImportError, bytes it would not have been offered.
func runImporter(_ reader: any StatementImporter, _ bytes: [UInt8], context: ImportContext) {
    let path = "fuzz/input"
    let head = FileHead(path: path, bytes: Array(bytes.prefix(64 * 1024)))
    _ = reader.identify(head, context: context)
    // Not a file URL: the readers must use `bytes`, never open something on disk.
    let file = StatementFile(path: path, url: URL(string: "fuzz:input")!, bytes: bytes)
    do {
        let result = try reader.extract(file, context: context)
        for row in result.skipped {
            precondition(row.line >= 0, "negative line in a skipped row")
            precondition(!row.reason.isEmpty, "a skipped row without a reason")
        }
    } catch let error as ImportError {
        precondition(error.path.hasPrefix(path), "ImportError names another path: \(error.path)")
        precondition(!error.message.isEmpty, "ImportError without a message")
    } catch {
        // Not a crash, but the scan would print it without a line: tallied for the report.
        OtherErrors.note(reader.format, error)
    }
}

/// Errors that were not ImportError, printed once when the fuzzer exits.
enum OtherErrors {
    nonisolated(unsafe) static var seen: [String: Int] = [:]
    nonisolated(unsafe) static var installed = false

    static func note(_ format: String, _ error: Error) {
        let key = format + ": " + String(describing: type(of: error)) + " " + String(String(describing: error).prefix(120))
        seen[key, default: 0] += 1
        if !installed {
            installed = true
            atexit {
                for (key, count) in OtherErrors.seen.sorted(by: { $0.key < $1.key }) {
                    FileHandle.standardError.write(Data("non-ImportError ×\(count): \(key)\n".utf8))
                }
            }
        }
    }
}

/// Profiles like the ones users write, so the generic CSV reader gets past its header search.
enum FuzzProfiles {
    static let all: [CSVProfile] = [
        CSVProfile(name: "girokonto", matchHeader: ["Buchungstag", "Betrag"], delimiter: UInt8(ascii: ";"),
                   dateColumn: "Buchungstag", dateFormat: "dd.MM.yyyy", amount: .signed("Betrag"),
                   payeeColumn: "Auftraggeber / Begünstigter", memoColumn: "Verwendungszweck", currencyColumn: "Waehrung",
                   currency: "EUR", decimalComma: true, declaredAt: "fuzz.toml:1"),
        CSVProfile(name: "chase", matchHeader: ["Posting Date", "Amount"], dateColumn: "Posting Date",
                   dateFormat: "auto", amount: .signed("Amount"), payeeColumn: "Description", currency: "USD"),
        CSVProfile(name: "uk", matchHeader: ["Date", "Paid out", "Paid in"], dateColumn: "Date", dateFormat: "auto",
                   amount: .debitCredit(debit: "Paid out", credit: "Paid in"), payeeColumn: "Description", currency: "GBP"),
        CSVProfile(name: "ing-nl", matchHeader: ["Datum", "Af Bij"], dateColumn: "Datum", dateFormat: "yyyyMMdd",
                   amount: .indicator(amount: "Bedrag (EUR)", column: "Af Bij", debitValues: ["Af"]),
                   payeeColumn: "Naam / Omschrijving", memoColumn: "Mededelingen", currency: "EUR", decimalComma: true),
    ]
}
