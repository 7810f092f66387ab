import Ledger

/// Identifiers that stay the same across runs for the same facts.
///
/// Decision: a finding's id hashes its kind, the merchant key and the ids of exactly the
/// charges it cites (sorted). So when another charge arrives after the same cancellation, the
/// finding citing two charges replaces the one citing one, under a NEW id: a cron run with
/// `--exit-code` alerts again because more money is now at stake, and an `ack` of the old
/// finding does not silence the new charge. The alternative (keying on the first charge and
/// letting the finding grow) would hide later charges behind an old acknowledgement.
/// Upcoming charges cite the last charge and add the expected date, so each renewal is its own.
enum FindingIDs {
    static func finding(kind: FindingKind, merchantKey: String, transactionIDs: [String], extra: [String] = []) -> String {
        "f-" + StableID.hash([kind.rawValue, merchantKey] + transactionIDs.sorted() + extra)
    }

    /// `sub-` + hash of merchant key, cadence name and the first charge's id.
    static func subscription(merchantKey: String, cadence: Cadence, firstTransactionID: String) -> String {
        "sub-" + StableID.hash([merchantKey, cadence.name, firstTransactionID])
    }
}
