import Testing
@testable import Importers

@Suite struct OFXTokenizerTests {
    private func tokens(_ text: String) -> [String] {
        var t = OFXTokenizer(utf8: Array(text.utf8))
        var out: [String] = []
        while let token = t.next() { out.append(token.description) }
        return out
    }

    @Test func sgmlLeavesAndAggregates() {
        #expect(tokens("<OFX>\n<CODE>0\n<SEVERITY>INFO\n</OFX>") == ["<OFX>@1", "<CODE>0@2", "<SEVERITY>INFO@3", "</OFX>@4"])
    }

    @Test func xmlLeafEndTagsAreConsumed() {
        #expect(tokens("<A><B>1</B>\n<C></C><D/></A>") == ["<A>@1", "<B>1@1", "<C>@2", "<D>@2", "</A>@2"])
    }

    @Test func commentsCDATAAndInstructions() {
        let text = "<?xml version=\"1.0\"?><!DOCTYPE x>\n<OFX> <!-- begin -->\n<NAME><![CDATA[A & <B>  ]]></NAME>\n<CODE>0   <!-- OK -->\n</OFX>"
        #expect(tokens(text) == ["<OFX>@2", "<NAME>A & <B>@3", "<CODE>0@4", "</OFX>@5"])
    }

    @Test func dottedNamesAndCase() {
        #expect(tokens("<ofx><intu.bid>00024<Name>x</name></ofx>") == ["<OFX>@1", "<INTU.BID>00024@1", "<NAME>x@1", "</OFX>@1"])
    }

    @Test func entitiesInLeaves() {
        #expect(tokens("<N>A & B &amp; C &#65;&#x42; &amp;lt;x&amp;gt;") == ["<N>A & B & C AB <x>@1"])
    }

    @Test func lineCountingWithCRLFAndLoneCR() {
        #expect(tokens("<A>\r\n<B>1\r<C>2\n\n<D>3") == ["<A>@1", "<B>1@2", "<C>2@3", "<D>3@5"])
    }

    @Test func truncatedTagIsReportedWithItsLine() {
        var t = OFXTokenizer(utf8: Array("<OFX>\n<STMTTRN>\n<TRNAMT>-1\n<FIT".utf8))
        var names: [String] = []
        while let token = t.next() { names.append(token.name) }
        #expect(names == ["OFX", "STMTTRN", "TRNAMT"])
        #expect(t.truncated)
        #expect(t.problems.first?.line == 4)
    }

    @Test func strayLessThanIsNotATag() {
        #expect(tokens("<A>x < 3 <B>1") == ["<A>x < 3@1", "<B>1@1"])
    }

    @Test func tokenRangesCoverTheElement() {
        let text = "<STMTTRN><NAME>x</NAME></STMTTRN>"
        var t = OFXTokenizer(utf8: Array(text.utf8))
        var ranges: [Range<Int>] = []
        while let token = t.next() { ranges.append(token.start..<token.end) }
        #expect(ranges == [0..<9, 9..<23, 23..<33])
    }

    @Test func readerClosesForgottenEndTags() {
        let body = "<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>USD<BANKACCTFROM><ACCTID>42</BANKACCTFROM><BANKTRANLIST><STMTTRN><TRNAMT>-1<PAYEE><NAME>P</STMTTRN><STMTTRN><TRNAMT>2</BANKTRANLIST></STMTRS></OFX>"
        let doc = OFXStatementReader.read(utf8: Array(body.utf8))
        #expect(doc.statements.count == 1)
        let s = doc.statements[0]
        #expect(s.accountID == "42" && s.currency == "USD")
        #expect(s.transactions.map { $0.fields["TRNAMT"] } == ["-1", "2"])
        #expect(s.transactions[0].payeeName == "P")
        #expect(s.transactions.allSatisfy { $0.complete })
    }

    @Test func headerStyles() {
        let v1 = OFXHeader.parse(Array("\n\nOFXHEADER:100\nENCODING:UTF-8\nCHARSET:NONE\nVERSION:102\n\n<OFX>".utf8))
        #expect(v1.style == .keyValue && v1.encoding == "UTF-8" && v1.charset == "NONE" && v1.version == "102" && v1.bodyStart == 57)
        let v2 = OFXHeader.parse(Array("<?xml version=\"1.0\" encoding='us-ascii'?>\n<?OFX OFXHEADER=\"200\" VERSION=\"211\"?>\n<OFX>".utf8))
        #expect(v2.style == .processingInstruction && v2.encoding == "us-ascii" && v2.version == "211")
        let none = OFXHeader.parse(Array("  <OFX>".utf8))
        #expect(none.style == .none && none.bodyStart == 2)
    }

    @Test func dates() {
        func iso(_ s: String) -> String? {
            if case .success(let p) = OFXDate.parse(s, defaultOffset: { _ in 3600 }) { return p.time.iso8601 }
            return nil
        }
        #expect(iso("20240229") == "2024-02-29T00:00:00+01:00")
        #expect(iso("20240229235959.999[+14:LINT]") == "2024-02-29T23:59:59+14:00")
        #expect(iso("20240101120000[+5.75:NPT]") == "2024-01-01T12:00:00+05:45")
        #expect(iso("20240101120000[99:XX]") == "2024-01-01T12:00:00+01:00")
        #expect(iso("20230229") == nil)
        #expect(iso("2024") == nil)
    }
}
