/// "1 marked span", "2 marked spans": a count with its noun, for messages, headers and the CLI.
public func plural(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}
