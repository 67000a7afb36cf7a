import Crypto
import Foundation

/// Seals registry passwords at rest with AES-256-GCM under the service's key
/// (`HAWSER_SECRET_KEY`, base64 of 32 bytes, or a key file written once with mode 0600).
public struct SecretBox: Sendable {
    let key: SymmetricKey

    public init(key: SymmetricKey) { self.key = key }

    /// The key from `HAWSER_SECRET_KEY`, else from `file` (created with a fresh random key when missing).
    public static func load(environment: [String: String], file: String) throws(ServiceError) -> SecretBox {
        if let text = environment["HAWSER_SECRET_KEY"], !text.isEmpty {
            guard let bytes = Data(base64Encoded: text), bytes.count == 32 else {
                throw .badRequest("HAWSER_SECRET_KEY must be the base64 of 32 bytes")
            }
            return SecretBox(key: SymmetricKey(data: bytes))
        }
        if let bytes = FileManager.default.contents(atPath: file) {
            guard bytes.count == 32 else { throw .unavailable("secret key file \(file) is not 32 bytes long") }
            return SecretBox(key: SymmetricKey(data: bytes))
        }
        let key = SymmetricKey(size: .bits256)
        let data = key.withUnsafeBytes { Data($0) }
        try? FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: file, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw .unavailable("cannot write the secret key file \(file)")
        }
        return SecretBox(key: key)
    }

    public func seal(_ text: String) throws(ServiceError) -> Data {
        do {
            guard let combined = try AES.GCM.seal(Data(text.utf8), using: key).combined else {
                throw ServiceError.unavailable("sealing produced no output")
            }
            return combined
        } catch let error as ServiceError { throw error } catch { throw .unavailable("cannot seal a secret: \(error)") }
    }

    public func open(_ sealed: Data) throws(ServiceError) -> String {
        do {
            return String(decoding: try AES.GCM.open(AES.GCM.SealedBox(combined: sealed), using: key), as: UTF8.self)
        } catch {
            throw .unavailable("a stored registry secret cannot be opened with this key (was HAWSER_SECRET_KEY changed?)")
        }
    }
}
