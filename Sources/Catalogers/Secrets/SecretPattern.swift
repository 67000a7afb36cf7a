import Foundation

/// A named pattern searched for in file contents. `literals` are cheap hints: a file (or line)
/// without any of them is not run through the regular expression at all.
public struct SecretPattern: Sendable, Hashable {
    public var name: String
    public var expression: String
    public var literals: [String]

    public init(name: String, expression: String, literals: [String]) {
        self.name = name
        self.expression = expression
        self.literals = literals
    }

    /// A user's `NAME=REGEX` entry (nil when either side is empty). No literal hint is known for
    /// it, so every text file goes through the expression. `namedByEntry` names the pattern by the
    /// whole entry, as Anchore's content search reports its matches.
    public init?(definition: String, namedByEntry: Bool = false) {
        let parts = definition.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        self.init(name: namedByEntry ? definition : parts[0], expression: parts[1], literals: [])
    }

    /// Anchore's default secret search patterns, in spirit: AWS keys, private keys, Docker auth, generic API keys.
    public static let defaults: [SecretPattern] = [
        SecretPattern(name: "aws-access-key", expression: #"(?<![A-Z0-9])(AKIA|ASIA)[0-9A-Z]{16}(?![A-Z0-9])"#, literals: ["AKIA", "ASIA"]),
        SecretPattern(name: "aws-secret-key", expression: #"(?i)aws_?secret_?(access_?)?key["']?\s*[:=]\s*["']?[A-Za-z0-9/+=]{40}"#,
                      literals: ["secret", "SECRET", "Secret"]),
        SecretPattern(name: "private-key", expression: #"-----BEGIN (RSA |DSA |EC |OPENSSH |ENCRYPTED )?PRIVATE KEY-----"#, literals: ["PRIVATE KEY-----"]),
        SecretPattern(name: "docker-auth", expression: #""auths"\s*:\s*\{\s*"[^"]+"\s*:\s*\{\s*"auth"\s*:\s*"[A-Za-z0-9+/=]{8,}""#, literals: ["\"auths\""]),
        SecretPattern(name: "generic-api-key", expression: #"(?i)(api[_-]?key|apikey|api[_-]?secret)["']?\s*[:=]\s*["']?[A-Za-z0-9_\-]{20,}"#,
                      literals: ["api", "API", "Api"]),
    ]
}
