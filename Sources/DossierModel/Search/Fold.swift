import Foundation

/// Text folded for matching: lower case, accents removed, curly quotes and no-break spaces made plain,
/// so "turk" finds "Türk" and "raphael" finds "Raphäel" however the accent is encoded.
public enum Fold {
    public static func fold(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for character in text { appendFolded(character, to: &result) }
        return String(result)
    }

    /// Folds one character. ASCII takes a fast path; anything else is lower-cased, decomposed and
    /// stripped of combining marks.
    @inline(__always)
    static func appendFolded(_ character: Character, to result: inout String.UnicodeScalarView) {
        if let ascii = character.asciiValue {
            result.append(Unicode.Scalar(ascii >= 0x41 && ascii <= 0x5A ? ascii + 0x20 : ascii))
            return
        }
        for scalar in String(character).lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .enclosingMark: continue
            default: break
            }
            switch scalar.value {
            case 0x2018, 0x2019, 0x02BC: result.append("'")
            case 0x201C, 0x201D: result.append("\"")
            case 0x00A0, 0x2007, 0x202F: result.append(" ")
            default: result.append(scalar)
            }
        }
    }
}

/// A text folded for search, with each folded byte mapped back to the original character it came
/// from, so a match found in folded text can be highlighted (and scrolled to) in the original.
public struct FoldedText: Sendable {
    public let folded: [UInt8]
    /// For each folded byte: the UTF-8 start and end of the original character that produced it.
    let originStart: [Int32]
    let originEnd: [Int32]

    public init(_ text: String) {
        var folded: [UInt8] = []
        var starts: [Int32] = []
        var ends: [Int32] = []
        folded.reserveCapacity(text.utf8.count)
        starts.reserveCapacity(text.utf8.count)
        ends.reserveCapacity(text.utf8.count)
        var offset = 0
        var scratch = String.UnicodeScalarView()
        for character in text {
            let length = character.utf8.count
            scratch.removeAll(keepingCapacity: true)
            Fold.appendFolded(character, to: &scratch)
            for byte in String(scratch).utf8 {
                folded.append(byte)
                starts.append(Int32(offset))
                ends.append(Int32(offset + length))
            }
            offset += length
        }
        self.folded = folded
        originStart = starts
        originEnd = ends
    }

    /// Every match of an already folded needle, as UTF-8 ranges of the original text, in order.
    public func matches(of needle: [UInt8], limit: Int = Int.max) -> [Range<Int>] {
        guard !needle.isEmpty, needle.count <= folded.count else { return [] }
        var found: [Range<Int>] = []
        let first = needle[0]
        var index = 0
        let last = folded.count - needle.count
        while index <= last, found.count < limit {
            if folded[index] == first && folded[index..<(index + needle.count)].elementsEqual(needle) {
                found.append(Int(originStart[index])..<Int(originEnd[index + needle.count - 1]))
                index += needle.count
            } else {
                index += 1
            }
        }
        return found
    }
}
