import DossierModel

/// A passage of an article being selected in the reader (`v`), to copy or to make the source of a
/// fact: UTF-8 offsets into the body, and which end the motion keys move.
public struct PassageSelection: Equatable, Sendable {
    public var article: String
    public var start: Int
    public var end: Int
    /// `o` swaps the ends: the motion keys then move the start.
    public var movingStart = false

    public var range: Range<Int> { start..<end }

    /// The passage's words in its article's body.
    public func text(in body: String) -> String {
        Sentences.withBytes(body) { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
    }
}

/// Sentences and words of a body, found by scanning from a place (never the whole body: one may be
/// hundreds of megabytes). A sentence ends after `.`, `!` or `?` (and any closing quotation marks or
/// brackets) before a space, or at a line break.
enum Sentences {
    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }

    /// After a sentence's final mark: closing quotation marks and brackets (ASCII, ” ’ »).
    static func skipClosers(_ bytes: UnsafeBufferPointer<UInt8>, from index: Int) -> Int {
        var at = index
        while at < bytes.count {
            if bytes[at] == 0x22 || bytes[at] == 0x27 || bytes[at] == 0x29 || bytes[at] == 0x5D { at += 1; continue }
            // ” (E2 80 9D), ’ (E2 80 99), » (C2 BB)
            if at + 2 < bytes.count, bytes[at] == 0xE2, bytes[at + 1] == 0x80, bytes[at + 2] == 0x9D || bytes[at + 2] == 0x99 { at += 3; continue }
            if at + 1 < bytes.count, bytes[at] == 0xC2, bytes[at + 1] == 0xBB { at += 2; continue }
            break
        }
        return at
    }

    /// Where the sentence that holds `index` ends (exclusive, before the spaces after it).
    static func end(from index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var at = index
        while at < bytes.count {
            let byte = bytes[at]
            if byte == 0x0A || byte == 0x0D { return at }
            if byte == 0x2E || byte == 0x21 || byte == 0x3F {
                let after = skipClosers(bytes, from: at + 1)
                if after >= bytes.count || isSpace(bytes[after]) { return after }
                at = after
                continue
            }
            at += 1
        }
        return bytes.count
    }

    /// Where the sentence that holds `index` begins.
    static func start(containing index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var at = min(index, bytes.count)
        // Back over the spaces before the place, then to the end of the sentence before.
        while at > 0 && isSpace(bytes[at - 1]) && bytes[at - 1] != 0x0A { at -= 1 }
        while at > 0 {
            let byte = bytes[at - 1]
            if byte == 0x0A { break }
            if isSpace(byte), at >= 2 {
                // A space after a sentence's end (with its closers) begins a new one.
                var back = at - 1
                while back > 0 && (bytes[back - 1] == 0x22 || bytes[back - 1] == 0x27 || bytes[back - 1] == 0x29 || bytes[back - 1] == 0x5D
                                   || bytes[back - 1] == 0x9D || bytes[back - 1] == 0x99 || bytes[back - 1] == 0x80 || bytes[back - 1] == 0xE2
                                   || bytes[back - 1] == 0xBB || bytes[back - 1] == 0xC2) { back -= 1 }
                if back > 0, bytes[back - 1] == 0x2E || bytes[back - 1] == 0x21 || bytes[back - 1] == 0x3F { break }
            }
            at -= 1
        }
        while at < bytes.count && isSpace(bytes[at]) { at += 1 }
        return at
    }

    /// The start of the next sentence after `index` (past the spaces), or nil at the end.
    static func nextStart(after index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var at = index
        while at < bytes.count && isSpace(bytes[at]) { at += 1 }
        return at < bytes.count ? at : nil
    }

    /// The end of the word after `index` (spaces, then the word).
    static func nextWordEnd(after index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var at = index
        while at < bytes.count && isSpace(bytes[at]) { at += 1 }
        while at < bytes.count && !isSpace(bytes[at]) { at += 1 }
        return at
    }

    /// The end of the word before the one that ends at `index`.
    static func previousWordEnd(before index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var at = index
        while at > 0 && !isSpace(bytes[at - 1]) { at -= 1 }
        while at > 0 && isSpace(bytes[at - 1]) { at -= 1 }
        return at
    }

    /// The start of the word after the one that begins at `index`.
    static func nextWordStart(after index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var at = index
        while at < bytes.count && !isSpace(bytes[at]) { at += 1 }
        while at < bytes.count && isSpace(bytes[at]) { at += 1 }
        return at
    }

