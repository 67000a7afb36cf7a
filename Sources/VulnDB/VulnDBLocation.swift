import Foundation

/// Where the VulnDB lives unless `--db PATH` says otherwise: the user's data directory,
/// `$XDG_DATA_HOME/hawser/vulndb.sqlite`, else `~/.local/share/hawser/vulndb.sqlite`
/// (the XDG Base Directory spec's default, used on macOS too for one rule everywhere).
public enum VulnDBLocation {
    public static let fileName = "vulndb.sqlite"

    /// The default path; `override` (a `--db` value) wins when given. The environment is a parameter for tests.
    public static func defaultPath(override: String? = nil,
                                   environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let override, !override.isEmpty { return override }
        if let dataHome = environment["XDG_DATA_HOME"], dataHome.hasPrefix("/") {
            return dataHome + "/hawser/" + fileName
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.local/share/hawser/" + fileName
    }
}
