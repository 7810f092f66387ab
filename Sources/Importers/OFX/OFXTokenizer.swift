#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One element event of an OFX body.
public struct OFXToken: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// A start tag with no text after it: an aggregate opens.
        case open
        /// A start tag followed by text (or `<X></X>`, `<X/>`): one value. Its end tag, when
        /// the writer put one, is part of the token.
        case leaf
        /// `</X>`.
        case close
    }

    public let kind: Kind
    /// The tag name, upper-cased (`STMTTRN`, `INTU.BID`).
    public let name: String
    /// Leaf text with entities decoded, CDATA unwrapped, and outer whitespace trimmed.
    public let value: String
    /// 1-based line of the `<` that starts the token.
    public let line: Int
    /// Byte range of the token in the body, `<` up to just after its last byte.
    public let start: Int
    public let end: Int

    public var description: String {
        switch kind {
        case .open: return "<\(name)>@\(line)"
        case .leaf: return "<\(name)>\(value)@\(line)"
        case .close: return "</\(name)>@\(line)"
        }
    }
}

/// Something odd in the markup, with where it was.
public struct OFXSyntaxProblem: Sendable, Equatable, CustomStringConvertible {
    public let line: Int
    public let message: String
    public var description: String { "line \(line): \(message)" }
}

/// A tolerant byte-level tokenizer for OFX 1.x SGML, 2.x XML and hybrids. It never fails:
/// a start tag followed by text is a leaf, a start tag without text opens an aggregate, and
/// `</X>` closes; comments, processing instructions and DOCTYPEs are skipped; CDATA is text.
/// Works on UTF-8 bytes without regexes or per-character `String` work; only tag names and
/// leaf values become strings.
public struct OFXTokenizer: Sequence, IteratorProtocol {
    private let bytes: [UInt8]
    private var position: Int
    private var lineCountedTo: Int
    private var line: Int
    /// Markup that was cut short or malformed (the file continues past most of them).
    public private(set) var problems: [OFXSyntaxProblem] = []
    /// True when the input ended inside a tag, comment or CDATA section.
    public private(set) var truncated = false

    public init(utf8 bytes: [UInt8], start: Int = 0) {
        self.bytes = bytes
        self.position = 0
        self.lineCountedTo = 0
        self.line = 1
        self.position = Swift.min(Swift.max(start, 0), bytes.count)
    }

    /// The 1-based line of byte `offset` (offsets must not decrease between calls).
    private mutating func lineAt(_ offset: Int) -> Int {
        guard offset > lineCountedTo else { return line }
        let from = lineCountedTo
        let n = bytes.count
        line += bytes.withUnsafeBufferPointer { buf -> Int in
            var count = 0
            for i in from..<offset {
                let b = buf[i]
                if b == 0x0A { count += 1 } else if b == 0x0D, i + 1 >= n || buf[i + 1] != 0x0A { count += 1 }
            }
            return count
        }
        lineCountedTo = offset
        return line
    }

    public mutating func next() -> OFXToken? {
        let n = bytes.count
        while position < n {
            // Text between tags outside a leaf carries nothing.
            guard let lt = indexOf(UInt8(ascii: "<"), from: position) else { position = n; return nil }
            position = lt
            if matches("<!--", at: lt) {
                guard skipComment(at: lt) else { return nil }
                continue
            }
            if matches("<![CDATA[", at: lt) {
                guard let close = indexOf("]]>", from: lt + 9) else { cut("CDATA section never closed", at: lt); return nil }
                position = close + 3
                continue
            }
            let b1 = lt + 1 < n ? bytes[lt + 1] : 0
            if b1 == UInt8(ascii: "?") || b1 == UInt8(ascii: "!") {
                guard let gt = indexOf(UInt8(ascii: ">"), from: lt + 2) else { cut("declaration never closed", at: lt); return nil }
                position = gt + 1
                continue
            }
            if b1 == UInt8(ascii: "/") {
                let nameStart = lt + 2
                let nameEnd = nameEndIndex(from: nameStart)
                guard let gt = indexOf(UInt8(ascii: ">"), from: nameEnd) else { cut("end tag never closed", at: lt); return nil }
                position = gt + 1
                guard nameEnd > nameStart else { continue }
                return OFXToken(kind: .close, name: upperName(nameStart, nameEnd), value: "", line: lineAt(lt), start: lt, end: gt + 1)
            }
            guard isNameStart(b1) else { position = lt + 1; continue }
            let nameStart = lt + 1
            let nameEnd = nameEndIndex(from: nameStart)
            guard let gt = indexOf(UInt8(ascii: ">"), from: nameEnd) else { cut("start tag never closed", at: lt); return nil }
            let name = upperName(nameStart, nameEnd)
            let tokenLine = lineAt(lt)
            if gt > nameEnd, bytes[gt - 1] == UInt8(ascii: "/") {
                position = gt + 1
                return OFXToken(kind: .leaf, name: name, value: "", line: tokenLine, start: lt, end: gt + 1)
            }
            return startTag(name: name, nameStart: nameStart, nameEnd: nameEnd, line: tokenLine, start: lt, contentStart: gt + 1)
        }
        return nil
    }