    /// The start of the word before `index`.
    static func previousWordStart(before index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var at = index
        while at > 0 && isSpace(bytes[at - 1]) { at -= 1 }
        while at > 0 && !isSpace(bytes[at - 1]) { at -= 1 }
        return at
    }

    /// Runs `body` over the text's UTF-8 without copying it.
    static func withBytes<T>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        var text = text
        return text.withUTF8(body)
    }
}

extension Explorer {
    /// The body of the article the reader shows, if it can be read: the text the reader laid out
    /// (kept between keys), so selecting in a long article does not read it again for every key.
    static func readerBody(_ state: State) -> (id: String, text: String)? {
        guard let id = state.selectedID(in: .articles) else { return nil }
        if let reader = reader(of: state), reader.content.unreadable == nil { return (id, reader.content.body.text) }
        guard let article = state.corpus.article(id), case .success(let text)? = state.bodyText(of: article) else { return nil }
        return (id, text)
    }

    /// `v` in the reader: the first sentence that begins on the cursor's line (else the one the line
    /// is in) is selected.
    static func startPassage(_ state: State) -> State {
        var state = state
        guard state.view == .articles, state.position.focus == .detail, let reader = reader(of: state), let body = readerBody(state) else {
            state.message = "\(state.keymap.name(.selectPassage, in: [.reader], usual: .character("v"))) selects a passage in the reader: "
                + "\(state.keymap.name(.focusNext, in: [.panes], usual: .tab)) to it first"
            return state
        }
        let bodyLine = state.position.detail.cursor - reader.content.header.count
        guard reader.content.body.lines.indices.contains(bodyLine) else { return state }
        let line = reader.content.body.lines[bodyLine]
        let range = Sentences.withBytes(body.text) { bytes -> Range<Int> in
            var start = Sentences.start(containing: line.lowerBound, in: bytes)
            if start < line.lowerBound, let next = Sentences.nextStart(after: Sentences.end(from: start, in: bytes), in: bytes), next < line.upperBound {
                start = next
            }
            return start..<max(start, Sentences.end(from: start, in: bytes))
        }
        guard !range.isEmpty else {
            state.message = "Nothing to select on this line"
            return state
        }
        state.passage = PassageSelection(article: body.id, start: range.lowerBound, end: range.upperBound)
        return state
    }

    /// The keys while a passage is selected: they move its moving end by a sentence or a word, swap its
    /// ends, copy it, or cancel; nil for a key that is not one of them (it then works as ever).
    static func performOnPassage(_ action: Action, _ state: State) -> State? {
        guard var passage = state.passage, let body = readerBody(state), body.id == passage.article else { return nil }
        var state = state
        switch action {
        case .clear:
            state.passage = nil
            state.message = "Selection cancelled"
            return state
        case .swapEnds:
            passage.movingStart.toggle()
        case .follow:
            return openPicker(state)
        case .nextSentence, .previousSentence, .nextWord, .previousWord:
            // The moving end goes forward or back: at the end, forward extends; at the start, back does.
            Sentences.withBytes(body.text) { bytes in
                func before(_ index: Int) -> Int {
                    var at = index
                    while at > 0 && Sentences.isSpace(bytes[at - 1]) { at -= 1 }
                    return at
                }
                if passage.movingStart {
                    var start = passage.start
                    switch action {
                    case .previousSentence: start = before(start) > 0 ? Sentences.start(containing: before(start) - 1, in: bytes) : start
                    case .nextSentence: start = Sentences.nextStart(after: Sentences.end(from: start, in: bytes), in: bytes) ?? start
                    case .previousWord: start = Sentences.previousWordStart(before: start, in: bytes)
                    default: start = Sentences.nextWordStart(after: start, in: bytes)
                    }
                    if start < passage.end { passage.start = start }
                } else {
                    var end = passage.end
                    switch action {
                    case .nextSentence: end = Sentences.nextStart(after: end, in: bytes).map { Sentences.end(from: $0, in: bytes) } ?? end
                    case .previousSentence: end = before(Sentences.start(containing: max(0, end - 1), in: bytes))
                    case .nextWord: end = Sentences.nextWordEnd(after: end, in: bytes)
                    default: end = Sentences.previousWordEnd(before: end, in: bytes)
                    }
                    if end > passage.start { passage.end = end }
                }
            }
        case .copy:
            guard let article = state.corpus.article(passage.article) else { return state }
            state.request(.copy(ClipboardRequest(text: SafeText.block("“\(passage.text(in: body.text))”\n— " + Citation.source(article)),
                                                  what: "the passage and its citation")))
            return state
        default:
            return nil
        }
        state.passage = passage
        return state
    }
}
