/// A corpus's records of one kind, in file order: an array (a corpus read from its JSON), or records
/// kept encoded in the persistent index and decoded one at a time when asked for, so a warm open costs
/// what is shown rather than what the corpus holds (see docs/performance.md, "Records read when shown").
/// Either way it is a random-access collection of plain values; a loop over every record decodes each
/// as it comes, and keeps none.
public struct RecordList<Record: Sendable>: RandomAccessCollection, Sendable {
    package enum Storage: Sendable {
        case array([Record])
        case stored(any StoredRecordList<Record>)
    }

    package let storage: Storage

    public init(_ records: [Record]) { storage = .array(records) }

    package init(stored: any StoredRecordList<Record>) { storage = .stored(stored) }

    public var startIndex: Int { 0 }

    public var endIndex: Int {
        switch storage {
        case .array(let records): return records.count
        case .stored(let records): return records.count
        }
    }

    public var count: Int { endIndex }

    public subscript(position: Int) -> Record {
        switch storage {
        case .array(let records): return records[position]
        case .stored(let records): return records.record(at: position)
        }
    }

    /// The records as an array (decoding every stored one).
    public var array: [Record] {
        switch storage {
        case .array(let records): return records
        case .stored: return Array(self)
        }
    }
}

extension RecordList: ExpressibleByArrayLiteral {
    public init(arrayLiteral records: Record...) { self.init(records) }
}

extension RecordList: Equatable where Record: Equatable {
    public static func == (left: RecordList, right: RecordList) -> Bool { left.elementsEqual(right) }
}

extension RecordList where Record: Identifiable, Record.ID == String {
    /// A record's id, without decoding the rest of a stored record.
    public func recordID(at position: Int) -> String {
        switch storage {
        case .array(let records): return records[position].id
        case .stored(let records): return records.recordID(at: position)
        }
    }
}
