import Testing
import DossierModel
@testable import DossierCorpus
@testable import DossierIndex
@testable import DossierStore

@Suite struct PartialDateTests {
    @Test(arguments: ["2019", "2019-07", "2019-07-10", "2020-02-29", "2000-02-29", "0001-01-01"])
    func acceptsISODatesOfEachPrecision(text: String) throws {
        let date = try PartialDate.parse(text).get()
        #expect(date.description == text)
    }

    @Test(arguments: ["July 2019", "2019-7", "19-07-10", "2019-07-10T00:00", "2019/07/10", "", "2019-", "+2019"])
    func rejectsMalformedDates(text: String) {
        #expect(PartialDate.parse(text) == .failure(.malformed(text)))
    }

    @Test(arguments: [("2019-13", "month must be 01 to 12"), ("2019-02-29", "day must be 01 to 28 in that month"),
                      ("1900-02-29", "day must be 01 to 28 in that month"), ("2019-04-31", "day must be 01 to 30 in that month"),
                      ("0000", "year 0000 does not exist"), ("2019-00", "month must be 01 to 12")])
    func rejectsImpossibleDates(text: String, reason: String) {
        #expect(PartialDate.parse(text) == .failure(.outOfRange(text, reason)))
    }

    @Test func lessPreciseDatesSortFirst() throws {
        let dates = try ["2019-07-10", "2019", "2018-12-31", "2019-07"].map { try PartialDate.parse($0).get() }
        #expect(dates.sorted().map(\.description) == ["2018-12-31", "2019", "2019-07", "2019-07-10"])
        #expect(try PartialDate.parse("2019-07").get().precision == .month)
    }
}
