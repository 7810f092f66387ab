import Detection
import Ledger

/// A timeline of one stream as an SVG: its charges as marks on a date axis, the expected
/// cycle as ticks, the cancellation as a vertical line, the charges a finding is about in red,
/// amounts labelled where there is room. 170 mm wide so it fits an A4 page; integer
/// coordinates, so the same input gives the same bytes on every machine.
struct TimelineSVG {
    struct Labels {
        var title: String
        var charge: String
        var cited: String
        var expected: String
        var cancellation: String
        var next: String
        var currency: String
    }

    var charges: [Transaction]
    var citedIDs: Set<String>
    var cadence: Cadence?
    var cancellation: CivilDate?
    var nextCharge: CivilDate?
    var labels: Labels

    static let width = 680          // viewBox units; 4 units per millimetre
    static let height = 200
    static let fonts = "'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei','WenQuanYi Micro Hei',sans-serif"
    private static let axisY = 124
    private static let left = 30
    private static let right = 650

    func render() -> String {
        let ordered = charges.sorted { ($0.time, $0.id) < ($1.time, $1.id) }
        var dates = ordered.map(\.date)
        if let c = cancellation { dates.append(c) }
        if let n = nextCharge { dates.append(n) }
        let first = dates.min() ?? CivilDate(dayNumber: 0)
        let last = dates.max() ?? first
        let rawSpan = max(1, last.dayNumber - first.dayNumber)
        let pad = max(4, rawSpan / 20)
        let start = first.dayNumber - pad
        let end = last.dayNumber + pad
        let span = end - start
        func x(_ date: CivilDate) -> Int {
            Self.left + (date.dayNumber - start) * (Self.right - Self.left) / span
        }

        var svg: [String] = []
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"170mm\" height=\"50mm\" viewBox=\"0 0 \(Self.width) \(Self.height)\" font-family=\"\(Self.fonts)\" font-size=\"11\">")
        svg.append("<rect x=\"0\" y=\"0\" width=\"\(Self.width)\" height=\"\(Self.height)\" fill=\"#ffffff\"/>")
        svg.append("<text x=\"\(Self.left)\" y=\"20\" font-size=\"13\" font-weight=\"bold\">\(Self.xml(labels.title))</text>")

        // Month ticks on the axis, labelled every k-th month so that labels keep 56 units apart.
        var months: [CivilDate] = []
        var m = CivilDate(year: CivilDate(dayNumber: start).year, month: CivilDate(dayNumber: start).month, day: 1)!
        while m.dayNumber <= end {
            if m.dayNumber >= start { months.append(m) }
            m = m.adding(months: 1)
        }
        let perLabel = max(1, (months.count * 56 + (Self.right - Self.left) - 1) / (Self.right - Self.left))
        for (i, month) in months.enumerated() {
            let mx = x(month)
            svg.append("<line x1=\"\(mx)\" y1=\"\(Self.axisY)\" x2=\"\(mx)\" y2=\"\(Self.axisY + 6)\" stroke=\"#555555\" stroke-width=\"1\"/>")
            if i % perLabel == 0 {
                svg.append("<text x=\"\(mx)\" y=\"\(Self.axisY + 19)\" font-size=\"10\" text-anchor=\"middle\" fill=\"#333333\">\(month.year)-\(month.month < 10 ? "0" : "")\(month.month)</text>")
            }
        }
        svg.append("<line x1=\"\(Self.left)\" y1=\"\(Self.axisY)\" x2=\"\(Self.right)\" y2=\"\(Self.axisY)\" stroke=\"#333333\" stroke-width=\"1.5\"/>")

        // The expected cycle, from the first charge on.
        if let cadence, let anchor = ordered.first?.date {
            var tick = anchor
            var guardCount = 0
            while tick.dayNumber <= end && guardCount < 400 {
                let tx = x(tick)
                svg.append("<line x1=\"\(tx)\" y1=\"\(Self.axisY - 46)\" x2=\"\(tx)\" y2=\"\(Self.axisY)\" stroke=\"#9aa5b1\" stroke-width=\"1\" stroke-dasharray=\"2,3\"/>")
                tick = cadence.next(after: tick, anchorDay: cadence.months != nil ? anchor.day : nil)
                guardCount += 1
            }
        }

        if let c = cancellation {
            let cx = x(c)
            let anchor = cx < Self.left + 80 ? "start" : (cx > Self.right - 80 ? "end" : "middle")
            svg.append("<line x1=\"\(cx)\" y1=\"40\" x2=\"\(cx)\" y2=\"\(Self.axisY + 4)\" stroke=\"#c0392b\" stroke-width=\"2\" stroke-dasharray=\"6,3\"/>")
            svg.append("<text x=\"\(cx)\" y=\"36\" font-size=\"10\" text-anchor=\"\(anchor)\" fill=\"#c0392b\">\(Self.xml(labels.cancellation)) \(c)</text>")
        }

