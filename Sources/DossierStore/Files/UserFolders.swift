import DossierCorpus
import Foundation

/// Where Dossier keeps a user's own files, by the XDG base directory rules: `$XDG_DATA_HOME/dossier`
/// (notes), `$XDG_STATE_HOME/dossier` (sessions, copies, the edit log), each variable overriding its
/// default under `$HOME`. A file that belongs to one corpus is named after it (see `fileName`).
public enum UserFolders {
    /// `$XDG_DATA_HOME/dossier`, else `~/.local/share/dossier`.
    public static func data(environment: [String: String]) -> String {
        folder("XDG_DATA_HOME", default: ".local/share", environment: environment)
    }

    /// `$XDG_STATE_HOME/dossier`, else `~/.local/state/dossier`.
    public static func state(environment: [String: String]) -> String {
        folder("XDG_STATE_HOME", default: ".local/state", environment: environment)
    }

    package static func folder(_ variable: String, default relative: String, environment: [String: String]) -> String {
        if let set = environment[variable], !set.isEmpty { return set + "/dossier" }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/" + relative + "/dossier"
    }

    /// "KIND-bundled.EXT" for the bundled corpus, "KIND-NAME-HASH.EXT" for a corpus at a path: NAME its
    /// folder or file name, HASH a hash of its absolute path, so two corpora with the same name keep
    /// apart and a corpus keeps its files wherever it is opened from.
    public static func fileName(_ kind: String, corpus: String?, extension: String) -> String {
        guard let corpus else { return "\(kind)-bundled.\(`extension`)" }
        let absolute = corpus.hasPrefix("/") ? corpus : FileManager.default.currentDirectoryPath + "/" + corpus
        let resolved = URL(fileURLWithPath: absolute).standardizedFileURL.path
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a: stable across runs and machines
        for byte in resolved.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let name = (resolved as NSString).lastPathComponent.replacingOccurrences(of: ".json", with: "")
        let safe = String(name.unicodeScalars.map { ($0.properties.isAlphabetic || ("0"..."9").contains($0)) && $0.isASCII ? Character($0) : "-" }.prefix(40))
        return "\(kind)-\(safe)-\(String(hash, radix: 16).prefix(12)).\(`extension`)"
    }
}
