import Foundation
import Model
import Testing

@Suite("Digest")
struct DigestTests {
    static let hex64 = String(repeating: "0123456789abcdef", count: 4)
    static let hex128 = hex64 + String(hex64.reversed())

    @Test func parsesSHA256() throws {
        let digest = try Digest(parsing: "sha256:\(Self.hex64)")
        #expect(digest.algorithm == "sha256")
        #expect(digest.encoded == Self.hex64)
        #expect(digest.description == "sha256:\(Self.hex64)")
        #expect(digest.short == "0123456789ab")
    }

    @Test func parsesSHA512() throws {
        let digest = try Digest(parsing: "sha512:\(Self.hex128)")
        #expect(digest.algorithm == "sha512")
        #expect(digest.encoded == Self.hex128)
    }

    @Test(arguments: [
        "",
        "sha256",
        "sha256:",
        ":\(hex64)",
        "sha256:\(hex64.uppercased())",
        "sha256:\(hex64.dropLast())",
        "sha256:\(hex64)0",
        "sha256:\(hex64.dropLast())g",
        "sha512:\(hex64)",
        "sha256:\(hex128)",
        "md5:0123456789abcdef0123456789abcdef",
        "SHA256:\(hex64)",
        "sha384:\(hex64)\(hex64.prefix(32))",
        " sha256:\(hex64)",
    ])
    func rejects(_ text: String) {
        let error = #expect(throws: ModelError.self) { try Digest(parsing: text) }
        #expect(error == .invalidDigest(text))
    }

    @Test func sha256OfKnownVectors() {
        #expect(Digest.sha256(of: Array("abc".utf8)).description
            == "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Digest.sha256(of: [UInt8]()).encoded
            == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func codableRoundTripIsTheBareString() throws {
        let digest = try Digest(parsing: "sha256:\(Self.hex64)")
        let json = try JSONEncoder().encode([digest])
        #expect(String(decoding: json, as: UTF8.self) == "[\"sha256:\(Self.hex64)\"]")
        #expect(try JSONDecoder().decode([Digest].self, from: json) == [digest])
    }

    @Test func decodingAnInvalidDigestFails() {
        let json = Data("[\"sha256:\(Self.hex64.uppercased())\"]".utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Digest].self, from: json) }
    }

    @Test func ordersByTextualForm() throws {
        let low = try Digest(parsing: "sha256:" + String(repeating: "0", count: 64))
        let high = try Digest(parsing: "sha256:" + String(repeating: "f", count: 64))
        let other = try Digest(parsing: "sha512:" + String(repeating: "0", count: 128))
        #expect([other, high, low].sorted() == [low, high, other])
    }

    @Test func hexStringIsLowercaseTwoDigitsPerByte() {
        #expect(([0x00, 0x0f, 0xa0, 0xff] as [UInt8]).hexString == "000fa0ff")
    }
}
