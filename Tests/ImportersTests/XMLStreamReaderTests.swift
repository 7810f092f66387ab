import Foundation
import Testing
@testable import Importers

/// Hostile XML every XML-based importer must survive: each is refused with an ImportError
/// naming the file, never expanded, never a crash or a hang.
enum HostileXML {
    static let billionLaughs = """
        <?xml version="1.0"?>
        <!DOCTYPE lolz [
         <!ENTITY lol "lol">
         <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
         <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
         <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
         <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
         <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
         <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
         <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
         <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
         <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
        ]>
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt><Ntry>
        <AddtlNtryInf>&lol9;</AddtlNtryInf></Ntry></Stmt></BkToCstmrStmt></Document>
        """

    static let externalEntity = """
        <?xml version="1.0"?>
        <!DOCTYPE Document [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt><Ntry>
        <Amt Ccy="EUR">1.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><BookgDt><Dt>2024-01-01</Dt></BookgDt>
        <AddtlNtryInf>&xxe;</AddtlNtryInf></Ntry></Stmt></BkToCstmrStmt></Document>
        """

    /// A DOCTYPE with no entities at all is refused too: the rule is simple and total.
    static let plainDoctype = """
        <?xml version="1.0"?>
        <!DOCTYPE Document SYSTEM "camt.053.001.02.dtd">
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt/></Document>
        """

    /// An undeclared entity reference in content (no DOCTYPE).
    static let undeclaredEntity = """
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt>
        <Id>&unknown;</Id></Stmt></BkToCstmrStmt></Document>
        """

    static func deeplyNested(_ levels: Int) -> String {
        String(repeating: "<a>", count: levels) + String(repeating: "</a>", count: levels)
    }
}

@Suite struct XMLStreamReaderTests {
    static let sample = """
        <?xml version="1.0" encoding="UTF-8"?>
        <r:root xmlns:r="urn:example" xmlns:x="urn:other">
          <item Ccy="EUR" x:id="rId7">12.50</item>
          <empty/>
          <text><![CDATA[a < b]]></text>
        </r:root>
        """

    /// Every node the reader returns, as `type name depth line value`.
    static func walk(_ reader: XMLStreamReader) throws -> [String] {
        var out: [String] = []
        while try reader.read() {
            out.append("\(reader.nodeType) \(reader.localName) \(reader.depth) \(reader.line) \(reader.value)")
        }
        return out
    }

