import Foundation
import Mustache

/// Finds complaint templates: the user's `<config folder>/templates/<name>` first, else the
/// one bundled under `Resources/templates/`. A user template that does not parse is reported
/// as `path:line:column` and the built-in one is used instead.
struct TemplateStore {
    let overrideFolder: URL?
    private(set) var warnings: [String] = []
    private var cache: [String: MustacheTemplate] = [:]

    /// Every template is parsed with this first line, so that `{{x}}` escapes for Markdown
    /// without each template having to say so. Error line numbers are corrected for it.
    static let pragma = "{{% CONTENT_TYPE: \(MarkdownContentType.name)}}\n"

    init(overrideFolder: URL?) {
        self.overrideFolder = overrideFolder
        _ = MarkdownContentType.registered
    }

    mutating func template(named name: String) -> MustacheTemplate? {
        if let cached = cache[name] { return cached }
        var result: MustacheTemplate?
        if let folder = overrideFolder {
            let url = folder.appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: url.path) {
                result = loadOverride(url)
            }
        }
        if result == nil { result = loadBuiltIn(name) }
        if let result { cache[name] = result }
        return result
    }

    private mutating func loadOverride(_ url: URL) -> MustacheTemplate? {
        guard let data = try? Data(contentsOf: url) else {
            warnings.append("\(url.path): cannot be read; using the built-in template")
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            warnings.append("\(url.path): not UTF-8 text; using the built-in template")
            return nil
        }
        switch Self.parse(text) {
        case .success(let template): return template
        case .failure(let problem):
            warnings.append("\(url.path):\(problem.line):\(problem.column): \(problem.message); using the built-in template")
            return nil
        }
    }

    private mutating func loadBuiltIn(_ name: String) -> MustacheTemplate? {
        guard let text = try? BundledResources.text("templates/" + name) else {
            warnings.append("built-in template \(name) is missing; the complaint draft is left out")
            return nil
        }
        switch Self.parse(text) {
        case .success(let template): return template
        case .failure(let problem):
            warnings.append("built-in template \(name):\(problem.line):\(problem.column): \(problem.message)")
            return nil
        }
    }

    struct ParseProblem: Error {
        let line: Int
        let column: Int
        let message: String
    }

    static func parse(_ text: String) -> Result<MustacheTemplate, ParseProblem> {
        // The pragma names a content type that must be registered before any parse.
        _ = MarkdownContentType.registered
        do {
            return .success(try MustacheTemplate(string: pragma + text))
        } catch let error as MustacheTemplate.ParserError {
            return .failure(ParseProblem(line: max(1, error.context.lineNumber - 1), column: error.context.columnNumber,
                                         message: describe(error.error)))
        } catch {
            return .failure(ParseProblem(line: 1, column: 1, message: "\(error)"))
        }
    }

    private static func describe(_ error: Error) -> String {
        guard let e = error as? MustacheTemplate.Error else { return "\(error)" }
        switch e {
        case .sectionCloseNameIncorrect: return "a section is closed with a different name than it was opened"
        case .unfinishedName: return "a tag is not closed"
        case .expectedSectionEnd: return "a section is not closed"
        case .invalidSetDelimiter: return "badly formed set-delimiter tag"
        case .transformAppliedToInheritanceSection: return "a transform is applied to an inherited section"
        case .illegalTokenInsideInheritSection: return "illegal tag inside an inherited section"
        case .textInsideInheritSection: return "text inside an inherited section"
        case .invalidConfigVariableSyntax: return "badly formed {{% }} tag"
        case .unrecognisedConfigVariable: return "unknown {{% }} setting"
        @unknown default: return "\(e)"
        }
    }
}
