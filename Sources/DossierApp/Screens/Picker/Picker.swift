import DossierModel

/// A change to the corpus the user asked for, waiting for the edge to make it through the editing
/// layer (`Explorer.carryOut(_:editor:state:)`).
public enum CorpusEditRequest: Equatable, Sendable {
    /// A passage made the source of a fact.
    case attach(PassageAttachment)
    /// An earlier edit taken back (`u`), with what it was, for the status line, and its entry in the
    /// edit log (so the undo is checked byte for byte, and the log says it was undone).
    case undo([RecordEdit], String, logged: EditLogEntry?)
}

/// What `u` takes back: a note change, or an edit of the corpus (its record edits' undo).
public enum UndoStep: Equatable, Sendable {
    case note(NoteEdit)
    case corpus([RecordEdit], String, logged: EditLogEntry?)
}

/// Enter on a passage: a picker over the corpus, then, for a statement, what the passage shows.
public struct AttachPicker: Equatable, Sendable {
    public enum Stage: Equatable, Sendable {
        /// What the passage is about: an actor, a statement or an event, or a new actor or statement.
        case record
        /// What it shows about a statement.
        case part(statement: String)
        /// The actor it names as a signatory, a lead or an addressee.
        case actor(statement: String, role: String)
        /// The count it gives ("22", "more than 20").
        case count(statement: String)
        /// A short form for a new actor or statement.
        case form(RecordForm)
    }

    public var passage: PassageSelection
    public var stage: Stage = .record
    public var query = LineEditor()
    public var place = ScrollState()

    public init(passage: PassageSelection) {
        self.passage = passage
    }
}

/// The short form `＋ New actor` and `＋ New statement` open: a few fields, one edited at a time.
public struct RecordForm: Equatable, Sendable {
    public enum Kind: Equatable, Sendable { case actor, statement }
    public var kind: Kind
    public var labels: [String]
    public var values: [String]
    /// What a field takes, shown under the form while it is edited.
    public var hints: [String]
    public var focus = 0

    static func actor(name: String) -> RecordForm {
        RecordForm(kind: .actor, labels: ["Name", "Kind", "ISO3 (a state)", "Aliases (a, b)"], values: [name, "state", "", ""],
                   hints: ["", ActorKind.allCases.map(\.rawValue).joined(separator: " "), "three letters, as CHN", "other names, comma between"])
    }

    static func statement(title: String) -> RecordForm {
        RecordForm(kind: .statement, labels: ["Title", "Kind", "Date", "Stance", "Forum"], values: [title, "joint-statement", "", "critical", ""],
                   hints: ["", StatementKind.allCases.map(\.rawValue).joined(separator: " "), "YYYY, YYYY-MM or YYYY-MM-DD",
                           Stance.allCases.map(\.rawValue).joined(separator: " "), "an actor id (un-hrc) or a name; may be empty"])
    }
}

/// One row of the picker.
enum PickerRow: Equatable {
    case record(String)
    case newActor, newStatement
    case option(Int, String)
}

extension Explorer {
    /// The parts of a statement a passage can show, in the order the picker lists them.
    static let statementParts = [
        "a source reporting the statement itself", "a count of its signatories", "a signatory it names",
        "a state or body that led it", "who it was addressed to", "only about it (no role)",
    ]

    /// Enter on a passage: the picker, where the corpus can be edited.
    static func openPicker(_ state: State) -> State {
        var state = state
        guard let passage = state.passage else { return state }
        guard state.corpusWritable else {
            state.message = "This corpus is read-only here: \(state.readOnlyReason)"
            return state
        }
        state.picker = AttachPicker(passage: passage)
        return state
    }

    /// The rows the picker shows at its stage.
    static func pickerRows(_ picker: AttachPicker, state: State) -> [PickerRow] {
        let query = picker.query.text
        switch picker.stage {
        case .record:
            let statements = state.index.ids(of: .statements, sortedBy: .name, filter: query, corpus: state.corpus)
            let actors = namedFirst(state.index.ids(of: .actors, sortedBy: .name, filter: query, corpus: state.corpus), picker, state)
            let events = state.index.ids(of: .timeline, sortedBy: .name, filter: query, corpus: state.corpus).filter { state.corpus.kind(of: $0) == .event }
            return (statements + actors + events).map(PickerRow.record) + [.newActor, .newStatement]
        case .part:
            return statementParts.enumerated().map { PickerRow.option($0.offset, $0.element) }
        case .actor:
            return namedFirst(state.index.ids(of: .actors, sortedBy: .name, filter: query, corpus: state.corpus), picker, state).map(PickerRow.record)
        case .count, .form:
            return []
        }
    }

