import Detection
import Foundation
import Ledger

/// A text in both report languages.
public struct Localized: Decodable, Hashable, Sendable {
    public let zh: String
    public let en: String

    public subscript(_ language: ReportLanguage) -> String { language == .zh ? zh : en }
}

/// The rule texts, deadlines, complaint channels and cancellation paths of `Resources/rules.json`:
/// one data file, so that a wrong quotation is corrected in one place.
public struct RuleBook: Decodable, Sendable {
    public struct Rule: Decodable, Hashable, Sendable {
        public let id: String
        /// `cn`, `wechat`, `alipay`, `us-ca`: which findings it can be cited for.
        public let jurisdiction: String
        public let title: Localized
        /// The language whose text is the official wording (`zh`), or nil for a description.
        public let verbatim: String?
        public let text: Localized
        public let use: Localized
        public let kinds: [String]
        /// `YYYY-MM-DD`: not cited for charges before this day.
        public let inForce: String?
        /// What is not confirmed; the report qualifies the claim with it.
        public let unverified: Localized?

        public var inForceDate: CivilDate? { inForce.flatMap { CivilDate($0) } }
    }

    public struct DeadlineRule: Decodable, Hashable, Sendable {
        public let id: String
        /// `user`: the last day to act; `merchant`: the day by which the merchant owed something.
        public let party: String
        public let title: Localized
        public let text: Localized
        public let mustState: Localized
        public let formula: String
    }

    public struct ComplaintChannel: Decodable, Hashable, Sendable {
        public let id: String
        /// `authority`, `platform`, `public`, `bank`.
        public let kind: String
        public let name: Localized
        public let basis: Localized?
        public let how: Localized
        public let timing: Localized
        public let unverified: Localized?
    }

    public struct CancelPath: Decodable, Hashable, Sendable {
        public let channel: String
        public let text: Localized
    }

    public let rules: [Rule]
    public let deadlines: [DeadlineRule]
    public let channels: [ComplaintChannel]
    public let cancelPaths: [CancelPath]

    private enum CodingKeys: String, CodingKey { case rules, deadlines, channels, cancelPaths }

    public init(data: Data) throws {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        self = try decoder.decode(RuleBook.self, from: data)
    }

    /// The rule book shipped with the program.
    public static func bundled() throws -> RuleBook {
        let data = try BundledResources.data("rules.json")
        do { return try RuleBook(data: data) } catch {
            throw ReportingError.bundledResource(name: "rules.json", reason: "\(error)")
        }
    }

    public func rule(_ id: String) -> Rule? { rules.first { $0.id == id } }
    public func deadline(_ id: String) -> DeadlineRule? { deadlines.first { $0.id == id } }
    public func channel(_ id: String) -> ComplaintChannel? { channels.first { $0.id == id } }
    public func cancelPath(for channel: Channel) -> CancelPath? {
        cancelPaths.first { $0.channel == channel.rawValue } ?? cancelPaths.first { $0.channel == "other" }
    }
}
