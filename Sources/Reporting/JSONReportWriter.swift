import Detection
import Ledger

/// The machine report, schema `autodebit.report/1` (SPEC.md), with the SPEC's key order.
///
/// Additions to the SPEC example, each present only when it carries something:
/// - `sources[].problem`: why a file was not read (unrecognised format, or an error naming
///   `path:line`); such a source has `"format": null` and `"transactions": 0`.
/// - `findings[].acknowledged`: `true` for a finding the user acknowledged (`autodebit ack`).
/// `subscription` and `next_expected` are `null` when unknown. Amounts are decimal strings
/// (`"-30.00"`), never numbers; finding amounts are what is at stake (positive).
/// Account and card numbers in names, reasons and summaries are masked to their last four
/// digits; identifiers and paths are not.
public enum JSONReportWriter {
    public static let schema = "autodebit.report/1"

    /// The whole document, ending in a newline. The same input gives the same bytes.
    public static func render(_ input: ReportInput) throws -> String {
        document(try ReportContext.load(input)).rendered()
    }

    static func document(_ ctx: ReportContext) -> JSONValue {
        let input = ctx.input
        return .object([
            ("schema", .string(schema)),
            ("as_of", .string(input.asOf.description)),
            ("sources", .array(input.sources.sorted { $0.path < $1.path }.map(source))),
            ("subscriptions", .array(ctx.subscriptions.map(subscription))),
            ("findings", .array(ctx.allFindings.map { finding($0, ctx) })),
        ])
    }

    static func source(_ s: ReportSource) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("path", .string(s.path)),
            ("sha256", .string(s.sha256)),
            ("format", .string(s.format)),
            ("transactions", .int(s.transactionCount)),
            ("skipped", .array(s.skipped.sorted { $0.line < $1.line }.map {
                .object([("line", .int($0.line)), ("reason", .string(ReportMasking.mask($0.reason)))])
            })),
        ]
        if let problem = s.problem { members.append(("problem", .string(ReportMasking.mask(problem)))) }
        return .object(members)
    }

    static func subscription(_ s: Subscription) -> JSONValue {
        .object([
            ("id", .string(s.id)),
            ("merchant", .string(ReportMasking.mask(s.merchant))),
            ("cadence", .string(s.cadence.name)),
            ("period", .string(s.cadence.isoPeriod)),
            ("amount", .string(s.amount.magnitude.decimalString)),
            ("currency", .string(s.amount.currency.code)),
            ("status", .string(s.status.rawValue)),
            ("first", .string(s.first.description)),
            ("last", .string(s.last.description)),
            ("next_expected", .string(s.nextExpected?.description)),
            ("channels", .array(s.channels.map { .string($0.rawValue) })),
            ("transactions", .array(s.transactions.map { .string($0.id) })),
        ])
    }

    static func finding(_ f: Finding, _ ctx: ReportContext) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("id", .string(f.id)),
            ("kind", .string(f.kind.rawValue)),
            ("severity", .string(f.severity.rawValue)),
            ("merchant", .string(ReportMasking.mask(f.merchant))),
            ("subscription", .string(f.subscriptionID)),
            ("amount", .string(f.amount.magnitude.decimalString)),
            ("currency", .string(f.amount.currency.code)),
            ("new", .bool(ctx.isNew(f))),
            ("summary", .string(FindingSummary.sentence(f, ctx, for: .plain))),
            ("transactions", .array(f.transactions.map { t in
                .object([
                    ("id", .string(t.id)),
                    ("source", .string(t.source.description)),
                    ("time", .string(t.time.iso8601)),
                    ("amount", .string(t.amount.decimalString)),
                ])
            })),
            ("deadlines", .array(f.deadlines.map { .object([("rule", .string($0.rule)), ("date", .string($0.date.description))]) })),
        ]
        if ctx.input.acknowledgedFindingIDs.contains(f.id) { members.append(("acknowledged", .bool(true))) }
        return .object(members)
    }
}
