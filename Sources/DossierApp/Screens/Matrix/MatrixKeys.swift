import DossierModel

extension Keymap {
    /// The stance matrix's keys.
    /// Spliced into the standard table (`Keymap.standard`); the help, docs/keys.md and the man page
    /// list each context's keys in the order given here.
    static let matrixBindings: [Binding] = [
        Binding(keys: [.character("h"), .left], action: .moveLeft, context: .matrix, help: "previous statement (column)", hint: nil),
        Binding(keys: [.character("l"), .right], action: .moveRight, context: .matrix, help: "next statement (column)", hint: nil),
        Binding(keys: [.character("0")], action: .firstColumn, context: .matrix, help: "first column", hint: nil),
        Binding(keys: [.character("$")], action: .lastColumn, context: .matrix, help: "last column", hint: nil),
        Binding(keys: [.enter], action: .follow, context: .matrix, help: "open the excerpt that names the cell in its article", hint: "open"),
    ]
}
