import ArgumentParser
import DossierApp
import DossierConfig
import DossierModel
import Foundation

struct Repair: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Repair a corpus directory's records.",
        subcommands: [RepairQuotes.self])
}

struct RepairQuotes: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quotes",
        abstract: "Rewrite each stored quote that differs from its article to the article's own words.",
        discussion: """
            A quote that differs from its article in anything but the kind of white space is an error (exit 65 from \
            validate, list, show and export). This rewrites it to the words of the closest passage, where only one \
            passage is that close, and each quote whose white space is of another kind to the article's characters. \
            Every change is printed as a diff ("-" stored, "+" the article's), the edit goes through the editing layer \
            (validated, written safely, logged), and a quote that cannot be repaired is named with why (exit 65). \
            See docs/editing.md.
            """)

    @Flag(name: .long, help: "Print the changes without writing anything.") var dryRun = false
    @OptionGroup var target: EditTarget

    func run() throws {
        let editor = try target.editor()
        var plan = QuoteRepair.Plan()
        let outcome: EditOutcome
        do throws(EditError) {
            outcome = try editor.apply(dryRun: dryRun) { corpus, record throws(EditError) in
                plan = QuoteRepair.plan(corpus, record: record)
                return plan.edits
            }
        } catch {
            throw editFailure(error)
        }
        for change in plan.changes {
            print(SafeText.line("\(change.excerpt): \(change.difference)"))
            print(SafeText.line("- “\(change.stored)”"))
            print(SafeText.line("+ “\(change.article)”"))
        }
        let count = plan.changes.count
        let quotes = count == 1 ? "quote" : "quotes"
        if count == 0 {
            print("no quote to repair")
        } else {
            print(dryRun ? "would repair \(count) \(quotes) (a dry run: nothing was written)" : "repaired \(count) \(quotes)")
        }
        try finishOutput()
        warnIfNotLogged(outcome)
        for left in plan.left { printError(SafeText.line("dossier: \(left.excerpt): not repaired: \(left.reason)")) }
        if !plan.left.isEmpty { throw ExitCode(65) }
    }
}
