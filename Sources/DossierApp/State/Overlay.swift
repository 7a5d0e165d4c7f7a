import DossierModel

/// Full-screen workflows opened over a view; Esc closes them and Back returns through them.
public enum Overlay: Equatable, Sendable {
    /// Two article readers side by side, each scrolled to an excerpt.
    case compare(CompareState)
    /// Who signed both of two statements, or only one.
    case signatories(SignatoryComparison)
    /// Search over everything.
    case search(SearchState)
    /// Two records' profiles (actors, or statements' details) side by side.
    case profiles(ProfilesState)
    /// The problems of a corpus opened with them.
    case problems(ScrollState)
    /// The Notes view: the user's notes and bookmarks.
    case notes(NotesScreenState)
    /// The edits made in this session.
    case edits(ScrollState)
}
