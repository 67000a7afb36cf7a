/// A registry image reference, normalised the way Docker and Anchore do:
/// `alpine` → `docker.io/library/alpine:latest`.
///
/// Grammar: https://github.com/distribution/reference (reference.go). The first path component is
/// a registry host when it contains `.` or `:`, or is `localhost`; otherwise the image lives on Docker Hub.
public struct ImageReference: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Registry host with optional port, e.g. `docker.io`, `127.0.0.1:5000`.
    public let registry: String
    /// Repository path, e.g. `library/alpine`.
    public let repository: String
    public let tag: String?
    public let digest: Digest?

    public static let dockerHub = "docker.io"
    public static let defaultTag = "latest"

    public init(registry: String, repository: String, tag: String?, digest: Digest?) {
        self.registry = registry
        self.repository = repository
        self.tag = tag
        self.digest = digest
    }

    /// Parses and normalises; a reference with neither tag nor digest gets `latest`.
    public init(parsing text: String) throws(ModelError) {
        guard !text.isEmpty else { throw .invalidReference(text, reason: "empty") }
        guard text.count <= 4096, !text.contains(where: { $0.isWhitespace }) else {
            throw .invalidReference(text, reason: "contains whitespace or is too long")
        }
        var remainder = Substring(text)
        var digest: Digest?
        if let at = remainder.firstIndex(of: "@") {
            digest = try Digest(parsing: String(remainder[remainder.index(after: at)...]))
            remainder = remainder[..<at]
        }
        var tag: String?
        // A tag follows the last ':' only if no '/' comes after it (else the ':' is a port).
        if let colon = remainder.lastIndex(of: ":"), !remainder[colon...].contains("/") {
            tag = String(remainder[remainder.index(after: colon)...])
            remainder = remainder[..<colon]
            guard let tag, Self.isValidTag(tag) else {
                throw .invalidReference(text, reason: "invalid tag '\(tag ?? "")'")
            }
        }
        var components = remainder.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard !components.isEmpty, !components.contains(where: \.isEmpty) else {
            throw .invalidReference(text, reason: "empty path component")
        }
        var registry = Self.dockerHub
        if components.count > 1, let first = components.first,
           first.contains(".") || first.contains(":") || first == "localhost" || first != first.lowercased() {
            registry = first
            components.removeFirst()
        }
        if registry == "index.docker.io" || registry == "registry-1.docker.io" { registry = Self.dockerHub }
        if registry == Self.dockerHub && components.count == 1 { components.insert("library", at: 0) }
        for component in components where !Self.isValidPathComponent(component) {
            throw .invalidReference(text, reason: "repository component '\(component)' must be lowercase letters, digits and separators (. _ __ -)")
        }
        if tag == nil && digest == nil { tag = Self.defaultTag }
        self.init(registry: registry, repository: components.joined(separator: "/"), tag: tag, digest: digest)
    }

    /// `registry/repository`, the name without tag or digest.
    public var name: String { "\(registry)/\(repository)" }

    /// What to ask the registry for: the digest when pinned, else the tag.
    public var manifestReference: String { digest?.description ?? tag ?? Self.defaultTag }

    /// The fully qualified form, e.g. `docker.io/library/alpine:latest`.
    public var description: String {
        var text = name
        if let tag { text += ":\(tag)" }
        if let digest { text += "@\(digest)" }
        return text
    }

    /// The same reference pinned to `digest` (the tag is kept for display).
    public func pinned(to digest: Digest) -> ImageReference {
        ImageReference(registry: registry, repository: repository, tag: tag, digest: digest)
    }

    static func isValidTag(_ tag: String) -> Bool {
        guard let first = tag.utf8.first, tag.utf8.count <= 128 else { return false }
        func word(_ c: UInt8) -> Bool { (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c == 0x5f }
        return word(first) && tag.utf8.allSatisfy { word($0) || $0 == 0x2e || $0 == 0x2d }
    }

    static func isValidPathComponent(_ component: String) -> Bool {
        // [a-z0-9]+ ((\.|_|__|-+) [a-z0-9]+)*
        let bytes = Array(component.utf8)
        func alnum(_ c: UInt8) -> Bool { (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) }
        guard let first = bytes.first, let last = bytes.last, alnum(first), alnum(last) else { return false }
        var index = 0
        while index < bytes.count {
            if alnum(bytes[index]) { index += 1; continue }
            var separatorEnd = index
            while separatorEnd < bytes.count && !alnum(bytes[separatorEnd]) { separatorEnd += 1 }
            let separator = bytes[index..<separatorEnd]
            let ok = separator.elementsEqual([0x2e]) || separator.elementsEqual([0x5f]) || separator.elementsEqual([0x5f, 0x5f])
                || separator.allSatisfy { $0 == 0x2d }
            guard ok else { return false }
            index = separatorEnd
        }
        return true
    }
}
