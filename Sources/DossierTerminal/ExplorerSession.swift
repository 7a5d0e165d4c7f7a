import DossierApp
import DossierModel
#if canImport(Glibc)
import Glibc
#endif

/// Runs the explorer on a terminal until the user quits, a terminating signal arrives or the terminal
/// goes away; the terminal is restored on every one of those paths.
public enum ExplorerSession {
    public enum Outcome: Equatable {
        case quit
        case signal(Int32)
        case terminalGone

        /// The process exit status: 0 for q, 128 + the signal number as shells report it, 1 for a lost terminal.
        public var exitCode: Int32 {
            switch self {
            case .quit: return 0
            case .signal(let number): return 128 + number
            case .terminalGone: return 1
            }
        }
    }

    public static func run(corpus: Corpus, environment: [String: String]) throws -> Outcome {
        let screen = try TerminalScreen(environment: environment)
        defer { screen.end() }
        let size = screen.size
        var state = State(corpus: corpus, width: size.width, height: size.height)
        state.glyphs = screen.supportsUnicode ? .unicode : .ascii
        state = Explorer.normalized(state)
        screen.draw(Render.frame(state))
        while true {
            switch screen.nextEvent() {
            case .idle:
                continue
            case .signal(let number):
                return .signal(number)
            case .terminalGone:
                return .terminalGone
            case .key(let key):
                state = Explorer.update(state, key)
                if state.quitRequested { return .quit }
                screen.draw(Render.frame(state))
            }
        }
    }
}
