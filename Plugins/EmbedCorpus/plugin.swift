import PackagePlugin

/// Embeds the bundled corpus (the five JSON files in data/) into the target it is applied to, rebuilding
/// the generated source whenever one of those files changes.
@main
struct EmbedCorpus: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let dataDirectory = context.package.directoryURL.appending(path: "data")
        let names = ["articles", "actors", "statements", "events", "excerpts"]
        let inputs = names.map { dataDirectory.appending(path: "\($0).json") }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedCorpus.swift")
        return [
            .buildCommand(
                displayName: "Embedding the bundled corpus from data/",
                executable: try context.tool(named: "EmbedCorpusTool").url,
                arguments: [output.path] + inputs.map(\.path),
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }
}