    /// Decides between leaf and aggregate for the start tag ending at `contentStart`.
    private mutating func startTag(name: String, nameStart: Int, nameEnd: Int, line: Int, start: Int, contentStart: Int) -> OFXToken {
        let n = bytes.count
        var j = contentStart
        while true {
            while j < n, OFXHeader.isSpace(bytes[j]) { j += 1 }
            if j < n, matches("<!--", at: j), let close = indexOf("-->", from: j + 4) { j = close + 3; continue }
            break
        }
        if j >= n || (bytes[j] == UInt8(ascii: "<") && !matches("<![CDATA[", at: j)) {
            if j < n, let after = matchingEndTag(at: j, nameStart: nameStart, nameEnd: nameEnd) {
                position = after
                return OFXToken(kind: .leaf, name: name, value: "", line: line, start: start, end: after)
            }
            position = contentStart
            return OFXToken(kind: .open, name: name, value: "", line: line, start: start, end: contentStart)
        }
        // Fast path: plain text up to a `<` that starts markup, no entity, no CDATA.
        if let lt = indexOf(UInt8(ascii: "<"), from: contentStart) ?? Optional(n), plainLeafEnd(lt),
           !containsAmpersand(contentStart, lt) {
            var lo = contentStart, hi = lt
            while lo < hi, OFXHeader.isSpace(bytes[lo]) { lo += 1 }
            while hi > lo, OFXHeader.isSpace(bytes[hi - 1]) { hi -= 1 }
            let value = String(decoding: bytes[lo..<hi], as: UTF8.self)
            return finishLeaf(name: name, value: value, nameStart: nameStart, nameEnd: nameEnd, line: line, start: start, contentStart: contentStart, textEnd: lt)
        }
        var text: [UInt8] = []
        var k = contentStart
        while k < n {
            let lt = indexOf(UInt8(ascii: "<"), from: k) ?? n
            OFXEntities.decode(bytes[k..<lt], into: &text)
            k = lt
            if k >= n { break }
            if matches("<![CDATA[", at: k) {
                guard let close = indexOf("]]>", from: k + 9) else {
                    text.append(contentsOf: bytes[(k + 9)..<n]); cut("CDATA section never closed", at: k); k = n; break
                }
                text.append(contentsOf: bytes[(k + 9)..<close])
                k = close + 3
                continue
            }
            if matches("<!--", at: k), let close = indexOf("-->", from: k + 4) { k = close + 3; continue }
            // `<` that cannot start markup (`A < 3`) is text.
            let next = k + 1 < n ? bytes[k + 1] : 0
            if !isNameStart(next) && next != UInt8(ascii: "/") && next != UInt8(ascii: "!") && next != UInt8(ascii: "?") {
                text.append(bytes[k]); k += 1; continue
            }
            break
        }
        var lo = 0, hi = text.count
        while lo < hi, OFXHeader.isSpace(text[lo]) { lo += 1 }
        while hi > lo, OFXHeader.isSpace(text[hi - 1]) { hi -= 1 }
        let value = String(decoding: text[lo..<hi], as: UTF8.self)
        return finishLeaf(name: name, value: value, nameStart: nameStart, nameEnd: nameEnd, line: line, start: start, contentStart: contentStart, textEnd: k)
    }

