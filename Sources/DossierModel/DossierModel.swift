// The model, as one import for the layers above it (the App, the terminal, the CLI, the importers):
// three modules with one-way dependencies, DossierIndex → DossierStore → DossierCorpus (see
// docs/architecture.md). Code that needs only part of it imports that part.
@_exported import DossierCorpus
@_exported import DossierIndex
@_exported import DossierStore
