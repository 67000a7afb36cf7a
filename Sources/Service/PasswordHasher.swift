import _CryptoExtras
import Crypto
import Foundation

/// Slow salted password hashes (PBKDF2-HMAC-SHA256, OWASP's 600,000 rounds by default), stored as
/// `pbkdf2-sha256$ROUNDS$SALT$HASH` (base64) so the cost can grow without breaking old hashes.
public struct PasswordHasher: Sendable {
    public var rounds: Int

    public init(rounds: Int = 600_000) { self.rounds = rounds }

    public func hash(_ password: String) -> String {
        let salt = SymmetricKey(size: .bits128).withUnsafeBytes { Data($0) }
        let derived = Self.derive(password, salt: salt, rounds: rounds)
        return "pbkdf2-sha256$\(rounds)$\(salt.base64EncodedString())$\(derived.base64EncodedString())"
    }

    /// Whether `password` matches `stored`; constant-time in the comparison of the derived bytes.
    public func verify(_ password: String, against stored: String) -> Bool {
        let parts = stored.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "pbkdf2-sha256", let rounds = Int(parts[1]), rounds > 0,
              let salt = Data(base64Encoded: String(parts[2])), let expected = Data(base64Encoded: String(parts[3])) else { return false }
        let derived = Self.derive(password, salt: salt, rounds: rounds)
        guard derived.count == expected.count else { return false }
        var difference: UInt8 = 0
        for (a, b) in zip(derived, expected) { difference |= a ^ b }
        return difference == 0
    }

    static func derive(_ password: String, salt: Data, rounds: Int) -> Data {
        // The unchecked variant lets tests use fewer rounds; production uses `rounds` ≥ 210,000.
        let key = try? KDF.Insecure.PBKDF2.deriveKey(from: Data(password.utf8), salt: salt, using: .sha256, outputByteCount: 32,
                                                     unsafeUncheckedRounds: rounds)
        return key?.withUnsafeBytes { Data($0) } ?? Data()
    }
}
