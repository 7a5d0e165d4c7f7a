import DossierModel

extension Screens {
    static func search(_ state: State, into grid: inout Grid) {
        guard case .search(let search) = state.navigation.overlay else { return }
        title("Search everything: bodies, excerpts, titles, names, aliases", state: state, into: &grid)
        let used = Render.prompt("Find: ", state.prompt, x: 1, y: 2, limit: state.width - 1, into: &grid) - 1
        let summary = state.isLoading ? "indexing the corpus; results appear when it has loaded"
            : (search.query.isEmpty ? "type to search; \(state.keymap.name(.clear, in: [.search], usual: .escape)) closes"
                : "\(search.count) result\(search.count == 1 ? "" : "s")" + (search.result?.interrupted == true ? " so far, searching…" : ""))
        grid.put("  " + summary, x: 2 + used, y: 2, limit: state.width - used - 2, role: .dim)
        let rows = Explorer.searchRows(search)
        let layout = SearchLayout(width: state.width, height: state.height)
        let top = SearchLayout.resultsTop
        let height = layout.visibleRows
        let kindTitles: [RecordKind: String] = [.article: "Articles", .excerpt: "Excerpts", .statement: "Statements", .actor: "Actors", .event: "Events"]
        for row in 0..<height {
            let index = search.place.top + row
            guard index < rows.count else { break }
            let y = top + row
            switch rows[index] {
            case .heading(let kind, let count):
                grid.put("\(kindTitles[kind] ?? kind.rawValue) (\(count))", x: 1, y: y, limit: state.width - 1, role: .heading)
            case .notesHeading(let count):
                grid.put("Your notes (\(count))", x: 1, y: y, limit: state.width - 1, role: .heading)
            case .hit(let number):
                let isSelected = number == search.place.selected
                if isSelected {
                    grid.fill(Rect(x: 0, y: y, width: state.width, height: 1), role: .selection)
                    grid.put(String(state.glyphs.selectedRow), x: 0, y: y, role: .selection)
                }
                let name: String
                let context: String, highlight: Range<Int>
                if number >= search.hits.count {
                    // A note: what it is about, and its words around the match.
                    let note = state.notes[search.notes[number - search.hits.count]]
                    name = "\(state.glyphs.note) " + (state.corpus.name(of: note.target.record) ?? note.target.record)
                    (context, highlight) = Explorer.noteContext(note, query: search.query)
                } else {
                    let hit = search.hits[number]
                    if hit.kind == .excerpt, let excerpt = state.corpus.excerpt(hit.id) {
                        name = state.corpus.attribution(of: excerpt)
                    } else {
                        name = state.corpus.name(of: hit.id) ?? hit.id
                    }
                    (context, highlight) = state.context(of: hit)
                }
                let nameWidth = layout.nameWidth
                grid.put(DisplayWidth.truncate(name, to: nameWidth), x: 2, y: y, limit: nameWidth, role: isSelected ? .selection : .label)
                // The context, with the match highlighted.
                let characters = Array(context)
                let x = 3 + nameWidth
                let before = String(characters[..<highlight.lowerBound])
                let match = String(characters[highlight])
                let after = String(characters[highlight.upperBound...])
                Render.segments([Segment(before, isSelected ? .selection : .normal), Segment(match, isSelected ? .matchCurrent : .match),
                                 Segment(after, isSelected ? .selection : .normal)], x: x, y: y, end: state.width, into: &grid)
            }
        }
    }

    /// Where the status line says the user is.
    static func searchWhere(_ search: SearchState) -> String {
        "Search · \(search.hits.count) result\(search.hits.count == 1 ? "" : "s")"
    }
}
