import ArgumentParser
import DossierApp
import DossierConfig
import DossierGenerator
import DossierModel
import DossierTerminal
import Foundation
import Synchronization
import CTerminalSupport
#if canImport(Glibc)
import Glibc
#endif

struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Print the configuration in effect, each value with where it came from (see docs/configuration.md).",
        discussion: "Mistakes in the file are said on standard error, located (file:line:column), and their settings shown at their defaults; the exit status is 0 all the same, as the explorer starts with them.")

    @Flag(help: "Print a configuration file with every setting at its default, commented out, to start yours from.")
    var `default` = false

    @OptionGroup var config: ConfigOptions

    func run() throws {
        if `default` {
            print(Configuration.defaultText(), terminator: "")
        } else {
            let loaded = try config.load()
            let environment = ProcessInfo.processInfo.environment
            print(loaded.effectiveText(author: NoteStamp.author(environment: environment, configured: nil)), terminator: "")
        }
        try finishOutput()
    }
}
