import Mustache

/// The content type the complaint templates render with: `{{value}}` is escaped for Markdown
/// (and so for the HTML pandoc makes of it), not HTML-entity-escaped into the Markdown.
/// `{{{value}}}` inserts a value as it is.
struct MarkdownContentType: MustacheContentType {
    static let name = "AUTODEBIT_MARKDOWN"

    func escapeText(_ text: String) -> String { MarkdownText.escape(text) }

    /// Registers once per process; the registry is global to swift-mustache.
    static let registered: Bool = {
        MustacheContentTypes.register(MarkdownContentType(), named: MarkdownContentType.name)
        return true
    }()
}
