import DossierModel

extension Keymap {
    /// The list views' own keys (the Actors view's; the keys every view shares are in Keys/KeymapTable.swift).
    /// Spliced into the standard table (`Keymap.standard`); the help, docs/keys.md and the man page
    /// list each context's keys in the order given here.
    static let listsBindings: [Binding] = [
        Binding(keys: [.character("t")], action: .actorTimeline, context: .actors, help: "the timeline narrowed to this actor", hint: "timeline"),
        Binding(keys: [.character("s")], action: .sortActors, context: .actors, help: "sort by name or by kind", hint: "sort"),
    ]
}
