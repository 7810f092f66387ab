import Testing
@testable import Importers

@Suite struct CSVReaderTests {
    private func records(_ text: String) -> [CSVRecord] { Array(CSVReader(utf8: Array(text.utf8))) }
    private func fields(_ text: String) -> [[String]] { records(text).map(\.fields) }

    @Test func quotesAndEscapedQuotes() {
        #expect(fields("a,\"b,c\",\"say \"\"hi\"\"\"\n") == [["a", "b,c", "say \"hi\""]])
        #expect(fields("\"\",x\n") == [["", "x"]])
        // A quote inside an unquoted field is text.
        #expect(fields("打开拼多多\"多多视频\",/\n") == [["打开拼多多\"多多视频\"", "/"]])
    }

    @Test func embeddedNewlinesKeepLineNumbers() {
        let r = records("h1,h2\n\"two\nlines\",x\nnext,y\n")
        #expect(r.map(\.fields) == [["h1", "h2"], ["two\nlines", "x"], ["next", "y"]])
        #expect(r.map(\.line) == [1, 2, 4])
        #expect(r[1].raw == "\"two\nlines\",x")
    }

    @Test func crlfInsideQuotesIsOneLineBreak() {
        let r = records("\"a\r\nb\",c\r\nd,e\r\n")
        #expect(r.map(\.fields) == [["a\r\nb", "c"], ["d", "e"]])
        #expect(r.map(\.line) == [1, 3])
    }

    @Test func lineEndings() {
        #expect(fields("a,b\rc,d\r") == [["a", "b"], ["c", "d"]])
        #expect(records("a\rb\rc").map(\.line) == [1, 2, 3])
        #expect(fields("a,b\r\nc,d") == [["a", "b"], ["c", "d"]])
        #expect(fields("a,b\n\nc\n") == [["a", "b"], [""], ["c"]])
        #expect(fields("a,b,\n") == [["a", "b", ""]])
        #expect(fields("a,") == [["a", ""]])
    }

    @Test func byteOrderMarkIsSkipped() {
        let r = Array(CSVReader(utf8: [0xEF, 0xBB, 0xBF] + Array("交易时间,x\n".utf8)))
        #expect(r.first?.fields == ["交易时间", "x"])
        #expect(r.first?.raw == "交易时间,x")
    }

    @Test func tabAfterClosingQuote() {
        // WeChat's `"3985734"\t,`
        #expect(fields("\"3985734\"\t,\"129847129\"\t,\"/\"\n") == [["3985734", "129847129", "/"]])
        #expect(fields("\"a\" ,b\n") == [["a", "b"]])
        // Unquoted cells keep their padding; trim() removes it.
        let r = records("x \t,y\n")
        #expect(r[0].fields == ["x \t", "y"])
        #expect(r[0].trimmed(0) == "x" && r[0].trimmed(5) == "")
    }

    @Test func unterminatedQuoteResynchronisesAtTheLineEnd() {
        let r = records("a,\"broken,cell\nnext,row\n\"also\"\n")
        #expect(r.count == 3)
        #expect(r[0].unterminatedQuote)
        #expect(r[0].fields == ["a", "broken,cell"])
        #expect(r[1].fields == ["next", "row"] && r[1].line == 2)
        #expect(r[2].fields == ["also"] && r[2].line == 3)
        #expect(!r[1].unterminatedQuote)
    }

    @Test func otherDelimiters() {
        let r = Array(CSVReader(utf8: Array("a;b;\"c;d\"\n".utf8), delimiter: UInt8(ascii: ";")))
        #expect(r.first?.fields == ["a", "b", "c;d"])
    }

    @Test func trimHandlesWideSpaces() {
        #expect(CSVReader.trim("\u{3000} 金额\t\u{00A0}") == "金额")
        #expect(CSVReader.trim("   ") == "")
        #expect(CSVReader.trim("") == "")
    }

    /// Byte rows (the importers' path) split exactly like String records, including the
    /// cells rebuilt in scratch (`""` escapes, text after a closing quote) and resynchronised lines.
    @Test func byteRowsAgreeWithRecords() {
        let texts = [
            "a,\"b,c\",\"say \"\"hi\"\"\"\n\"x\"y ,z\r\n", "h1,h2\n\"two\nlines\",x\nnext,y\n",
            "a,\"broken,cell\nnext,row\n\"also\"\n", "\u{FEFF}交易时间,x\n,,\n\"3985734\"\t,\"/\"", "a,", "\"\"\"\"", "\"unclosed",
            String(repeating: "padded cell          ,", count: 40) + "\n",
        ]
        for text in texts {
            let bytes = Array(text.utf8)
            let records = Array(CSVReader(utf8: bytes))
            var rows: [(Int, [String], String, Bool)] = []
            bytes.withUnsafeBufferPointer { buffer in
                var reader = CSVByteReader(buffer)
                while let row = reader.next() { rows.append((row.line, row.fieldStrings, row.raw, row.unterminatedQuote)) }
            }
            #expect(rows.map { $0.0 } == records.map(\.line), "\(text)")
            #expect(rows.map { $0.1 } == records.map(\.fields), "\(text)")
            #expect(rows.map { $0.2 } == records.map(\.raw), "\(text)")
            #expect(rows.map { $0.3 } == records.map(\.unterminatedQuote), "\(text)")
        }
        #expect(fields("\"a\"\"b\"x,y\n") == [["a\"bx", "y"]])
    }

    /// The byte trim (hot path) and the String trim agree, also on invalid UTF-8.
    @Test func byteTrimAgreesWithStringTrim() {
        let pieces: [[UInt8]] = [[0x20], [0x09], [0x0D, 0x0A], [0xC2, 0xA0], [0xE3, 0x80, 0x80], [0xEF, 0xBB, 0xBF], Array("金额".utf8),
                                 Array("a".utf8), [0xC2], [0xE3, 0x80], [0x80], [0xFF], [0xE3], [0xA0]]
        var checked = 0
        for a in pieces { for b in pieces { for c in pieces {
            let cell = a + b + c
            let expected = CSVReader.trim(String(decoding: cell, as: UTF8.self))
            let got = cell.withUnsafeBufferPointer { String(decoding: CSVTrim.bytes($0), as: UTF8.self) }
            #expect(got == expected, "\(cell)")
            checked += 1
        } } }
        #expect(checked == pieces.count * pieces.count * pieces.count)
    }

    @Test func stringPoolGivesBackEqualTexts() {
        let pool = StringPool(limit: 2)
        let texts = ["北京三快在线科技有限公司", "招商银行信用卡(8842)", "北京三快在线科技有限公司", "短", "中国移动通信集团有限公司", "招商银行信用卡(8842)"]
        for text in texts {
            let got = Array(text.utf8).withUnsafeBufferPointer { pool.string($0) }
            #expect(got == text)
        }
    }
}
