import HamkariStore
import Hummingbird

extension PageRenderer {
    /// A page that carries a form: the session's form token added, and an empty list of problems unless some are given.
    func formPage(_ store: Store, _ template: String, title: String, _ values: [String: Any], _ request: Request, _ context: AppRequestContext,
                  _ identity: SignedIn) async throws -> HTMLPage {
        var values = values
        values["csrf"] = identity.csrfToken ?? ""
        values["issues"] = values["issues"] ?? [[String: Any]]()
        return render(template, title: title, values: values, networkName: try await store.networkName(), request: request, context: context)
    }
}
