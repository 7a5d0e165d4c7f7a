/// An ISO 8601 calendar date that may stop at the month or the year, because sources often give no day
/// ("in October 2020", "in 2019").
public struct PartialDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int?
    public var day: Int?

    public enum Precision: String, Sendable {
        case year, month, day
    }

    public var precision: Precision {
        day != nil ? .day : (month != nil ? .month : .year)
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; returns nil with a reason for anything else, including
    /// impossible days such as 2023-02-29.
    public static func parse(_ text: String) -> Result<PartialDate, DateError> {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count) else { return .failure(.malformed(text)) }
        let widths = [4, 2, 2]
        var numbers: [Int] = []
        for (index, part) in parts.enumerated() {
            guard part.count == widths[index], part.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let number = Int(part) else {
                return .failure(.malformed(text))
            }
            numbers.append(number)
        }
        let year = numbers[0]
        guard year >= 1 else { return .failure(.outOfRange(text, "year 0000 does not exist")) }
        var date = PartialDate(year: year)
        if numbers.count > 1 {
            guard (1...12).contains(numbers[1]) else { return .failure(.outOfRange(text, "month must be 01 to 12")) }
            date.month = numbers[1]
        }
        if numbers.count > 2 {
            let days = PartialDate.daysIn(month: numbers[1], year: year)
            guard (1...days).contains(numbers[2]) else { return .failure(.outOfRange(text, "day must be 01 to \(days) in that month")) }
            date.day = numbers[2]
        }
        return .success(date)
    }

    public init(year: Int, month: Int? = nil, day: Int? = nil) {
        self.year = year
        self.month = month
        self.day = day
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2:
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            return leap ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public var description: String {
        var text = String(year)
        while text.count < 4 { text = "0" + text }
        if let month { text += "-" + (month < 10 ? "0" : "") + String(month) }
        if let day { text += "-" + (day < 10 ? "0" : "") + String(day) }
        return text
    }

    /// Dates sort by their earliest possible day, and a less precise date before a more precise one on
    /// the same day, so "2019" comes before "2019-07" and "2019-07-10".
    public static func < (lhs: PartialDate, rhs: PartialDate) -> Bool {
        let left = (lhs.year, lhs.month ?? 0, lhs.day ?? 0)
        let right = (rhs.year, rhs.month ?? 0, rhs.day ?? 0)
        return left < right
    }

    public enum DateError: Error, Sendable, Equatable, CustomStringConvertible {
        case malformed(String)
        case outOfRange(String, String)

        public var description: String {
            switch self {
            case .malformed(let text):
                return "\"\(text)\" is not an ISO 8601 date; write YYYY-MM-DD, YYYY-MM or YYYY"
            case .outOfRange(let text, let reason):
                return "\"\(text)\" is not a real date: \(reason)"
            }
        }
    }
}