    /// Consumes the leaf's own end tag when it follows (XML style) and builds the token.
    private mutating func finishLeaf(name: String, value: String, nameStart: Int, nameEnd: Int, line: Int, start: Int, contentStart: Int, textEnd k: Int) -> OFXToken {
        let n = bytes.count
        var end = k
        var m = k
        while m < n, OFXHeader.isSpace(bytes[m]) { m += 1 }
        if m < n, let after = matchingEndTag(at: m, nameStart: nameStart, nameEnd: nameEnd) { end = after }
        else { while end > contentStart, OFXHeader.isSpace(bytes[end - 1]) { end -= 1 } }
        position = Swift.max(end, k)
        return OFXToken(kind: .leaf, name: name, value: value, line: line, start: start, end: end)
    }

    /// Whether the `<` at `lt` (or the end) ends leaf text without CDATA or a comment to merge.
    private func plainLeafEnd(_ lt: Int) -> Bool {
        let n = bytes.count
        guard lt + 1 < n else { return true }
        let next = bytes[lt + 1]
        if next == UInt8(ascii: "/") || next == UInt8(ascii: "?") { return true }
        if next == UInt8(ascii: "!") { return false }
        return isNameStart(next)
    }

    private func containsAmpersand(_ from: Int, _ to: Int) -> Bool {
        guard from < to else { return false }
        return bytes.withUnsafeBufferPointer { memchr($0.baseAddress! + from, 0x26, to - from) != nil }
    }

    /// When `</NAME>` (same name, any case) starts at `i`, the offset just after it.
    private func matchingEndTag(at i: Int, nameStart: Int, nameEnd: Int) -> Int? {
        let n = bytes.count
        let length = nameEnd - nameStart
        guard i + 2 + length < n, bytes[i] == UInt8(ascii: "<"), bytes[i + 1] == UInt8(ascii: "/") else { return nil }
        for k in 0..<length where upper(bytes[i + 2 + k]) != upper(bytes[nameStart + k]) { return nil }
        var j = i + 2 + length
        while j < n, OFXHeader.isSpace(bytes[j]) { j += 1 }
        guard j < n, bytes[j] == UInt8(ascii: ">") else { return nil }
        return j + 1
    }

    private mutating func skipComment(at lt: Int) -> Bool {
        guard let close = indexOf("-->", from: lt + 4) else { cut("comment never closed", at: lt); return false }
        position = close + 3
        return true
    }

    private mutating func cut(_ message: String, at offset: Int) {
        problems.append(OFXSyntaxProblem(line: lineAt(offset), message: message + " (file cut short?)"))
        truncated = true
        position = bytes.count
    }

    // MARK: byte helpers

    @inline(__always) private func upper(_ b: UInt8) -> UInt8 { b >= 0x61 && b <= 0x7A ? b - 0x20 : b }

    @inline(__always) private func isNameStart(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == UInt8(ascii: "_")
    }

    private func nameEndIndex(from i: Int) -> Int {
        var j = i
        let n = bytes.count
        while j < n, OFXHeader.isNameByte(bytes[j]) || bytes[j] == UInt8(ascii: ":") { j += 1 }
        return j
    }

    private func upperName(_ from: Int, _ to: Int) -> String {
        var allUpper = true
        for k in from..<to where bytes[k] >= 0x61 && bytes[k] <= 0x7A { allUpper = false; break }
        if allUpper { return String(decoding: bytes[from..<to], as: UTF8.self) }
        return String(decoding: bytes[from..<to].map { upper($0) }, as: UTF8.self)
    }

    private func indexOf(_ byte: UInt8, from i: Int) -> Int? {
        let n = bytes.count
        guard i < n else { return nil }
        return bytes.withUnsafeBufferPointer { buf -> Int? in
            guard let p = memchr(buf.baseAddress! + i, Int32(byte), n - i) else { return nil }
            return buf.baseAddress!.distance(to: p.assumingMemoryBound(to: UInt8.self))
        }
    }

    private func indexOf(_ word: StaticString, from i: Int) -> Int? {
        let first = word.utf8Start[0]
        var j = i
        let n = bytes.count
        while j < n {
            if bytes[j] == first, matches(word, at: j) { return j }
            j += 1
        }
        return nil
    }

    private func matches(_ word: StaticString, at i: Int) -> Bool {
        let count = word.utf8CodeUnitCount
        guard i + count <= bytes.count else { return false }
        let w = word.utf8Start
        for k in 0..<count where bytes[i + k] != w[k] { return false }
        return true
    }
}
