import Detection
import Ledger

/// The verbatim source rows of every cited transaction, and how the report was made.
enum AppendixSection {
    static func render(_ ctx: ReportContext) -> [String] {
        let s = ctx.strings
        var blocks = ["## " + s("appendix.rows.title"), s("appendix.rows.intro")]
        var seen: Set<String> = []
        var cited: [Transaction] = []
        for f in ctx.allFindings {
            var rows = f.transactions
            if case .duplicate(let original) = f.detail { rows.append(original) }
            for t in rows where seen.insert(t.source.description + "\u{1F}" + t.id).inserted { cited.append(t) }
        }
        cited.sort { ($0.source, $0.id) < ($1.source, $1.id) }
        if cited.isEmpty { blocks.append(s("appendix.rows.none")) }
        for t in cited {
            blocks.append("**" + MarkdownText.escape(t.source.description) + "** · " + MarkdownText.escape(t.id))
            if t.rawRow.isEmpty {
                blocks.append(s("appendix.rows.missing"))
            } else {
                blocks.append(MarkdownText.codeBlock(ReportMasking.mask(t.rawRow, keep: ReportContext.identifiers(of: t))))
            }
        }
        blocks.append("## " + s("appendix.method.title"))
        let notes = (1...9).map { "appendix.method.\($0)" }.filter(s.has)
        blocks.append(notes.map { "- " + s($0, ["asOf": ctx.input.asOf.description]) }.joined(separator: "\n"))
        return blocks
    }
}
