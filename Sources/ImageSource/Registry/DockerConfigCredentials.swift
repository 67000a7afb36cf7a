import Foundation

/// Credentials from Docker's `config.json` (`$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`):
/// `credHelpers` for the host, then `auths`, then the default `credsStore`.
/// https://docs.docker.com/reference/cli/docker/login/#credential-stores
public struct DockerConfigCredentials: CredentialProvider {
    struct ConfigFile: Decodable {
        struct Auth: Decodable {
            var auth: String?
            var username: String?
            var password: String?
            var identitytoken: String?
        }

        var auths: [String: Auth]?
        var credHelpers: [String: String]?
        var credsStore: String?
    }

    let config: ConfigFile?
    let path: String
    /// Where `docker-credential-*` helpers are looked up (the environment's `PATH`).
    let helperSearchPath: String?

    public init(environment: [String: String]) {
        let directory = environment["DOCKER_CONFIG"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.docker")
        path = directory + "/config.json"
        helperSearchPath = environment["PATH"]
        config = FileManager.default.contents(atPath: path).flatMap { try? JSONDecoder().decode(ConfigFile.self, from: $0) }
    }

    public func credential(for authority: String) -> RegistryCredential? {
        guard let config else { return nil }
        let host = RegistryHost.normalize(authority)
        if let helper = config.credHelpers?.first(where: { RegistryHost.normalize($0.key) == host })?.value {
            return runHelper(helper, serverURL: Self.serverURL(for: host))
        }
        if let entry = config.auths?.first(where: { RegistryHost.normalize($0.key) == host })?.value {
            if let auth = entry.auth, let decoded = Data(base64Encoded: auth).map({ String(decoding: $0, as: UTF8.self) }),
               let colon = decoded.firstIndex(of: ":") {
                return .basic(username: String(decoded[..<colon]), password: String(decoded[decoded.index(after: colon)...]))
            }
            if let username = entry.username, let password = entry.password { return .basic(username: username, password: password) }
        }
        if let store = config.credsStore, !store.isEmpty {
            return runHelper(store, serverURL: Self.serverURL(for: host))
        }
        return nil
    }

    static func serverURL(for host: String) -> String {
        host == "docker.io" ? "https://index.docker.io/v1/" : host
    }

    /// Runs `docker-credential-NAME get` (the credential-helper protocol: server URL on stdin,
    /// `{"Username", "Secret"}` on stdout). A host program the user configured; nothing from an image.
    func runHelper(_ name: String, serverURL: String) -> RegistryCredential? {
        guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["docker-credential-\(name)", "get"]
        if let helperSearchPath {
            process.environment = ProcessInfo.processInfo.environment.merging(["PATH": helperSearchPath]) { $1 }
        }
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        input.fileHandleForWriting.write(Data(serverURL.utf8))
        try? input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        struct Answer: Decodable { var Username: String; var Secret: String }
        guard let answer = try? JSONDecoder().decode(Answer.self, from: data) else { return nil }
        if answer.Username == "<token>" { return .bearer(token: answer.Secret) }
        return .basic(username: answer.Username, password: answer.Secret)
    }
}
