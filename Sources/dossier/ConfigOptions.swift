import ArgumentParser
import DossierConfig
import DossierApp
import DossierModel
import Foundation

/// `--config PATH`, else `$XDG_CONFIG_HOME/dossier/config.toml` (docs/configuration.md).
struct ConfigOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The configuration file (default: $XDG_CONFIG_HOME/dossier/config.toml).", valueName: "PATH"), completion: .file(extensions: ["toml"]))
    var config: String?

    /// The configuration in effect. A file given with --config that cannot be read stops the command
    /// (exit 66); mistakes in a file are said on standard error, located, and their settings left at
    /// the defaults.
    func load(sayProblems: Bool = true) throws -> Configuration {
        let configuration: Configuration
        do {
            configuration = try Configuration.load(explicit: config, environment: ProcessInfo.processInfo.environment)
        } catch {
            printError("dossier: \(error)")
            throw ExitCode(66)
        }
        if sayProblems {
            for problem in configuration.problems { printError("dossier: warning: \(SafeText.line(problem.description))") }
        }
        return configuration
    }
}
