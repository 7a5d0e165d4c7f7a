import DossierModel

extension Explorer {
    /// `t` on an actor: the timeline of the events and statements it takes part in.
    static func timeline(of state: State) -> State {
        guard let actor = state.selectedID(in: .actors) else { return state }
        var state = state
        remember(&state)
        state.navigation.timelineActor = actor
        state.view = .timeline
        state.positions[.timeline] = ViewPosition()
        return state
    }
}
