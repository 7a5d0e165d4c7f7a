import DossierModel

/// The corpus in data/, compiled into the binary by the EmbedCorpus plugin, so a copied binary needs
/// no files beside it. Messages about it name the files as they are in the repository.
enum BundledCorpus {
    static func load() throws(CorpusError) -> LoadedCorpus {
        try CorpusLoader.load(directoryFiles: files())
    }

    static func files() -> [String: SourceFile] {
        var files: [String: SourceFile] = [:]
        for (collection, text) in EmbeddedCorpus.files {
            files[collection] = SourceFile(name: "bundled:data/\(collection).json", bytes: Array(text.utf8))
        }
        return files
    }
}
