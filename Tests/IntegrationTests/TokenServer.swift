import Crypto
import Foundation

/// A Docker registry token server (https://distribution.github.io/distribution/spec/auth/token/)
/// for the token-auth test registry: checks basic credentials, then issues an ES256 JWT with the
/// certificate in `x5c`, granting what the `scope` asks for. See ImageSourceTests/TOKEN_AUTH_NOTES.md.
struct TokenServer {
    var key: P256.Signing.PrivateKey
    /// The certificate's DER in standard base64 (the PEM body, joined).
    var certificate: String
    var issuer: String
    var service: String
    var username: String
    var password: String

    init(keyPath: String, certificatePath: String, issuer: String, service: String, username: String, password: String) throws {
        key = try P256.Signing.PrivateKey(pemRepresentation: String(contentsOfFile: keyPath, encoding: .utf8))
        certificate = try String(contentsOfFile: certificatePath, encoding: .utf8)
            .split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
        self.issuer = issuer
        self.service = service
        self.username = username
        self.password = password
    }

    func respond(_ request: TestHTTPServer.Request) -> TestHTTPServer.Response {
        let expected = "Basic " + Data("\(username):\(password)".utf8).base64EncodedString()
        guard request.header("Authorization") == expected else {
            return .init(status: 401, headers: [("Content-Type", "application/json")], body: Array(#"{"details":"invalid username or password"}"#.utf8))
        }
        let scopes = request.query.filter { $0.0 == "scope" }.map(\.1)
        guard let token = try? token(subject: username, scopes: scopes) else { return .init(status: 500) }
        let body = #"{"token":"\#(token)","access_token":"\#(token)","expires_in":300}"#
        return .init(status: 200, headers: [("Content-Type", "application/json")], body: Array(body.utf8))
    }

    func token(subject: String, scopes: [String]) throws -> String {
        let now = Int(Date().timeIntervalSince1970)
        let access: [[String: Any]] = scopes.compactMap { scope in
            let parts = scope.split(separator: ":").map(String.init)
            guard parts.count == 3 else { return nil }
            return ["type": parts[0], "name": parts[1], "actions": parts[2].split(separator: ",").map(String.init)]
        }
        let header: [String: Any] = ["typ": "JWT", "alg": "ES256", "x5c": [certificate]]
        let claims: [String: Any] = ["iss": issuer, "sub": subject, "aud": service, "exp": now + 300, "nbf": now - 10,
                                     "iat": now, "jti": UUID().uuidString, "access": access]
        let signingInput = Self.base64URL(try JSONSerialization.data(withJSONObject: header))
            + "." + Self.base64URL(try JSONSerialization.data(withJSONObject: claims))
        let signature = try key.signature(for: Data(signingInput.utf8))
        return signingInput + "." + Self.base64URL(signature.rawRepresentation)
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