    @Test func readsNamesValuesDepthsAndLinesFromMemory() throws {
        let reader = try XMLStreamReader(bytes: Array(Self.sample.utf8), path: "inline.xml")
        let nodes = try Self.walk(reader)
        #expect(nodes == [
            "element root 0 2 ",
            "element item 1 3 ",
            "text #text 2 3 12.50",
            "endElement item 1 3 ",
            "element empty 1 4 ",
            "element text 1 5 ",
            "cdata #cdata-section 2 5 a < b",
            "endElement text 1 5 ",
            "endElement root 0 2 ",
        ], "an end tag reports its element's line")
    }

    @Test func looksUpAttributesByQualifiedAndLocalName() throws {
        let reader = try XMLStreamReader(bytes: Array(Self.sample.utf8), path: "inline.xml")
        var found: [String] = []
        while try reader.read() {
            guard reader.nodeType == .element else { continue }
            if reader.localName == "root" { found.append(reader.namespaceURI) }
            if reader.localName == "item" {
                found.append(reader.attribute("Ccy") ?? "nil")
                found.append(reader.attribute("x:id") ?? "nil")
                found.append(reader.attribute(localName: "id") ?? "nil")
                found.append(reader.attribute("missing") ?? "nil")
                // Attribute lookup must leave the reader on the element.
                found.append(reader.localName)
            }
            if reader.localName == "empty" { found.append("empty:\(reader.isEmptyElement)") }
        }
        #expect(found == ["urn:example", "EUR", "rId7", "rId7", "nil", "item", "empty:true"])
    }

    @Test func readsTheSameFromAFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("xmlstreamreader-\(UUID().uuidString).xml")
        try Data(Self.sample.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let fromFile = try Self.walk(try XMLStreamReader(filePath: url.path, path: "on-disk.xml"))
        let fromMemory = try Self.walk(try XMLStreamReader(bytes: Array(Self.sample.utf8), path: "inline.xml"))
        #expect(fromFile == fromMemory)
    }

    @Test func aMissingFileIsAnImportErrorNamingThePath() {
        #expect(throws: ImportError.self) {
            try Self.walk(try XMLStreamReader(filePath: "/nonexistent/statement.xml", path: "bank/statement.xml"))
        }
    }

    @Test func malformedXMLNamesPathLineAndLibxmlMessage() throws {
        let text = "<a>\n<b>\n</a>\n"
        let error = try #require(throws: ImportError.self) {
            try Self.walk(try XMLStreamReader(bytes: Array(text.utf8), path: "bank/bad.xml"))
        }
        #expect(error.path == "bank/bad.xml")
        #expect(error.line == 3)
        #expect(error.message.contains("malformed XML"))
        #expect(error.message.contains("mismatch"))
    }

    @Test(arguments: [
        ("billion laughs", HostileXML.billionLaughs),
        ("external entity", HostileXML.externalEntity),
        ("DOCTYPE", HostileXML.plainDoctype),
    ])
    func doctypesAreRefused(_ name: String, _ text: String) throws {
        let error = try #require(throws: ImportError.self) {
            try Self.walk(try XMLStreamReader(bytes: Array(text.utf8), path: "hostile.xml"))
        }
        #expect(error.message.contains("DOCTYPE") || error.message.contains("entity"), "\(name): \(error)")
        #expect(!error.message.contains("root:"), "\(name) leaked file content")
    }

    @Test func anUndeclaredEntityIsAnError() throws {
        let error = try #require(throws: ImportError.self) {
            try Self.walk(try XMLStreamReader(bytes: Array(HostileXML.undeclaredEntity.utf8), path: "hostile.xml"))
        }
        #expect(error.line == 2)
        #expect(error.message.contains("unknown") || error.message.contains("entity"), "\(error)")
    }

    @Test func deepNestingStopsWithAnErrorInsteadOfExhaustingTheStack() throws {
        let error = try #require(throws: ImportError.self) {
            try Self.walk(try XMLStreamReader(bytes: Array(HostileXML.deeplyNested(100_000).utf8), path: "deep.xml"))
        }
        #expect(error.message.contains("depth"), "\(error)")
    }

    @Test func undecodableBytesAreAnErrorAndPrintNothing() throws {
        let bytes = Array("<?xml version=\"1.0\" encoding=\"GB2312\"?>\n<a>\n<b>".utf8) + [0xFF, 0xFE, 0xFF, 0xFE] + Array("</b></a>\n".utf8)
        var caught: ImportError?
        let printed = try StderrCapture.run {
            do { _ = try Self.walk(try XMLStreamReader(bytes: bytes, path: "gb.xml")) } catch let e as ImportError { caught = e }
        }
        let error = try #require(caught)
        #expect(error.path == "gb.xml" && error.line >= 2, "\(error)")
        #expect(error.message.contains("malformed XML"), "\(error)")
        #expect(!printed.contains("encoding error") && !printed.contains("conversion failed"), "libxml2 printed: \(printed)")
    }

    @Test func aTruncatedDocumentIsAnError() throws {
        let cut = Array(Self.sample.utf8.prefix(Self.sample.utf8.count / 2))
        let error = try #require(throws: ImportError.self) {
            try Self.walk(try XMLStreamReader(bytes: cut, path: "cut.xml"))
        }
        #expect(error.path == "cut.xml")
        #expect(error.line > 0)
    }
}
