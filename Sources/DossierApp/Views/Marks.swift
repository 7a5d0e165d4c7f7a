import DossierModel

/// One mark the explorer draws, and what it means (no symbol: a way of drawing, said in words).
public struct Mark: Sendable, Equatable {
    public var symbol: String
    public var meaning: String
}

extension Glyphs {
    /// What the screen's marks mean, made from the glyphs the drawing uses (so the ASCII fallback's
    /// legend shows its own marks) and the stance symbols: the help's "Marks on screen" and
    /// docs/keys.md. Pane borders are left out; a test holds that every other glyph is here. Keys are
    /// named as `keys` binds them.
    public func legend(keys: Keymap) -> [Mark] {
        func key(_ action: Action, _ usual: Character) -> String { keys.name(action, in: [.workflows], usual: .character(usual)) }
        return [
            Mark(symbol: String(focusMark), meaning: "before a pane's title: the pane the keys act on"),
            Mark(symbol: String(selectedRow), meaning: "the selected row"),
            Mark(symbol: String(cursor), meaning: "in the reader's gutter: the cursor's line"),
            Mark(symbol: String(spanMark), meaning: "in the reader's gutter: a span, words of the article an excerpt quotes; its facts are beside it"),
            Mark(symbol: String(selectedSpanMark), meaning: "in the reader's gutter: the selected span"),
            Mark(symbol: String(disagree), meaning: "the sources disagree (a count, or who signed); \(key(.compareDisagreement, "d")) shows them side by side"),
            Mark(symbol: String(marked), meaning: "marked with \(key(.markStatement, "m")) to compare; in the timeline, a year's first row"),
            Mark(symbol: String(event), meaning: "an event, in the timeline"),
            Mark(symbol: String(note), meaning: "the record has notes"),
            Mark(symbol: String(bookmark), meaning: "the record is bookmarked"),
            Mark(symbol: String(suppliedDate), meaning: "after a date: the articles do not give it (supplied from elsewhere)"),
        ] + Stance.allCases.map { stance in
            Mark(symbol: StanceStyle.symbol(stance), meaning: "a statement's stance: \(stance.rawValue)")
        } + [Mark(symbol: "", meaning: "Dimmed rows: records the articles do not state at all (supplied; \(key(.toggleSupplied, "S")) hides them).")]
    }
}
