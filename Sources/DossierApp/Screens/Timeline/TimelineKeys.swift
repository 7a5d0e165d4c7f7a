import DossierModel

extension Keymap {
    /// The timeline's own keys.
    /// Spliced into the standard table (`Keymap.standard`); the help, docs/keys.md and the man page
    /// list each context's keys in the order given here.
    static let timelineBindings: [Binding] = [
        Binding(keys: [.escape], action: .clear, context: .timeline, help: "clear the filter, then the narrowing to one actor", hint: nil),
    ]
}
