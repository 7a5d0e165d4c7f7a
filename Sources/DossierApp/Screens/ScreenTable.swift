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
        case .view(.matrix): return .matrix
        case .view(let view): return .list(view)
        case .compare: return .compare
        case .signatories: return .whoSigned
        case .profiles: return .profiles
        case .problems: return .problems
        case .notes: return .notes
        case .edits: return .edits
        case .search: return .search
        case .help: return .help
        }
    }
}
