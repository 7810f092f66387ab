import Ledger

/// The same row imported from two overlapping exports carries the same source id: keep one.
/// Rows sharing an id but differing in date or amount are different rows (some banks reuse
/// ids) and are all kept.
enum ExactDuplicates {
    /// Per transaction: whether it repeats an earlier-ordered row of the same id. Only ids seen
    /// more than once are ordered at all (by source, then `transactionOrder`, then input order),
    /// so the cost is one hash per row, not a sort of the large transaction values.
    static func remove(_ transactions: [Transaction]) -> (dropped: [Bool], links: [Link]) {
        var dropped = [Bool](repeating: false, count: transactions.count)
        var links: [Link] = []
        let hashes = idHashes(transactions)
        transactions.withUnsafeBufferPointer { tx in
            // The first row of each id, found by the hash of its bytes (hashed on all cores
            // beforehand); rows whose hash an earlier, different id took are looked up by id.
            var firstByHash: [Int: Int32] = [:]
            firstByHash.reserveCapacity(tx.count)
            var firstOfCollided: [String: Int32] = [:]
            // Rows whose id was seen before, chained per id from its first row.
            var next = [Int32](repeating: -1, count: tx.count)
            var lastOf: [Int32: Int32] = [:]
            var repeatedFirsts: [Int32] = []
            for i in tx.indices {
                let idx = Int32(i)
                let first: Int32?
                if let c = firstByHash[hashes[i]] {
                    if tx[Int(c)].id.utf8.elementsEqual(tx[i].id.utf8) {
                        first = c
                    } else {
                        first = firstOfCollided[tx[i].id]
                        if first == nil { firstOfCollided[tx[i].id] = idx }
                    }
                } else {
                    firstByHash[hashes[i]] = idx
                    first = nil
                }
                if let f = first {
                    let tail = lastOf[f] ?? f
                    if tail == f { repeatedFirsts.append(f) }
                    next[Int(tail)] = idx
                    lastOf[f] = idx
                }
            }
            for f in repeatedFirsts {
                var group: [Int] = []
                var k = f
                while k >= 0 { group.append(Int(k)); k = next[Int(k)] }
                group.sort { i, j in
                    let a = tx[i], b = tx[j]
                    if a.source != b.source { return a.source < b.source }
                    if transactionOrder(a, b) { return true }
                    if transactionOrder(b, a) { return false }
                    return i < j
                }
                var kept: [Int] = []
                for i in group {
                    let t = tx[i]
                    if kept.contains(where: { tx[$0].amount == t.amount && tx[$0].date == t.date && tx[$0].kind == t.kind }) {
                        links.append(Link(kind: .duplicateExport, primary: t.id, secondary: t.id))
                        dropped[i] = true
                    } else {
                        kept.append(i)
                    }
                }
            }
        }
        return (dropped, links)
    }

    /// The hash of each row's id bytes, on all cores.
    private static func idHashes(_ transactions: [Transaction]) -> [Int] {
        let chunks = ParallelChunks(count: transactions.count, perWorker: 2)
        let slots = ParallelChunks.Slots<[Int]>(count: chunks.count)
        chunks.run { chunk in
            var hashes: [Int] = []
            hashes.reserveCapacity(chunks.range(chunk).count)
            transactions.withUnsafeBufferPointer { tx in
                for i in chunks.range(chunk) {
                    var hasher = Hasher()
                    var id = tx[i].id
                    id.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
                    hashes.append(hasher.finalize())
                }
            }
            slots.set(chunk, hashes)
        }
        return slots.values.flatMap { $0 }
    }
}
