import Foundation

/// Credentials for one registry, however they were found.
public enum RegistryCredential: Sendable, Hashable {
    case basic(username: String, password: String)
    /// A bearer token sent as is (`HAWSER_REGISTRY_AUTH_TOKEN`).
    case bearer(token: String)

    var basicAuthorization: String? {
        guard case .basic(let username, let password) = self else { return nil }
        return "Basic " + Data("\(username):\(password)".utf8).base64EncodedString()
    }
}

/// Finds credentials for a registry host.
public protocol CredentialProvider: Sendable {
    func credential(for authority: String) -> RegistryCredential?
}

/// Tries each provider in order.
public struct ChainedCredentials: CredentialProvider {
    public var providers: [any CredentialProvider]

    public init(_ providers: [any CredentialProvider]) { self.providers = providers }

    public func credential(for authority: String) -> RegistryCredential? {
        for provider in providers {
            if let found = provider.credential(for: authority) { return found }
        }
        return nil
    }
}

/// `HAWSER_REGISTRY_AUTH_{AUTHORITY,USERNAME,PASSWORD,TOKEN}`, as Syft's `SYFT_REGISTRY_AUTH_*`.
/// Without an authority the credentials apply to every registry.
public struct EnvironmentCredentials: CredentialProvider {
    public var authority: String?
    public var username: String?
    public var password: String?
    public var token: String?

    public init(environment: [String: String]) {
        func value(_ key: String) -> String? { environment[key].flatMap { $0.isEmpty ? nil : $0 } }
        authority = value("HAWSER_REGISTRY_AUTH_AUTHORITY")
        username = value("HAWSER_REGISTRY_AUTH_USERNAME")
        password = value("HAWSER_REGISTRY_AUTH_PASSWORD")
        token = value("HAWSER_REGISTRY_AUTH_TOKEN")
    }

    public func credential(for authority: String) -> RegistryCredential? {
        if let wanted = self.authority, RegistryHost.normalize(wanted) != RegistryHost.normalize(authority) { return nil }
        if let token { return .bearer(token: token) }
        if let username, let password { return .basic(username: username, password: password) }
        return nil
    }
}

/// Host spellings Docker treats as one registry.
enum RegistryHost {
    static func normalize(_ authority: String) -> String {
        var host = authority
        for prefix in ["https://", "http://"] where host.hasPrefix(prefix) { host.removeFirst(prefix.count) }
        if let slash = host.firstIndex(of: "/") { host = String(host[..<slash]) }
        switch host {
        case "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com": return "docker.io"
        default: return host
        }
    }

    /// Where the registry API of `registry` lives.
    static func apiHost(_ registry: String) -> String {
        registry == "docker.io" ? "registry-1.docker.io" : registry
    }
}
