import DossierModel

extension Keymap {
    /// The search (`f`) screen's keys, in their place in the standard table (so the help and docs/keys.md
    /// list them where they always were).
    static let searchBindings: [Binding] = [
        Binding(keys: [.down, .control("n")], action: .moveDown, context: .search, help: "next result", hint: nil),
        Binding(keys: [.up, .control("p")], action: .moveUp, context: .search, help: "previous result", hint: nil),
        Binding(keys: [.pageDown], action: .pageDown, context: .search, help: "a page down", hint: nil),
        Binding(keys: [.pageUp], action: .pageUp, context: .search, help: "a page up", hint: nil),
        Binding(keys: [.enter], action: .follow, context: .search,
                help: "open the result (an article scrolled to the match; {n=nextMatch/reader}/{N=previousMatch/reader} then step through its matches)", hint: "open"),
        Binding(keys: [.escape], action: .clear, context: .search, help: "close the search", hint: "close"),
        Binding(keys: [.control("s")], action: .export, context: .search,
                help: "export the results to a file you name (letters type the query here, so not {e=export/workflows})", hint: "export"),
    ]
}
