import HamkariCore
import Mustache

/// The escaping of every template: `HTMLEscaping`, byte by byte. swift-mustache's own HTML escaping compares
/// characters, and lets through a quote or `<` that a combining mark follows (see `HTMLEscaping`). Each
/// template names it on its first line, `{{% CONTENT_TYPE: HTML_BY_BYTE }}` (a partial starts again from the
/// library's own); a template that does not fails the template test, one that names it unregistered fails to load.
struct ByteEscapedHTML: MustacheContentType {
    static let name = "HTML_BY_BYTE"

    func escapeText(_ text: String) -> String {
        HTMLEscaping.escape(text)
    }

    /// Before any template is parsed: the parser looks the name up.
    static func register() {
        MustacheContentTypes.register(ByteEscapedHTML(), named: name)
    }
}
