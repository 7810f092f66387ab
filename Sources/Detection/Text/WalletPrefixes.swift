import Ledger

/// The names wallets put in front of the merchant on the funding bank or card statement
/// (`财付通-美团`, `支付宝-金拱门`, `ALIPAY*TAOBAO`). `wallet` says which wallet's bill holds
/// the same payment; nil for wallets whose own bills this tool does not read.
struct WalletPrefix: Sendable {
    let text: String
    let wallet: Channel?
}

enum WalletPrefixes {
    /// Longer prefixes first so that `微信支付` wins over a shorter overlap.
    static let all: [WalletPrefix] = [
        WalletPrefix(text: "财付通支付科技有限公司", wallet: .wechat),
        WalletPrefix(text: "财付通", wallet: .wechat),
        WalletPrefix(text: "微信支付", wallet: .wechat),
        WalletPrefix(text: "wechat pay", wallet: .wechat),
        WalletPrefix(text: "wechatpay", wallet: .wechat),
        WalletPrefix(text: "weixin", wallet: .wechat),
        WalletPrefix(text: "tenpay", wallet: .wechat),
        WalletPrefix(text: "支付宝", wallet: .alipay),
        WalletPrefix(text: "alipay", wallet: .alipay),
        WalletPrefix(text: "美团支付", wallet: nil),
        WalletPrefix(text: "云闪付", wallet: nil),
        WalletPrefix(text: "网银在线", wallet: nil),
        WalletPrefix(text: "京东支付", wallet: nil),
        WalletPrefix(text: "paypal", wallet: nil),
    ]

    /// Characters allowed between the prefix and the merchant.
    static let separators: Set<Character> = ["-", "—", "－", "*", ":", "：", " ", "_", "/", "·"]

    /// The prefix at the start of `folded` (already width/case folded) and the merchant text
    /// after it; nil when the text does not start with a wallet prefix followed by a separator.
    static func split(_ folded: String) -> (prefix: WalletPrefix, rest: String)? {
        for p in all where folded.hasPrefix(p.text) {
            var rest = Substring(folded.dropFirst(p.text.count))
            // `云闪付APP-…`
            if rest.hasPrefix("app") { rest = rest.dropFirst(3) }
            guard let first = rest.first, separators.contains(first) else { continue }
            while let f = rest.first, separators.contains(f) { rest = rest.dropFirst() }
            return (p, String(rest))
        }
        return nil
    }

    /// The wallet a funding row names, for linking: the prefix alone is enough here
    /// (`财付通支付科技有限公司` on a debit-card line funds a WeChat payment too).
    static func fundingWallet(_ folded: String) -> WalletPrefix? {
        // Most texts start with no prefix's bytes at all: told without comparing Characters
        // (statement texts are in NFC, where the same text is the same bytes).
        guard all.contains(where: { folded.utf8.starts(with: $0.text.utf8) }) else { return nil }
        if let (p, _) = split(folded) { return p }
        return all.first { folded.hasPrefix($0.text) && $0.text != "paypal" }
    }
}
