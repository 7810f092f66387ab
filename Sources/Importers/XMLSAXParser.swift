import CLibXML2

/// Receives a document's events from `XMLSAXParser` as raw bytes, without a Swift `String` or
/// an allocation per node. Names are libxml2 dictionary-interned: the same name arrives as the
/// same pointer throughout one parse, so a handler may cache what it learned about a pointer.
protocol XMLSAXHandler: AnyObject {
    func startElement(_ localName: UnsafePointer<UInt8>, _ attributes: XMLSAXAttributes, _ parser: XMLSAXParser)
    func endElement(_ localName: UnsafePointer<UInt8>, _ parser: XMLSAXParser)
    /// Text, CDATA and whitespace, in pieces: one text node may arrive in several calls.
    func characters(_ text: UnsafeBufferPointer<UInt8>, _ parser: XMLSAXParser)
}

/// A streaming parse over libxml2's SAX2 interface: no node is ever built, which makes it
/// several times faster than `xmlTextReader` on large statements.
///
/// The same hardening as `XMLStreamReader`: network off, entities never substituted, a DOCTYPE
/// refused as soon as it is seen (so no entity can even be declared; an undeclared one is a
/// fatal libxml2 error), libxml2's depth limit (256) kept. A text longer than `maxTextLength`
/// is the handler's to refuse (`fail`), as libxml2 hands text over in pieces. Every libxml2
/// message, including those raised with no parser attached (encoding conversion), becomes the
/// thrown `ImportError` with path and line; nothing is printed.
final class XMLSAXParser {
    /// libxml2's own limit for one text node without `XML_PARSE_HUGE`.
    static let maxTextLength = 10_000_000
    /// `XML_PARSE_NONET`; never NOENT, DTDLOAD, HUGE or NOBLANKS (blanks reach the handler,
    /// which trims).
    static let safeOptions = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue)

    let path: String
    private unowned let handler: any XMLSAXHandler
    private var context: xmlParserCtxtPtr?
    let errors = XMLErrorSink()
    /// Set by `fail`: the handler's own refusal, which wins over what libxml2 says after it.
    private var refusal: ImportError?
    /// Set by `stop`: the handler has read what it wanted; what libxml2 reported before counts.
    private var stoppedWithError: (code: Int, message: String, line: Int)??

    private init(path: String, handler: any XMLSAXHandler) {
        self.path = path
        self.handler = handler
    }

    /// Parses `bytes` (copied by libxml2 into its input buffer) to the end, or throws.
    static func parse(bytes: [UInt8], path: String, handler: any XMLSAXHandler) throws {
        guard bytes.count < Int(Int32.max) else {
            throw ImportError(path: path, line: 0, message: "the XML file is larger than 2 GB: not read")
        }
        let parser = XMLSAXParser(path: path, handler: handler)
        try parser.run {
            bytes.withUnsafeBufferPointer { buffer in
                buffer.baseAddress.flatMap { base in
                    base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { xmlCreateMemoryParserCtxt($0, Int32(buffer.count)) }
                } ?? xmlCreateMemoryParserCtxt("", 0)
            }
        }
    }

    /// Streams the file at `filePath` from disk.
    static func parse(filePath: String, path: String, handler: any XMLSAXHandler) throws {
        let parser = XMLSAXParser(path: path, handler: handler)
        try parser.run { xmlCreateFileParserCtxt(filePath) }
    }

    /// The line the parser has reached (1-based): for a start tag, the line of its `>`.
    var line: Int {
        guard let input = context?.pointee.input else { return 0 }
        return Int(max(0, input.pointee.line))
    }

    /// Stops the parse; `parse` then throws `message` at the current line.
    func fail(_ message: String) {
        guard refusal == nil else { return }
        refusal = ImportError(path: path, line: line, message: message)
        if let context { xmlStopParser(context) }
    }

    /// Throws `error` from `parse` once the parser has stopped.
    func fail(_ error: ImportError) {
        guard refusal == nil else { return }
        refusal = error
        if let context { xmlStopParser(context) }
    }

    /// Ends the parse early without an error (the handler has what it wanted).
    func stop() {
        guard refusal == nil, stoppedWithError == nil else { return }
        stoppedWithError = .some(errors.first)
        if let context { xmlStopParser(context) }
    }

    private static let libraryReady: Void = { xmlInitParser() }()

    private func run(_ makeContext: () -> xmlParserCtxtPtr?) throws {
        _ = XMLSAXParser.libraryReady
        let sinkPointer = Unmanaged.passUnretained(errors).toOpaque()
        let saved = autodebit_xmlInstallErrorHandler(XMLErrorSink.structuredHandler, sinkPointer)
        defer { autodebit_xmlRestoreErrorHandlers(saved) }
        guard let context = makeContext() else {
            throw ImportError(path: path, line: 0, message: errors.first.map { "cannot open the file as XML (\($0.message))" } ?? "cannot open the file as XML")
        }
        defer {
            self.context = nil
            xmlFreeParserCtxt(context)
        }
        self.context = context
        // The context owns its handler block; ours replaces its contents (the default one builds a tree).
        context.pointee.sax.pointee = XMLSAXParser.callbacks
        context.pointee.userData = Unmanaged.passUnretained(self).toOpaque()
        _ = xmlCtxtUseOptions(context, XMLSAXParser.safeOptions)
        _ = xmlParseDocument(context)
        if let refusal { throw refusal }
        if case .some(let before) = stoppedWithError {
            if let first = before { throw ImportError(path: path, line: first.line > 0 ? first.line : line, message: XMLErrorSink.describe(first)) }
            return
        }
        if let first = errors.first {
            throw ImportError(path: path, line: first.line > 0 ? first.line : line, message: XMLErrorSink.describe(first))
        }
        if context.pointee.wellFormed == 0 {
            throw ImportError(path: path, line: line, message: "malformed XML")
        }
    }

    /// Decodes `&#38;`-style references libxml2 leaves in attribute values when it does not
    /// substitute entities; a value without `&` is taken as it is.
    fileprivate func attributeValue(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> String {
        let buffer = UnsafeBufferPointer(start: start, count: end - start)
        guard buffer.contains(0x26), let context,
              let decoded = xmlStringLenDecodeEntities(context, start, Int32(buffer.count), Int32(XML_SUBSTITUTE_REF), 0, 0, 0) else {
            return String(decoding: buffer, as: UTF8.self)
        }
        defer { autodebit_xmlFree(decoded) }
        return String(cString: decoded)
    }

    private static func parser(_ userData: UnsafeMutableRawPointer?) -> XMLSAXParser {
        Unmanaged<XMLSAXParser>.fromOpaque(userData!).takeUnretainedValue()
    }

    // Immutable once built; libxml2 only reads the copy each context holds.
    nonisolated(unsafe) private static let callbacks: xmlSAXHandler = {
        var sax = xmlSAXHandler()
        sax.initialized = UInt32(XML_SAX2_MAGIC)
        sax.startElementNs = { userData, localName, _, _, _, _, attributeCount, _, attributes in
            guard let localName else { return }
            let parser = XMLSAXParser.parser(userData)
            parser.handler.startElement(localName, XMLSAXAttributes(parser: parser, count: Int(attributeCount), table: attributes), parser)
        }
        sax.endElementNs = { userData, localName, _, _ in
            guard let localName else { return }
            let parser = XMLSAXParser.parser(userData)
            parser.handler.endElement(localName, parser)
        }
        let text: charactersSAXFunc = { userData, bytes, length in
            guard let bytes, length > 0 else { return }
            let parser = XMLSAXParser.parser(userData)
            parser.handler.characters(UnsafeBufferPointer(start: bytes, count: Int(length)), parser)
        }
        sax.characters = text
        sax.ignorableWhitespace = text
        sax.cdataBlock = text
        sax.internalSubset = { userData, _, _, _ in
            XMLSAXParser.parser(userData).fail("a DOCTYPE declaration is not accepted in a statement (DTDs and entities can hide or inject content)")
        }
        sax.reference = { userData, name in
            let shown = name.map { String(cString: $0) } ?? ""
            XMLSAXParser.parser(userData).fail("an entity reference (&\(shown);) is not accepted in a statement: entities are never expanded")
        }
        sax.serror = { userData, error in
            guard let userData, let error else { return }
            XMLSAXParser.parser(userData).errors.record(error.pointee)
        }
        return sax
    }()
}

