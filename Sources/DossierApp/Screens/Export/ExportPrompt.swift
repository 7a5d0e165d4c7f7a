import DossierModel
import Foundation

/// A file for the terminal edge to write (`e`): the list on screen, in the format its name asks for.
public struct ExportRequest: Equatable, Sendable {
    public var path: String
    public var text: String
    /// The name ended in `!`: replace a file that exists (as `--force` does).
    public var replacing: Bool
    public var rows: Int
}

extension Explorer {
    /// `e` (Ctrl-S on the search screen, where letters type the query): asks for a file name for
    /// the list on screen.
    static func startExport(_ state: State) -> State {
        var state = state
        guard exportTable(state) != nil else {
            state.message = "Nothing here to export"
            return state
        }
        state.exportPrompt = LineEditor()
        return state
    }

    /// Keys while the file name is typed: Enter writes, Esc cancels, the rest edits the name.
    static func updateExportPrompt(_ state: State, _ key: Key) -> State {
        var state = state
        guard var prompt = state.exportPrompt else { return state }
        switch edit(&prompt, with: key, keymap: state.keymap) {
        case .accepted:
            state.exportPrompt = nil
            return requestExport(state, name: prompt.text)
        case .cancelled:
            state.exportPrompt = nil
            state.message = "Export cancelled"
        case .edited:
            state.exportPrompt = prompt
        case .unbound:
            return unbound(key, state)
        }
        return state
    }

    static func requestExport(_ state: State, name: String) -> State {
        var state = state
        var path = name.trimmingCharacters(in: .whitespaces)
        let replacing = path.hasSuffix("!")
        if replacing { path.removeLast() }
        guard !path.isEmpty, let table = exportTable(state) else {
            state.message = "Export cancelled: no file name"
            return state
        }
        let format = ExportFormat(fileName: path) ?? .markdown
        guard format != .annotations, let text = try? Export.render(table, as: format) else {
            state.message = "Export writes .md, .csv, .tsv or .json files"
            return state
        }
        state.request(.export(ExportRequest(path: path, text: text, replacing: replacing, rows: table.rows.count)))
        return state
    }

    /// Search results as the screen lists them (grouped by kind, each group in corpus order): what
    /// matched and where, the exact text matched with its context, and for an article or an excerpt
    /// the source to cite. Nil when there is nothing to export (no query, or no hit).
    static func searchTable(_ hits: [SearchIndex.Hit], state: State) -> ExportTable? {
        guard !hits.isEmpty else { return nil }
        let corpus = state.corpus
        let rows = hits.map { hit -> [String] in
            let read = state.hitText(hit)
            let text = read.flatMap { try? $0.get() } ?? ""
            let range = hit.utf8Range(in: text)
            let match = range.isEmpty ? "" : String(decoding: text.utf8.dropFirst(range.lowerBound).prefix(range.count), as: UTF8.self)
            let articleID = hit.kind == .article ? hit.id : hit.kind == .excerpt ? corpus.excerpt(hit.id)?.article : nil
            let article = articleID.flatMap(corpus.article)
            // Whose words an excerpt gives, when its article relays someone (issue 14).
            let speaker = hit.kind == .excerpt ? corpus.excerpt(hit.id)?.speaker.map { corpus.name(of: $0) ?? $0 } : nil
            return [hit.kind.rawValue, hit.id, corpus.name(of: hit.id) ?? hit.id, hit.field.rawValue, match, state.context(of: hit).context,
                    article?.id ?? "", article?.title ?? "", article?.publisher ?? "", article?.published.description ?? "", article?.url ?? "",
                    speaker ?? ""]
        }
        return ExportTable(columns: ["kind", "id", "name", "field", "match", "context", "article_id", "article_title", "publisher", "published", "url",
                                     "speaker"], rows: rows)
    }

    /// The list on screen as a table: as filtered and sorted, a who-signed comparison, the matrix.
    static func exportTable(_ state: State) -> ExportTable? {
        let corpus = state.corpus
        switch state.navigation.overlay {
        case .signatories(let comparison):
            let headings = ["both", "only \(comparison.first)", "only \(comparison.second)"]
            // Each name with the quotes that say it signed each statement, and where they are from (issue
            // 32: the names alone could not be cited).
            func quotes(_ statement: String, _ actor: String) -> (quote: String, source: String) {
                let excerpts = corpus.statement(statement)?.signatories.first { $0.actor == actor }?.excerpts ?? []
                let found = excerpts.compactMap(corpus.excerpt)
                return (found.map { "“\($0.quote)”" }.joined(separator: " "),
                        found.compactMap { corpus.article($0.article).map(Citation.source) }.joined(separator: "; "))
            }
            var rows: [[String]] = []
            for (column, actors) in comparison.columns(in: corpus).enumerated() {
                for actor in actors {
                    let first = quotes(comparison.first, actor), second = quotes(comparison.second, actor)
                    rows.append([headings[column], actor, corpus.name(of: actor) ?? actor, corpus.actor(actor)?.country ?? "",
                                 first.quote, first.source, second.quote, second.source])
                }
            }
            return ExportTable(columns: ["signed", "actor_id", "actor_name", "iso3", "first_quote", "first_source", "second_quote", "second_source"],
                               rows: rows)
        case .search(let search):
            return searchTable(search.hits, state: state)
        case .problems:
            return Problems.table(state.problems)
        case .notes:
            let table = notesTable(state)
            return table.rows.isEmpty ? nil : table
        case .compare, .profiles, .edits:
            return nil
        case nil:
            break
        }
        let ids = state.listIDs()
        switch state.view {
        case .articles:
            let rows = ids.compactMap(corpus.article).map { [$0.id, $0.published.description, $0.publisher, $0.title, $0.url ?? ""] }
            return ExportTable(columns: ["id", "published", "publisher", "title", "url"], rows: rows)
        case .actors: return Export.table(.actors, corpus: corpus, only: ids)
        case .statements: return Export.table(.statements, corpus: corpus, only: ids)
        case .timeline: return Export.table(.timeline, corpus: corpus, only: ids)
        case .matrix:
            let model = state.matrixModel
            let columns = ["state", "iso3"] + model.columns.map { corpus.name(of: $0) ?? $0 }
            let rows = model.rows.map { actor in
                [corpus.name(of: actor) ?? actor, corpus.actor(actor)?.country ?? ""] + model.columns.map { model.mark(row: actor, column: $0)?.rawValue ?? "" }
            }
            return ExportTable(columns: columns, rows: rows)
        }
    }
}
