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

struct Keys: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the explorer's key bindings as Markdown: yours, with your configuration's [keys] (docs/keys.md is the output with --default).")

    @Flag(help: "The standard keys, whatever the configuration says.")
    var `default` = false

    @OptionGroup var config: ConfigOptions

    func run() throws {
        let keymap = `default` ? Keymap.standard : try config.load().keymap
        print(keymap.markdown(), terminator: "")
        try finishOutput()
    }
}