/// The attributes of one start tag, as libxml2's SAX2 table of (local name, prefix, URI,
/// value start, value end).
struct XMLSAXAttributes {
    fileprivate let parser: XMLSAXParser
    let count: Int
    fileprivate let table: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?

    /// The value of the unprefixed attribute `name` (`Ccy`, `r`, `t`), as `attribute("Ccy")`
    /// finds it in `XMLStreamReader`.
    func value(_ name: StaticString) -> String? {
        guard let table else { return nil }
        for i in 0..<count {
            let base = i * 5
            guard table[base + 1] == nil, let local = table[base], let start = table[base + 3], let end = table[base + 4] else { continue }
            if XMLName.equals(local, name) { return parser.attributeValue(start, end) }
        }
        return nil
    }

    /// The raw bytes of the unprefixed attribute `name`; nil when absent or when it holds a
    /// character reference (then use `value`).
    func rawValue(_ name: StaticString) -> UnsafeBufferPointer<UInt8>? {
        guard let table else { return nil }
        for i in 0..<count {
            let base = i * 5
            guard table[base + 1] == nil, let local = table[base], let start = table[base + 3], let end = table[base + 4] else { continue }
            if XMLName.equals(local, name) {
                let buffer = UnsafeBufferPointer(start: start, count: end - start)
                return buffer.contains(0x26) ? nil : buffer
            }
        }
        return nil
    }
}

enum XMLName {
    /// Whether the NUL-terminated `name` is exactly `expected`.
    @inline(__always)
    static func equals(_ name: UnsafePointer<UInt8>, _ expected: StaticString) -> Bool {
        let n = expected.utf8CodeUnitCount
        let e = expected.utf8Start
        for i in 0..<n where name[i] != e[i] { return false }
        return name[n] == 0
    }
}

/// The first error libxml2 reported while one document was read.
final class XMLErrorSink {
    var first: (code: Int, message: String, line: Int)?

    /// Warnings (level 1) do not stop the parse and are not kept; errors and fatal errors are.
    func record(_ e: xmlError) {
        guard e.level.rawValue >= XML_ERR_ERROR.rawValue, first == nil else { return }
        let message = e.message.map { String(cString: $0) } ?? "XML error"
        first = (Int(e.code), CSVReader.trim(message), Int(e.line))
    }

    static func describe(_ error: (code: Int, message: String, line: Int)) -> String {
        "malformed XML (libxml2 error \(error.code): \(error.message))"
    }

    /// For `xmlSetStructuredErrorFunc`: the context is the sink.
    static let structuredHandler: xmlStructuredErrorFunc = { context, error in
        guard let context, let error else { return }
        Unmanaged<XMLErrorSink>.fromOpaque(context).takeUnretainedValue().record(error.pointee)
    }
}
