import DossierModel

/// The screens of the explorer: the five views, the full-screen workflows opened over them, and the
/// help over everything.
public enum Screen: Hashable, Sendable {
    case view(ViewID)
    case compare, signatories, search, profiles, problems, notes, edits, help
}

extension State {
    /// The screen the user sees on top.
    public var screen: Screen {
        showHelp ? .help : screenUnderHelp
    }

    /// The screen under the help overlay: a workflow if one is open, else the current view.
    public var screenUnderHelp: Screen {
        switch navigation.overlay {
        case .compare: return .compare
        case .signatories: return .signatories
        case .search: return .search
        case .profiles: return .profiles
        case .problems: return .problems
        case .notes: return .notes
        case .edits: return .edits
        case nil: return .view(view)
        }
    }
}

/// What a screen does (tig's `view_ops`): where its keys are looked up, how it carries out an
/// action, keeps its positions valid and draws itself. From a key in the keymap, a screen's entry
/// here leads in one hop to the function that handles it and to the one that draws it; the way a
/// key travels is traced in docs/architecture.md.
public struct ScreenOps: Sendable {
    /// Keymap contexts, most specific first.
    public let contexts: [KeyContext]
    /// True when typing goes to a prompt on this screen (the search query).
    public let takesTyping: Bool
    let perform: @Sendable (Action, State) -> State
    /// Clamps the screen's positions and scrolls what is selected into view.
    let normalize: @Sendable (State) -> State
    /// Draws the screen's body (between the tab line and the status line).
    let draw: @Sendable (State, inout Grid) -> Void
}

public enum ScreenTable {
    /// The keys every list view shares, after its own.
    static let viewContexts: [KeyContext] = [.everywhere, .moving, .panes, .following, .workflows]

    public static func ops(_ screen: Screen) -> ScreenOps {
        switch screen {
        case .view(.matrix):
            return ScreenOps(contexts: [.matrix] + viewContexts, takesTyping: false, perform: Explorer.performInView,
                             normalize: Explorer.normalizedMatrix, draw: { state, grid in Screens.matrix(state, into: &grid) })
        case .view(let view):
            let own: [KeyContext] = [.articles: [.reader], .actors: [.actors], .timeline: [.timeline]][view] ?? []
            return ScreenOps(contexts: own + viewContexts, takesTyping: false, perform: Explorer.performInView,
                             normalize: Explorer.normalizedView, draw: { state, grid in Render.panes(state, into: &grid) })
        case .compare: return .compare
        case .signatories:
            return ScreenOps(contexts: [.signatories, .following, .everywhere], takesTyping: false, perform: Explorer.performInSignatories,
                             normalize: Explorer.normalizedSignatories, draw: { state, grid in Screens.signatories(state, into: &grid) })
        case .profiles:
            return ScreenOps(contexts: [.profiles, .everywhere], takesTyping: false, perform: Explorer.performInProfiles,
                             normalize: Explorer.normalizedProfiles, draw: { state, grid in Screens.profiles(state, into: &grid) })
        case .problems: return .problems
        case .notes: return .notes
        case .edits: return .edits
        case .search: return .search
        case .help:
            // Keys reach the help through `Explorer.updateHelp` (it has a prompt of its own); it is
            // drawn over the screen under it, which is kept valid as ever.
            return ScreenOps(contexts: [.helpOverlay], takesTyping: false, perform: { _, state in state },
                             normalize: { state in Explorer.normalizedHelp(ops(state.screenUnderHelp).normalize(state)) },
                             draw: { state, grid in Render.help(state, into: &grid) })
        }
    }
}
