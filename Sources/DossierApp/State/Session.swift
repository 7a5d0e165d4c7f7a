import DossierModel

/// Where the user left a corpus, written when the explorer ends and read when it opens again
/// (docs/notes.md): the view, each view's selection, scroll, filter and focus, the actor sort, the
/// timeline's actor, the matrix cell, the reader's search, the marked record, and Back/Forward
/// history. Overlays (a comparison, the search) are not kept: they are moments, not places.
public enum Session {
    /// The session as a JSON document (one line per place would be no easier to read).
    public static func encode(_ state: State) -> String {
        JSONWriter.write(.object([
            ("dossier-session", .int(1)),
            ("navigation", value(of: state.navigation)),
            ("history", .list(state.history.suffix(200).map(value(of:)))),
            ("forward", .list(state.forwardHistory.suffix(200).map(value(of:)))),
        ])) + "\n"
    }

    /// The state with the session's places (clamped to the corpus by the next normalization); nil
    /// when the text is not a session (it is then ignored, and the explorer starts clean).
    public static func restore(_ text: String, into state: State) -> State? {
        guard case .object(let members)? = try? JSONParser.parse(Array(text.utf8)).value,
              members.contains(where: { $0.key == "dossier-session" }),
              case let navigationValue? = members.first(where: { $0.key == "navigation" })?.node.value,
              let navigation = Session.navigation(from: navigationValue) else { return nil }
        func list(_ key: String) -> [Navigation] {
            guard case .array(let nodes)? = members.first(where: { $0.key == key })?.node.value else { return [] }
            return nodes.compactMap { Session.navigation(from: $0.value) }
        }
        var state = state
        state.navigation = navigation
        // A search highlight is the last session's, not this one's: it does not come back on the
        // screen at start (issue 32: "“trying”: no match here" greeted the next day); Back still
        // returns to it where the history has it.
        state.navigation.readerQuery = nil
        state.navigation.readerMatch = 0
        state.history = list("history")
        state.forwardHistory = list("forward")
        return Explorer.normalized(state)
    }

    static func value(of navigation: Navigation) -> JSONValue {
        func pane(_ position: PanePosition) -> JSONValue { .object([("selected", .int(position.selected)), ("top", .int(position.top))]) }
        let positions: [(String, JSONValue?)] = ViewID.allCases.map { view in
            let position = navigation.positions[view] ?? ViewPosition()
            return ("\(view.rawValue)", .object([
                ("selected", position.list.selectedID.map(JSONValue.string)), ("top", .int(position.list.top)),
                ("filter", .string(position.list.filter)), ("detail", pane(position.detail)), ("source", pane(position.source)),
                ("focus", .int(position.focus.rawValue)),
            ]))
        }
        return .object([
            ("view", .int(navigation.view.rawValue)), ("positions", .object(positions)), ("sort", .string(navigation.actorSort.rawValue)),
            ("marked", navigation.marked.map(JSONValue.string)), ("timelineActor", navigation.timelineActor.map(JSONValue.string)),
            ("matrixRow", navigation.matrix.row.map(JSONValue.string)), ("matrixColumn", navigation.matrix.column.map(JSONValue.string)),
            ("readerQuery", navigation.readerQuery.map(JSONValue.string)), ("readerMatch", .int(navigation.readerMatch)),
        ])
    }

    static func navigation(from value: JSONValue) -> Navigation? {
        guard case .object(let members) = value else { return nil }
        func member(_ key: String, in members: [JSONMember]) -> JSONValue? { members.first { $0.key == key }?.node.value }
        func int(_ key: String, in members: [JSONMember]) -> Int? {
            if case .number(let text)? = member(key, in: members) { return Int(text) }
            return nil
        }
        func string(_ key: String, in members: [JSONMember]) -> String? {
            if case .string(let text)? = member(key, in: members) { return text }
            return nil
        }
        func pane(_ key: String, in members: [JSONMember]) -> PanePosition {
            guard case .object(let inner)? = member(key, in: members) else { return PanePosition() }
            return PanePosition(selected: max(0, int("selected", in: inner) ?? 0), top: max(0, int("top", in: inner) ?? 0))
        }
        var navigation = Navigation()
        guard let view = int("view", in: members).flatMap(ViewID.init(rawValue:)) else { return nil }
        navigation.view = view
        if case .object(let positions)? = member("positions", in: members) {
            for view in ViewID.allCases {
                guard case .object(let inner)? = member("\(view.rawValue)", in: positions) else { continue }
                var position = ViewPosition()
                position.list.selectedID = string("selected", in: inner)
                position.list.top = max(0, int("top", in: inner) ?? 0)
                position.list.filter = string("filter", in: inner) ?? ""
                position.detail = pane("detail", in: inner)
                position.source = pane("source", in: inner)
                position.focus = int("focus", in: inner).flatMap(PaneID.init(rawValue:)) ?? .list
                navigation.positions[view] = position
            }
        }
        navigation.actorSort = string("sort", in: members).flatMap(ActorSort.init(rawValue:)) ?? .name
        navigation.marked = string("marked", in: members)
        navigation.timelineActor = string("timelineActor", in: members)
        navigation.matrix.row = string("matrixRow", in: members)
        navigation.matrix.column = string("matrixColumn", in: members)
        navigation.readerQuery = string("readerQuery", in: members)
        navigation.readerMatch = max(0, int("readerMatch", in: members) ?? 0)
        return navigation
    }
}
