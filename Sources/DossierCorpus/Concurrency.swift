import Foundation
import Synchronization

/// Work on a thread of its own, started at once; its result is waited for when first asked (later asks
/// give the same). The thread gets `stackSize` bytes of stack: parsing JSON nested 256 deep needs more
/// than a secondary thread's default.
// @unchecked: `outcome` is written by the thread before it signals `done` and read only after waiting
// for that signal, an order the compiler cannot see.
public final class BackgroundWork<Value, Failure: Error>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    // Written by the thread before it signals, read only after waiting for that signal.
    private var outcome: Result<Value, Failure>?
    private var waited = false

    public init(stackSize: Int = 1 << 20, _ work: @escaping @Sendable () throws(Failure) -> Value) {
        let thread = Thread { [self] in
            do throws(Failure) { outcome = .success(try work()) } catch { outcome = .failure(error) }
            done.signal()
        }
        thread.stackSize = stackSize
        thread.start()
    }

    /// Waits for the work (the first time) and gives how it went. Asked from one thread.
    public var result: Result<Value, Failure> {
        if !waited {
            done.wait()
            waited = true
        }
        return outcome!
    }
}

/// A value made the first time it is asked for, by whichever thread asks first (the others wait for
/// it), then kept; what made it is let go.
public final class ComputedOnce<Value: Sendable>: Sendable {
    private enum Stage {
        case waiting(@Sendable () -> Value)
        case made(Value)
    }
    private let stage: Mutex<Stage>

    public init(_ make: @escaping @Sendable () -> Value) { stage = Mutex(.waiting(make)) }

    public var value: Value {
        stage.withLock { stage in
            switch stage {
            case .made(let value):
                return value
            case .waiting(let make):
                let value = make()
                stage = .made(value)
                return value
            }
        }
    }
}
