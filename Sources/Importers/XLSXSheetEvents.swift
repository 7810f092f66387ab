/// Collects a worksheet's rows from SAX events (for `XLSXWorkbook.readRows`): 1-based row
/// number and cells by 0-based column. Attribute and cell bytes are read in place; a `String`
/// is made only for the cells kept.
final class XLSXRowCollector: XMLSAXHandler {
    private var state: XLSXRowState

    init(path: String, sharedStrings: [String], onRow: @escaping (Int, [XLSXCell?]) throws -> Bool) {
        state = XLSXRowState(path: path, sharedStrings: sharedStrings, onRow: onRow)
    }

    func startElement(_ localName: UnsafePointer<UInt8>, _ attributes: XMLSAXAttributes, _ parser: XMLSAXParser) {
        state.start(localName, attributes, parser)
    }

    func endElement(_ localName: UnsafePointer<UInt8>, _ parser: XMLSAXParser) {
        state.end(localName, parser)
    }

    func characters(_ text: UnsafeBufferPointer<UInt8>, _ parser: XMLSAXParser) {
        state.characters(text, parser)
    }
}

/// The `t` attribute of a cell, as far as reading it goes.
enum XLSXCellType {
    case shared, text, bool, number

    init(_ bytes: some Collection<UInt8>) {
        switch String(decoding: bytes, as: UTF8.self) {
        case "s": self = .shared
        case "inlineStr", "str", "e", "d": self = .text
        case "b": self = .bool
        default: self = .number
        }
    }
}

struct XLSXRowState {
    let path: String
    let sharedStrings: [String]
    let onRow: (Int, [XLSXCell?]) throws -> Bool
    private var rowNumber = 0
    private var cells: [XLSXCell?] = []
    private var column = -1
    private var cellType = XLSXCellType.number
    private var value: [UInt8] = []
    private var inValue = false
    private var inRow = false
    private var done = false

    init(path: String, sharedStrings: [String], onRow: @escaping (Int, [XLSXCell?]) throws -> Bool) {
        self.path = path
        self.sharedStrings = sharedStrings
        self.onRow = onRow
    }

    mutating func start(_ name: UnsafePointer<UInt8>, _ attributes: XMLSAXAttributes, _ parser: XMLSAXParser) {
        if XMLName.equals(name, "c") {
            guard inRow else { return }
            if let raw = attributes.rawValue("r") {
                column = XLSXWorkbook.columnIndex(raw) ?? column + 1
            } else {
                column = attributes.value("r").flatMap(XLSXWorkbook.columnIndex) ?? column + 1
            }
            if let raw = attributes.rawValue("t") {
                cellType = XLSXCellType(raw)
            } else {
                cellType = attributes.value("t").map { XLSXCellType($0.utf8) } ?? .number
            }
            value.removeAll(keepingCapacity: true)
        } else if XMLName.equals(name, "v") || XMLName.equals(name, "t") {
            // `<v>` holds the value; `<is><t>` an inline string (its runs concatenate).
            inValue = true
        } else if XMLName.equals(name, "row") {
            if let raw = attributes.rawValue("r") {
                rowNumber = XLSXRowState.decimal(raw) ?? Int(String(decoding: raw, as: UTF8.self)) ?? rowNumber + 1
            } else {
                rowNumber = attributes.value("r").flatMap { Int($0) } ?? rowNumber + 1
            }
            cells = []
            column = -1
            inRow = true
        }
    }

    mutating func end(_ name: UnsafePointer<UInt8>, _ parser: XMLSAXParser) {
        guard !done else { return }
        if XMLName.equals(name, "c") {
            do { try finishCell() } catch { stop(with: error, parser) }
        } else if XMLName.equals(name, "v") || XMLName.equals(name, "t") {
            inValue = false
        } else if XMLName.equals(name, "row") {
            inRow = false
            do {
                if try !onRow(rowNumber, cells) {
                    done = true
                    parser.stop()
                }
            } catch {
                stop(with: error, parser)
            }
        }
    }

    mutating func characters(_ text: UnsafeBufferPointer<UInt8>, _ parser: XMLSAXParser) {
        guard inValue, !done else { return }
        guard value.count + text.count <= XMLSAXParser.maxTextLength else {
            done = true
            return parser.fail("row \(rowNumber): a cell of more than \(XMLSAXParser.maxTextLength) bytes")
        }
        value.append(contentsOf: text)
    }

    private mutating func stop(with error: any Error, _ parser: XMLSAXParser) {
        done = true
        parser.fail(error as? ImportError ?? ImportError(path: path, line: rowNumber, message: "\(error)"))
    }

    private mutating func finishCell() throws {
        guard column >= 0 else { return }
        let cell: XLSXCell?
        switch cellType {
        case .shared:
            if let index = XLSXRowState.decimal(value[...]), sharedStrings.indices.contains(index) {
                cell = .text(sharedStrings[index])
                break
            }
            let text = String(decoding: value, as: UTF8.self)
            guard let index = Int(CSVReader.trim(text)), sharedStrings.indices.contains(index) else {
                if text.isEmpty { cell = nil; break }
                throw ImportError(path: path, line: rowNumber, message: "row \(rowNumber): shared string index \(text) does not exist")
            }
            cell = .text(sharedStrings[index])
        case .text: cell = value.isEmpty ? nil : .text(String(decoding: value, as: UTF8.self))
        case .bool: cell = value.isEmpty ? nil : .text(value == [0x31] ? "TRUE" : "FALSE")
        case .number: cell = value.isEmpty ? nil : .number(CSVReader.trim(String(decoding: value, as: UTF8.self)))
        }
        if let cell {
            if column >= cells.count { cells.append(contentsOf: repeatElement(nil, count: column - cells.count + 1)) }
            cells[column] = cell
        }
    }

    /// Plain ASCII digits (1–18 of them) as a number; anything else is left to `Int(String)`.
    static func decimal(_ bytes: some Collection<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
        var n = 0
        for b in bytes {
            guard b >= 0x30 && b <= 0x39 else { return nil }
            n = n * 10 + Int(b - 0x30)
        }
        return n
    }
}

/// Collects `xl/sharedStrings.xml`: the text runs of each `<si>`, without ruby (phonetic) runs.
final class XLSXSharedStringCollector: XMLSAXHandler {
    private(set) var strings: [String] = []
    private var current: [UInt8] = []
    private var inItem = false, inText = false, phoneticDepth = 0

    func startElement(_ name: UnsafePointer<UInt8>, _ attributes: XMLSAXAttributes, _ parser: XMLSAXParser) {
        if XMLName.equals(name, "t") {
            inText = true
        } else if XMLName.equals(name, "si") {
            current.removeAll(keepingCapacity: true)
            inItem = true
        } else if XMLName.equals(name, "rPh") {
            phoneticDepth += 1
        }
    }

    func endElement(_ name: UnsafePointer<UInt8>, _ parser: XMLSAXParser) {
        if XMLName.equals(name, "t") {
            inText = false
        } else if XMLName.equals(name, "si") {
            strings.append(String(decoding: current, as: UTF8.self))
            inItem = false
        } else if XMLName.equals(name, "rPh") {
            phoneticDepth -= 1
        }
    }

    func characters(_ text: UnsafeBufferPointer<UInt8>, _ parser: XMLSAXParser) {
        guard inItem && inText && phoneticDepth == 0 else { return }
        guard current.count + text.count <= XMLSAXParser.maxTextLength else {
            return parser.fail("shared string \(strings.count): a text of more than \(XMLSAXParser.maxTextLength) bytes")
        }
        current.append(contentsOf: text)
    }
}