        if let n = nextCharge {
            let nx = x(n)
            svg.append("<circle cx=\"\(nx)\" cy=\"\(Self.axisY)\" r=\"5\" fill=\"#ffffff\" stroke=\"#7f8c8d\" stroke-width=\"1.5\" stroke-dasharray=\"2,2\"/>")
            svg.append("<text x=\"\(nx)\" y=\"\(Self.axisY + 32)\" font-size=\"9\" text-anchor=\"middle\" fill=\"#7f8c8d\">\(Self.xml(labels.next)) \(n)</text>")
        }

        // Charges: stacked when several fall on one day; labels where they do not collide.
        var perDay: [Int: Int] = [:]
        var labelRows: [[ClosedRange<Int>]] = [[], []]
        var previousAmount: Int64?
        for t in ordered {
            let tx = x(t.date)
            let stack = perDay[t.date.dayNumber, default: 0]
            perDay[t.date.dayNumber] = stack + 1
            let cy = Self.axisY - stack * 12
            let cited = citedIDs.contains(t.id)
            let after = cancellation.map { t.date > $0 } ?? false
            let fill = cited ? "#c0392b" : "#2e5c8a"
            let stroke = after ? " stroke=\"#7b241c\" stroke-width=\"2\"" : ""
            svg.append("<circle cx=\"\(tx)\" cy=\"\(cy)\" r=\"5\" fill=\"\(fill)\"\(stroke)/>")
            let amount = t.amount.minorUnits.magnitude
            let wanted = cited || previousAmount == nil || Int64(amount) != previousAmount
            previousAmount = Int64(amount)
            guard wanted else { continue }
            let text = t.amount.magnitude.decimalString
            let halfWidth = text.count * 3 + 2
            let range = (tx - halfWidth)...(tx + halfWidth)
            for row in 0..<labelRows.count where !labelRows[row].contains(where: { $0.overlaps(range) }) {
                labelRows[row].append(range)
                let ly = cy - 10 - row * 13
                svg.append("<text x=\"\(tx)\" y=\"\(ly)\" font-size=\"9.5\" text-anchor=\"middle\" fill=\"\(cited ? "#c0392b" : "#333333")\">\(text)</text>")
                break
            }
        }

        // Legend.
        let ly = Self.height - 16
        var lx = Self.left
        svg.append("<circle cx=\"\(lx + 5)\" cy=\"\(ly - 4)\" r=\"5\" fill=\"#2e5c8a\"/>")
        svg.append("<text x=\"\(lx + 14)\" y=\"\(ly)\" font-size=\"10\">\(Self.xml(labels.charge))</text>")
        lx += 150
        svg.append("<circle cx=\"\(lx + 5)\" cy=\"\(ly - 4)\" r=\"5\" fill=\"#c0392b\"/>")
        svg.append("<text x=\"\(lx + 14)\" y=\"\(ly)\" font-size=\"10\">\(Self.xml(labels.cited))</text>")
        lx += 150
        if cadence != nil {
            svg.append("<line x1=\"\(lx + 5)\" y1=\"\(ly - 12)\" x2=\"\(lx + 5)\" y2=\"\(ly + 2)\" stroke=\"#9aa5b1\" stroke-width=\"1\" stroke-dasharray=\"2,3\"/>")
            svg.append("<text x=\"\(lx + 14)\" y=\"\(ly)\" font-size=\"10\">\(Self.xml(labels.expected))</text>")
            lx += 150
        }
        if cancellation != nil {
            svg.append("<line x1=\"\(lx + 5)\" y1=\"\(ly - 12)\" x2=\"\(lx + 5)\" y2=\"\(ly + 2)\" stroke=\"#c0392b\" stroke-width=\"2\" stroke-dasharray=\"6,3\"/>")
            svg.append("<text x=\"\(lx + 14)\" y=\"\(ly)\" font-size=\"10\">\(Self.xml(labels.cancellation))</text>")
        }
        svg.append("<text x=\"\(Self.right)\" y=\"\(ly)\" font-size=\"10\" text-anchor=\"end\" fill=\"#555555\">\(Self.xml(labels.currency))</text>")
        svg.append("</svg>")
        return svg.joined(separator: "\n") + "\n"
    }

    /// Text for XML character data and attributes; characters XML 1.0 forbids become spaces.
    static func xml(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                let v = scalar.value
                if v < 0x20 || (0xFFFE...0xFFFF).contains(v) || (0x7F...0x9F).contains(v) { out += " " }
                else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}