    /// The actors the passage names first (in the order it names them), then the rest as they were:
    /// the likely choice is at the top, not "Adam Hunerven" (issue 32).
    static func namedFirst(_ actors: [String], _ picker: AttachPicker, _ state: State) -> [String] {
        guard let body = readerBody(state)?.text else { return actors }
        let named = state.corpus.actorsNamed(in: picker.passage.text(in: body))
        guard !named.isEmpty else { return actors }
        let listed = Set(actors)
        let first = named.filter(listed.contains)
        let firstSet = Set(first)
        return first + actors.filter { !firstSet.contains($0) }
    }

    /// Keys in the picker: typing searches (or fills the count or the form's field), ↑/↓ choose,
    /// Enter takes the row, Esc goes back a step (and from the first, closes the picker).
    static func updatePicker(_ state: State, _ key: Key) -> State {
        guard var picker = state.picker else { return state }
        var state = state
        let rows = pickerRows(picker, state: state)
        let action = state.keymap.action(for: key, in: [.picker, .prompt])
        switch action {
        case .moveDown?: picker.place.move(by: 1, count: rows.count)
        case .moveUp?: picker.place.move(by: -1, count: rows.count)
        case .pageDown?: picker.place.move(by: 10, count: rows.count)
        case .pageUp?: picker.place.move(by: -10, count: rows.count)
        case .focusNext?, .focusPrevious?:
            guard case .form(var form) = picker.stage else { break }
            form.values[form.focus] = picker.query.text
            form.focus = (form.focus + (action == .focusNext ? 1 : form.labels.count - 1)) % form.labels.count
            picker.query = LineEditor(form.values[form.focus])
            picker.stage = .form(form)
        case .clear?:
            switch picker.stage {
            case .record:
                state.picker = nil
                state.message = "Nothing attached; the passage is still selected"
                return state
            case .part, .form: picker = AttachPicker(passage: picker.passage)
            case .actor(let statement, _), .count(let statement):
                picker.stage = .part(statement: statement)
                picker.query = LineEditor()
                picker.place = ScrollState()
            }
        case .follow?:
            return choose(rows, picker, state)
        case let action? where isLineEdit(action):
            _ = picker.query.apply(action)
            picker.place = ScrollState()
        default:
            if case .part = picker.stage, case .character(let digit) = key, let number = digit.wholeNumberValue, (1...statementParts.count).contains(number) {
                picker.place.selected = number - 1
                return choose(rows, picker, state)
            }
            guard let text = typed(key) else { return unbound(key, state) }
            if case .part = picker.stage { return state }
            picker.query.insert(text)
            picker.place = ScrollState()
        }
        state.picker = picker
        return state
    }

