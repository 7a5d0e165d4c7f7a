/// The back-links a record store keeps, a table each: for every record, its list (of records' numbers;
/// for `statementRoles`, statements' numbers with the role).
public enum StoredLink: Int, CaseIterable, Sendable {
    case excerptsAbout, recordsCiting, excerptsInArticle, eventsMentioning, statementRoles
}

/// A corpus's records as a store other than its JSON keeps them: the persistent index's mapped file
/// (`StoredCorpus`, in DossierIndex). Ids, back-links and filter text are read from it when asked for,
/// so a corpus opened from it costs what is shown. A record's number is its place across the kinds in
/// `RecordKind` order.
package protocol RecordStore: AnyObject, Sendable {
    /// Records of every kind.
    var total: Int { get }
    /// The number of each kind's first record.
    var bases: [Int] { get }
    func number(of id: String) -> Int?
    func position(ofRecord number: Int) -> (kind: RecordKind, index: Int)
    func id(ofRecord number: Int) -> String
    func links(_ link: StoredLink, ofRecord number: Int) -> [UInt32]
    /// A record's folded filter text (see `ListFilterText`), in place; nil when it has none.
    func filterText(ofRecord number: Int) -> UnsafeRawBufferPointer?
}

/// One kind of a store's records, decoded one at a time when asked for.
package protocol StoredRecordList<Record>: Sendable {
    associatedtype Record
    var count: Int { get }
    func record(at position: Int) -> Record
    /// A record's id, without decoding the rest of it.
    func recordID(at position: Int) -> String
}
