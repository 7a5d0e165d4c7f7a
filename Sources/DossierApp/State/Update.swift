import DossierModel

/// The controller: one pure function from a state and a key to the next state (the Elm shape).
public enum Explorer {
    /// The next state for a key; the effects it asks for wait in `outbox` (see `update(_:_:)` for events).
    static func update(_ state: State, _ key: Key) -> State {
        var state = state
        // A resize is no key: what the status line says stays through it.
        if case .resize(let width, let height) = key {
            state.width = max(0, width)
            state.height = max(0, height)
            return normalized(state)
        }
        state.message = nil
        if case .mouse(let event) = key { return normalized(updateMouse(state, event)) }
        // Ctrl-C and Ctrl-L mean the same on every screen, prompts included.
        switch state.keymap.action(for: key, in: [.everywhere]) {
        case .quit? where key == .control("c"):
            state.request(.quit)
            return state
        case .redraw?:
            state.request(.redrawAll)
            return state
        default: break
        }
        if state.showHelp { return normalized(updateHelp(state, key)) }
        if state.exportPrompt != nil { return normalized(updateExportPrompt(state, key)) }
        if state.notePrompt != nil { return normalized(updateNotePrompt(state, key)) }
        if state.picker != nil { return normalized(updatePicker(state, key)) }
        // A passage being selected takes its own keys first; the rest (j/k, paging) work as ever.
        if state.passage != nil, !state.editingFilter, let action = state.keymap.action(for: key, in: [.passage]),
           let next = performOnPassage(action, state) {
            return normalized(next)
        }
        // The screen on top decides where the key is looked up and what carries it out.
        let screen = ScreenTable.ops(state.screen)
        if screen.takesTyping {
            if let action = state.keymap.action(for: key, in: screen.contexts + [.prompt]) {
                if isLineEdit(action) { return normalized(editSearch(state) { _ = $0.apply(action) }) }
                return normalized(screen.perform(action, state))
            }
            if let text = typed(key) { return normalized(editSearch(state) { $0.insert(text) }) }
            return unbound(key, state)
        }
        if state.editingFilter {
            // The list filter of a view, or the Notes view's.
            func setFilter(_ state: inout State) {
                if state.screen == .notes { setNotesFilter(state.prompt.text, &state) } else { state.position.list.filter = state.prompt.text }
            }
            if let action = state.keymap.action(for: key, in: [.filtering, .prompt]) {
                if isLineEdit(action) {
                    _ = state.prompt.apply(action)
                    setFilter(&state)
                } else {
                    state = screen.perform(action, state)
                }
            } else if let text = typed(key) {
                state.prompt.insert(text)
                setFilter(&state)
            } else {
                return unbound(key, state)
            }
            return normalized(state)
        }
        guard let action = state.keymap.action(for: key, in: screen.contexts) else { return unbound(key, state) }
        return normalized(screen.perform(action, state))
    }

    /// What a key types into a prompt: a character, or pasted text.
    static func typed(_ key: Key) -> String? {
        switch key {
        case .character(let character): return String(character)
        case .paste(let text): return text
        default: return nil
        }
    }

    /// What a key did to a status-line prompt that saves or cancels (the export name, a note).
    enum PromptKey { case accepted, cancelled, edited, unbound }

    /// Enter accepts, Esc cancels, the line-editing keys edit and other text is typed in.
    static func edit(_ prompt: inout LineEditor, with key: Key, keymap: Keymap) -> PromptKey {
        if let action = keymap.action(for: key, in: [.filtering, .prompt]) {
            switch action {
            case .acceptFilter: return .accepted
            case .clear: return .cancelled
            default:
                if isLineEdit(action) { _ = prompt.apply(action) }
                return .edited
            }
        }
        guard let text = typed(key) else { return .unbound }
        prompt.insert(text)
        return .edited
    }

    static func isLineEdit(_ action: Action) -> Bool {
        // What the action does, not which key it has: the standard table says it.
        Keymap.standard.bindings.contains { $0.context == .prompt && $0.action == action }
    }

    /// A key that does nothing here says so, briefly, instead of being ignored in silence.
    static func unbound(_ key: Key, _ state: State) -> State {
        var state = state
        // Said with the user's keys for these actions.
        let keys = state.keymap
        if case .paste = key {
            state.message = "Pasted text goes into a prompt: \(keys.name(.startFilter, in: [.everywhere], usual: .character("/"))) filters, "
                + "\(keys.name(.find, in: [.workflows], usual: .character("f"))) searches"
        } else {
            state.message = "\(key.label) does nothing here · \(keys.name(.help, in: [.everywhere], usual: .character("?"))) lists the keys"
        }
        return state
    }

}
