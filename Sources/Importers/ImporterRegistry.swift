/// Every importer, in the order files are offered to them: the most specific first, the
/// profile-driven generic CSV last (it would otherwise claim any CSV).
public enum ImporterRegistry {
    public static let all: [any StatementImporter] = [
        // Each importer adds its own line here.
        WeChatXLSXImporter(),
        Camt053Importer(),
        WeChatCSVImporter(),
        AlipayCSVImporter(),
        CMBCreditCSVImporter(), CMBDebitCSVImporter(), ICBCCSVImporter(),
        OFXImporter(),
        ProfileCSVImporter(), // the generic `csv` stays last: it would claim any CSV a profile matches
    ]

    /// The first importer that recognises the head, if any.
    public static func identify(_ head: FileHead, context: ImportContext) -> (any StatementImporter)? {
        all.first { $0.identify(head, context: context) }
    }
}
