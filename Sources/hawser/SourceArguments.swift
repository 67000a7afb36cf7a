import ArgumentParser
import Engine
import Foundation
import ImageSource
import Model

/// Options every command that reads an image takes.
struct SourceArguments: ParsableArguments {
    @Argument(help: "The image: registry:REF (or a bare REF), oci-dir:PATH, oci-archive:PATH, docker-archive:PATH, dir:PATH.")
    var source: String

    @Option(help: "Platform to select from a multi-platform image, e.g. linux/arm64/v8 (default: this machine's).")
    var platform: String?

    @Flag(name: .customLong("insecure-http"), help: "Talk plain HTTP to the registry (also HAWSER_REGISTRY_INSECURE_USE_HTTP=true).")
    var insecureHTTP = false

    @Option(name: .customLong("cache-dir"), help: "Blob cache directory (default: $HAWSER_CACHE_DIR, else ~/.cache/hawser).")
    var cacheDirectory: String?

    func engine() throws -> Engine {
        var options = SourceOptions.fromEnvironment(ProcessInfo.processInfo.environment)
        if let platform {
            do { options.platform = try Platform(parsing: platform) } catch { throw ValidationError(error.description) }
        }
        if insecureHTTP { options.insecureHTTP = true }
        if let cacheDirectory { options.cacheDirectory = cacheDirectory }
        return Engine(sourceOptions: options, progress: TerminalProgress.ifTerminal())
    }
}

/// Output formats of the listing commands.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
}

/// Prints an engine error the way every command does, and exits 1.
func fail(_ error: any Error) -> ExitCode {
    let message = String(describing: error)
    FileHandle.standardError.write(Data("hawser: error: \(message)\n".utf8))
    return ExitCode(1)
}
