/// The options of a select, rendered once by the template engine (which escapes them) and kept:
/// a page then marks its chosen value itself instead of rendering a few hundred options again.
struct RenderedOptions: Sendable {
    let html: String

    /// The options with `value` chosen. Values are codes (P-codes, vocabulary codes, names of
    /// cases) that escaping leaves as they are; a value not among them chooses nothing.
    func selecting(_ value: String?) -> String {
        guard let value, !value.isEmpty else { return html }
        return html.replacingOccurrences(of: "<option value=\"\(value)\">", with: "<option value=\"\(value)\" selected>")
    }
}

extension PageRenderer {
    func options(_ options: [[String: Any]]) -> RenderedOptions {
        RenderedOptions(html: library.render(["options": options], withTemplate: "select-options") ?? "")
    }

    func optionGroups(_ groups: [[String: Any]]) -> RenderedOptions {
        RenderedOptions(html: library.render(["groups": groups], withTemplate: "select-groups") ?? "")
    }
}