    /// Enter in the picker.
    static func choose(_ rows: [PickerRow], _ picker: AttachPicker, _ state: State) -> State {
        var state = state
        var picker = picker
        func attach(about: [String], statement: (id: String, part: CorpusEdits.StatementPart)? = nil, newRecord: PassageAttachment.NewRecord? = nil) -> State {
            guard let attachment = passageAttachment(picker.passage, about: about, statement: statement, newRecord: newRecord, state: state) else {
                state.message = "The passage's article cannot be read"
                return state
            }
            state.picker = nil
            state.request(.editCorpus(.attach(attachment)))
            return state
        }
        switch picker.stage {
        case .record:
            guard rows.indices.contains(picker.place.selected) else { return state }
            switch rows[picker.place.selected] {
            case .record(let id):
                if state.corpus.kind(of: id) == .statement {
                    picker.stage = .part(statement: id)
                    picker.query = LineEditor()
                    picker.place = ScrollState()
                    state.picker = picker
                    return state
                }
                return attach(about: [id])
            case .newActor:
                picker.stage = .form(.actor(name: picker.query.text))
                picker.query = LineEditor(picker.query.text)
            case .newStatement:
                picker.stage = .form(.statement(title: picker.query.text))
                picker.query = LineEditor(picker.query.text)
            case .option: break
            }
        case .part(let statement):
            switch picker.place.selected {
            case 0: return attach(about: [statement], statement: (statement, .source))
            case 1:
                picker.stage = .count(statement: statement)
                picker.query = LineEditor()
            case 2, 3, 4:
                picker.stage = .actor(statement: statement, role: ["signatory", "lead", "addressee"][picker.place.selected - 2])
                picker.query = LineEditor()
                picker.place = ScrollState()
            default: return attach(about: [statement])
            }
        case .actor(let statement, let role):
            guard rows.indices.contains(picker.place.selected), case .record(let actor) = rows[picker.place.selected] else { return state }
            let part: CorpusEdits.StatementPart = role == "lead" ? .lead(actor: actor) : role == "addressee" ? .addressee(actor: actor) : .signatory(actor: actor)
            return attach(about: [statement, actor], statement: (statement, part))
        case .count(let statement):
            guard let count = parseCount(picker.query.text) else {
                state.message = "A count is a number, as 22, “more than 20” or “about 40”"
                return state
            }
            return attach(about: [statement], statement: (statement, .count(value: count.value, qualifier: count.qualifier)))
        case .form(var form):
            form.values[form.focus] = picker.query.text
            // Enter moves to the next field; on the last, the form is done.
            if form.focus < form.labels.count - 1 {
                form.focus += 1
                picker.query = LineEditor(form.values[form.focus])
                picker.stage = .form(form)
                state.picker = picker
                return state
            }
            let value = { (index: Int) -> String? in
                let text = form.values[index].trimmingCharacters(in: .whitespaces)
                return text.isEmpty ? nil : text
            }
            switch form.kind {
            case .actor:
                let aliases = form.values[3].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                return attach(about: [], newRecord: .actor(name: value(0) ?? "", kind: value(1) ?? "", country: value(2), aliases: aliases))
            case .statement:
                return attach(about: [], newRecord: .statement(title: value(0) ?? "", kind: value(1) ?? "", date: value(2) ?? "",
                                                               stance: value(3) ?? "", forum: value(4)))
            }
        }
        state.picker = picker
        return state
    }

    /// "22", "more than 20", "> 20", "at least 12", "about 40", "nearly 50".
    static func parseCount(_ text: String) -> (value: Int, qualifier: String?)? {
        let words = text.lowercased().trimmingCharacters(in: .whitespaces)
        let qualifiers: [(String, String)] = [("more than", "more-than"), (">=", "at-least"), (">", "more-than"), ("at least", "at-least"),
                                              ("about", "about"), ("~", "about"), ("nearly", "nearly")]
        for (prefix, qualifier) in qualifiers where words.hasPrefix(prefix) {
            return Int(words.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)).map { ($0, qualifier) }
        }
        return Int(words).map { ($0, nil) }
    }

    /// The attachment for a passage: its exact words and which occurrence of them it is.
    static func passageAttachment(_ passage: PassageSelection, about: [String], statement: (id: String, part: CorpusEdits.StatementPart)?,
                                  newRecord: PassageAttachment.NewRecord?, state: State) -> PassageAttachment? {
        // The passage belongs to the article the reader shows (see `normalizedView`).
        guard let body = readerBody(state)?.text else { return nil }
        let quote = passage.text(in: body)
        let occurrence = (CorpusEdits.occurrences(of: quote, in: body).firstIndex { $0.lowerBound == passage.start } ?? 0) + 1
        return PassageAttachment(article: passage.article, quote: quote, occurrence: occurrence, about: about, statement: statement, newRecord: newRecord)
    }

    /// `u`: takes back this session's last change, a note's or the corpus's.
    static func undoLast(_ state: State) -> State {
        var state = state
        guard let step = state.undoStack.popLast() else {
            state.message = "Nothing to undo: nothing was changed in this session"
            return state
        }
        switch step {
        case .note(let inverse): state.request(.changeNote(PendingNoteEdit(edit: inverse, isUndo: true)))
        case .corpus(let edits, let what, let logged): state.request(.editCorpus(.undo(edits, what, logged: logged)))
        }
        return state
    }

}


extension CorpusEditRequest {
    public var isUndo: Bool {
        if case .undo = self { return true }
        return false
    }
}

extension State {
    /// This state with a corpus read again (after an edit, or another editor's): where the user is, the
    /// notes, the undo list and the log are kept; a passage or picker is let go.
    public func reloaded(with read: ReadCorpus) -> State {
        // `adopting` keeps the user's place, notes, undo list and log; a fresh state has no passage.
        var next = State(corpus: read.loaded.corpus, width: width, height: height, search: read.search)
        next.problems = read.loaded.problems
        return adopting(next)
    }
}
