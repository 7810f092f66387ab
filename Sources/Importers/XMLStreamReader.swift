import CLibXML2

/// A forward-only pull reader over libxml2's `xmlTextReader`: one node at a time, so a file
/// of any size is read in bounded memory and no document tree is ever built.
///
/// Hardened for untrusted statements: the network is off, entities are never substituted,
/// and a DOCTYPE or an entity reference anywhere in the file is a fatal error (with the safe
/// options libxml2 silently drops external entities, so a field would just come back empty —
/// refusing the file is the only honest answer). Errors carry `path:line`; every libxml2
/// message, including those raised with no parser attached (encoding conversion), is caught
/// by this reader's handlers and never printed.
public final class XMLStreamReader {
    /// libxml2's `xmlReaderTypes`.
    public enum NodeType: Int32, Sendable {
        case none = 0, element = 1, attribute = 2, text = 3, cdata = 4, entityReference = 5,
             entity = 6, processingInstruction = 7, comment = 8, document = 9, documentType = 10,
             documentFragment = 11, notation = 12, whitespace = 13, significantWhitespace = 14,
             endElement = 15, endEntity = 16, xmlDeclaration = 17
    }

    /// `XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_COMPACT`; never NOENT, DTDLOAD or HUGE.
    /// `XML_PARSE_BIG_LINES` only keeps text nodes' line numbers exact past line 65535.
    static let safeOptions: Int32 = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOBLANKS.rawValue | XML_PARSE_COMPACT.rawValue
                                          | XML_PARSE_BIG_LINES.rawValue)

    /// The path named in errors (relative to the scanned folder).
    public let path: String
    private let reader: xmlTextReaderPtr
    private let errors: XMLErrorSink
    /// Keeps the in-memory source alive for the IO callbacks; nil when reading a file.
    private let source: MemorySource?

    public private(set) var nodeType: NodeType = .none

    /// libxml2 2.9 wants one `xmlInitParser()` before readers are made on several threads (the
    /// scan reads files in parallel); a static is initialised exactly once, thread-safely.
    private static let libraryReady: Void = { xmlInitParser() }()

    /// Reads `bytes` (kept, not copied, while the reader lives).
    public init(bytes: [UInt8], path: String) throws {
        _ = XMLStreamReader.libraryReady
        self.path = path
        let source = MemorySource(bytes)
        let errors = XMLErrorSink()
        let saved = autodebit_xmlInstallErrorHandler(XMLErrorSink.structuredHandler, Unmanaged.passUnretained(errors).toOpaque())
        defer { autodebit_xmlRestoreErrorHandlers(saved) }
        let context = Unmanaged.passUnretained(source).toOpaque()
        guard let reader = xmlReaderForIO(memoryRead, nil, context, nil, nil, XMLStreamReader.safeOptions) else {
            throw ImportError(path: path, line: 0, message: "the XML reader could not be created")
        }
        self.source = source
        self.reader = reader
        self.errors = errors
        installErrorHandler()
    }

    /// Streams the file at `filePath` from disk.
    public init(filePath: String, path: String) throws {
        _ = XMLStreamReader.libraryReady
        self.path = path
        let errors = XMLErrorSink()
        let saved = autodebit_xmlInstallErrorHandler(XMLErrorSink.structuredHandler, Unmanaged.passUnretained(errors).toOpaque())
        defer { autodebit_xmlRestoreErrorHandlers(saved) }
        guard let reader = xmlReaderForFile(filePath, nil, XMLStreamReader.safeOptions) else {
            throw ImportError(path: path, line: 0, message: "cannot open the file as XML")
        }
        self.source = nil
        self.reader = reader
        self.errors = errors
        installErrorHandler()
    }

    deinit { xmlFreeTextReader(reader) }

    private func installErrorHandler() {
        let sink = Unmanaged.passUnretained(errors).toOpaque()
        xmlTextReaderSetStructuredErrorHandler(reader, XMLErrorSink.structuredHandler, sink)
    }

    /// Moves to the next node. Returns false at the end of the document; throws on malformed
    /// XML, a DOCTYPE, or an entity reference.
    @discardableResult
    public func read() throws -> Bool {
        // The reader parses as it is read: errors raised with no parser attached go to the
        // thread's handlers, ours for the time of the call.
        let saved = autodebit_xmlInstallErrorHandler(XMLErrorSink.structuredHandler, Unmanaged.passUnretained(errors).toOpaque())
        let status = xmlTextReaderRead(reader)
        autodebit_xmlRestoreErrorHandlers(saved)
        if status == 1 {
            nodeType = NodeType(rawValue: xmlTextReaderNodeType(reader)) ?? .none
            switch nodeType {
            case .documentType:
                throw failure("a DOCTYPE declaration is not accepted in a statement (DTDs and entities can hide or inject content)")
            case .entityReference, .entity:
                throw failure("an entity reference (&\(localName);) is not accepted in a statement: entities are never expanded")
            default:
                return true
            }
        }
        nodeType = .none
        if status == 0 {
            if let first = errors.first { throw ImportError(path: path, line: first.line > 0 ? first.line : line, message: XMLErrorSink.describe(first)) }
            return false
        }
        if let first = errors.first { throw ImportError(path: path, line: first.line > 0 ? first.line : line, message: XMLErrorSink.describe(first)) }
        throw failure("the XML cannot be read")
    }

    /// An `ImportError` at the current line, for callers that find the content wrong.
    public func failure(_ message: String) -> ImportError {
        ImportError(path: path, line: line, message: message)
    }

    /// Local name without prefix (`Ntry`, `#text` for text nodes).
    public var localName: String {
        guard let p = xmlTextReaderConstLocalName(reader) else { return "" }
        return String(cString: p)
    }

    /// The namespace URI of the current element, "" when none.
    public var namespaceURI: String {
        guard let p = xmlTextReaderConstNamespaceUri(reader) else { return "" }
        return String(cString: p)
    }

    /// Text of a text, CDATA or whitespace node; "" for elements.
    public var value: String {
        guard let p = xmlTextReaderConstValue(reader) else { return "" }
        return String(cString: p)
    }

    /// Depth of the current node (the root element is 0).
    public var depth: Int { Int(xmlTextReaderDepth(reader)) }

    /// `<a/>`: no end-element node will follow.
    public var isEmptyElement: Bool { xmlTextReaderIsEmptyElement(reader) == 1 }

    /// Line of the current node (1-based; an end tag reports its element's start line). Exact
    /// for text nodes and for elements up to line
    /// 65534; libxml2 stores element lines in 16 bits, so past that an element reports the
    /// parser's position, which runs ahead by the read buffer (callers wanting exactness can
    /// take the line of the element's first text node instead).
    public var line: Int {
        nodeLine ?? Int(max(0, xmlTextReaderGetParserLineNumber(reader)))
    }

    /// Whether `line` is the node's own line rather than the parser's position.
    public var lineIsExact: Bool { nodeLine != nil }

    private var nodeLine: Int? {
        guard let node = xmlTextReaderCurrentNode(reader) else { return nil }
        let n = xmlGetLineNo(node)
        return n > 0 && (n < 65535 || isText) ? n : nil
    }

    /// Whether the node carries text: text, CDATA and significant whitespace.
    public var isText: Bool { nodeType == .text || nodeType == .cdata || nodeType == .significantWhitespace }

    /// Attribute by qualified name as written (`Ccy`, `r:id`) on the current element.
    public func attribute(_ qualifiedName: String) -> String? {
        guard let p = xmlTextReaderGetAttribute(reader, qualifiedName) else { return nil }
        defer { autodebit_xmlFree(p) }
        return String(cString: p)
    }

    /// Attribute by local name, whatever its prefix or namespace (`id` finds `r:id`, and the
    /// same attribute under Strict OOXML's other namespace URI).
    public func attribute(localName wanted: String) -> String? {
        guard xmlTextReaderMoveToFirstAttribute(reader) == 1 else { return nil }
        defer { xmlTextReaderMoveToElement(reader) }
        repeat {
            if let name = xmlTextReaderConstLocalName(reader), String(cString: name) == wanted,
               let v = xmlTextReaderConstValue(reader) {
                return String(cString: v)
            }
        } while xmlTextReaderMoveToNextAttribute(reader) == 1
        return nil
    }
}

/// The bytes the IO callback hands to libxml2 in chunks.
private final class MemorySource {
    let bytes: [UInt8]
    var position = 0
    init(_ bytes: [UInt8]) { self.bytes = bytes }
}

private func memoryRead(_ context: UnsafeMutableRawPointer?, _ buffer: UnsafeMutablePointer<CChar>?, _ length: Int32) -> Int32 {
    guard let context, let buffer, length > 0 else { return -1 }
    let source = Unmanaged<MemorySource>.fromOpaque(context).takeUnretainedValue()
    let count = min(Int(length), source.bytes.count - source.position)
    guard count > 0 else { return 0 }
    source.bytes.withUnsafeBufferPointer { all in
        UnsafeMutableRawPointer(buffer).copyMemory(from: all.baseAddress! + source.position, byteCount: count)
    }
    source.position += count
    return Int32(count)
}
