// swift-tools-version:6.0
import PackageDescription

// Dependencies point one way: dossier (CLI) → DossierTerminal → DossierApp → DossierModel; the CLI's
// import commands → DossierImport → DossierModel. DossierModel is DossierIndex → DossierStore →
// DossierCorpus, as one import.
let package = Package(
    name: "dossier",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "dossier", targets: ["dossier"]),
        .library(name: "DossierModel", targets: ["DossierModel"]),
        .executable(name: "dossier-bench", targets: ["DossierBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // RFC 4180 CSV writing (and reading, in the tests) for `dossier export`.
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        // The configuration file (TOML), docs/configuration.md.
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        // The model, split by job, with one-way dependencies (no terminal code in any of them):
        // the corpus: plain values, the JSON parser, decoding with source positions, loading, validation,
        // quotes and back-links;
        .target(name: "DossierCorpus"),
        // the store: the editing layer and its transactions, the notes journal, the edit log, atomic
        // files and the user's folders;
        .target(name: "DossierStore", dependencies: ["DossierCorpus"]),
        // the index: search, and the persistent index (its file, each record's encoding beside its
        // decoding, the records read in place from the mapped file);
        .target(name: "DossierIndex", dependencies: ["DossierCorpus", "DossierStore", "CMappingGuard"]),
        // all three as one import for the layers above.
        .target(name: "DossierModel", dependencies: ["DossierCorpus", "DossierStore", "DossierIndex"]),
        // A mapped index file cut short by another program: its SIGBUS handled (async-signal-safe, so C).
        .target(name: "CMappingGuard"),
        // The controller and views (pure and deterministic) and text layout helpers.
        .target(name: "DossierApp", dependencies: ["DossierModel", .product(name: "CSV", package: "CSV.swift")]),
        // ncursesw, wide-character API. The define that enables it lives in the module's own header,
        // because SwiftPM drops pkg-config's -D flags; leaving pkgConfig off avoids its warning.
        .systemLibrary(name: "CNcursesw", providers: [.apt(["libncurses-dev"])]),
        // libxml2's HTML parser, for importing web pages (Debian: libxml2-dev).
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        // Importing articles (web pages, text) and signatory tables, and appending to a corpus on disk.
        .target(name: "DossierImport", dependencies: ["DossierModel", "CLibXML2", .product(name: "CSV", package: "CSV.swift")]),
        // A team on one server over OpenSSH: authorized_keys lines, the team folder, what a session may run.
        .target(name: "DossierTeam", dependencies: ["DossierModel"]),
        // The user's configuration file: read, checked and located.
        .target(name: "DossierConfig", dependencies: ["DossierApp", "DossierModel", .product(name: "TOMLKit", package: "TOMLKit")]),
        // Signal handlers that must be async-signal-safe: written in C.
        .target(name: "CTerminalSupport", dependencies: ["CMappingGuard"]),
        // The only place that calls ncurses.
        .target(name: "DossierTerminal", dependencies: ["DossierApp", "CNcursesw", "CTerminalSupport"]),
        // A deterministic corpus of any size, for benchmarks and scale tests.
        .target(name: "DossierGenerator", dependencies: ["DossierModel"]),
        // The benchmark: `swift run -c release dossier-bench` (see docs/performance.md).
        .executableTarget(name: "DossierBench", dependencies: ["DossierModel", "DossierApp", "DossierTerminal", "DossierGenerator", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        // Turns data/*.json into Swift source so the binary carries the bundled corpus wherever it is copied.
        .executableTarget(name: "EmbedCorpusTool", path: "Sources/EmbedCorpusTool"),
        .plugin(name: "EmbedCorpus", capability: .buildTool(), dependencies: ["EmbedCorpusTool"]),
        .executableTarget(
            name: "dossier",
            dependencies: [
                "DossierModel", "DossierApp", "DossierTerminal", "DossierGenerator", "DossierImport", "DossierConfig", "DossierTeam", "CTerminalSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            plugins: ["EmbedCorpus"]
        ),
        .testTarget(name: "DossierModelTests", dependencies: ["DossierModel", "DossierCorpus", "DossierStore", "DossierIndex", "DossierGenerator"]),
        .testTarget(name: "DossierTeamTests", dependencies: ["DossierTeam"]),
        .testTarget(name: "DossierImportTests", dependencies: ["DossierImport", "DossierModel"]),
        .testTarget(name: "DossierAppTests", dependencies: ["DossierApp", "DossierModel", "DossierGenerator", "DossierTerminal"], exclude: ["__Snapshots__"]),
        .testTarget(name: "DossierCLITests", dependencies: ["DossierModel", .product(name: "CSV", package: "CSV.swift")]),
        .testTarget(name: "DossierConfigTests", dependencies: ["DossierConfig", "DossierApp"]),
        .testTarget(name: "DossierTerminalTests", dependencies: ["DossierTerminal", "DossierApp"]),
    ],
    swiftLanguageModes: [.v6]
)
