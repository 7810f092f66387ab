import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Reporting

@Suite("Timeline figures")
struct TimelineSVGTests {
    final class Counter: NSObject, XMLParserDelegate {
        var elements: [String: Int] = [:]
        var text = ""
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            elements[name, default: 0] += 1
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
    }

    @Test("One well-formed SVG per finding, 170 mm wide, linked from the report")
    func figures() throws {
        let report = try MarkdownReport.render(SampleReportInput.input(language: .en), options: ReportOptions(figureBaseName: "my report (1)"))
        #expect(report.figures.count == 7)
        for figure in report.figures {
            #expect(figure.fileName.hasPrefix("my-report--1--f-") && figure.fileName.hasSuffix(".svg"))
            #expect(report.markdown.contains("](\(figure.fileName))"))
            #expect(figure.svg.contains("width=\"170mm\""))
            let parser = XMLParser(data: Data(figure.svg.utf8))
            let counter = Counter()
            parser.delegate = counter
            #expect(parser.parse(), "\(figure.fileName) is not well-formed XML")
        }
    }

    @Test("Charges, cited charges, the cycle and the cancellation are drawn; text is XML-escaped")
    func content() throws {
        let report = try MarkdownReport.render(SampleReportInput.input(language: .en))
        let kameng = try #require(report.figures.first { $0.fileName.contains(SampleReportInput.afterCancellationID) })
        #expect(kameng.svg.components(separatedBy: "<circle").count - 1 == 5 + 2) // five charges, two legend dots
        #expect(kameng.svg.components(separatedBy: "r=\"5\" fill=\"#c0392b\"").count - 1 == 3) // two cited charges, one legend dot
        #expect(kameng.svg.contains("cancelled 2026-01-20"))
        #expect(kameng.svg.contains("stroke-dasharray=\"2,3\""))
        let hostile = try #require(report.figures.first { $0.fileName.contains(SampleReportInput.hostileID) })
        #expect(hostile.svg.contains("| &lt;img src=x onerror=alert(1)&gt; [x](javascript:alert(1))"))
        #expect(!hostile.svg.contains("<img"))
        let parser = XMLParser(data: Data(hostile.svg.utf8))
        let counter = Counter()
        parser.delegate = counter
        #expect(parser.parse())
        #expect(counter.text.contains(SampleReportInput.hostileMerchant))
    }
}
