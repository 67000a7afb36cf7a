import Model
import Testing

@Suite("Platform")
struct PlatformTests {
    @Test(arguments: [
        ("linux/arm64/v8", "linux", "arm64", "v8"),
        ("linux/amd64", "linux", "amd64", nil),
        ("amd64", "linux", "amd64", nil),
        ("windows/amd64", "windows", "amd64", nil),
        ("linux/arm/v7", "linux", "arm", "v7"),
    ] as [(String, String, String, String?)])
    func parses(_ text: String, os: String, architecture: String, variant: String?) throws {
        let platform = try Platform(parsing: text)
        #expect(platform.os == os)
        #expect(platform.architecture == architecture)
        #expect(platform.variant == variant)
    }

    @Test(arguments: ["", "linux/", "/amd64", "linux//v8", "linux/arm/", "linux/arm/v7/extra"])
    func rejects(_ text: String) {
        let error = #expect(throws: ModelError.self) { try Platform(parsing: text) }
        #expect(error == .invalidPlatform(text))
    }

    @Test func descriptionOmitsMissingVariantAndEmptyVariantIsNil() {
        #expect(Platform(os: "linux", architecture: "amd64").description == "linux/amd64")
        #expect(Platform(os: "linux", architecture: "arm", variant: "v6").description == "linux/arm/v6")
        #expect(Platform(os: "linux", architecture: "amd64", variant: "").variant == nil)
    }

    /// (image platform, requested platform, image satisfies the request)
    @Test(arguments: [
        ("linux/arm64", "linux/arm64/v8", true),
        ("linux/arm64/v8", "linux/arm64", true),
        ("linux/aarch64", "linux/arm64", true),
        ("linux/arm64", "linux/aarch64/v8", true),
        ("linux/x86_64", "linux/amd64", true),
        ("linux/amd64", "linux/x86-64", true),
        ("linux/amd64/v1", "linux/amd64", true),
        ("Linux/AMD64", "linux/amd64", true),
        ("linux/arm", "linux/arm/v7", true),
        ("linux/armhf", "linux/arm/v7", true),
        ("linux/armel", "linux/arm/v6", true),
        // A bare request (no variant after normalisation) accepts any variant.
        ("linux/amd64/v3", "linux/amd64", true),
        ("linux/riscv64/rva23", "linux/riscv64", true),
        ("linux/arm/v7", "linux/arm/v6", false),
        ("linux/arm/v6", "linux/arm/v7", false),
        ("linux/amd64", "linux/amd64/v3", false),
        ("linux/arm64", "linux/arm64/v9", false),
        ("linux/amd64", "linux/arm64", false),
        ("windows/amd64", "linux/amd64", false),
        ("linux/386", "linux/amd64", false),
    ])
    func matches(_ image: String, _ wanted: String, _ expected: Bool) throws {
        #expect(try Platform(parsing: image).matches(try Platform(parsing: wanted)) == expected)
    }

    @Test func normalizedSpelling() throws {
        #expect(try Platform(parsing: "linux/aarch64").normalized.description == "linux/arm64/v8")
        #expect(try Platform(parsing: "Linux/X86_64").normalized.description == "linux/amd64")
        #expect(try Platform(parsing: "linux/armhf").normalized.description == "linux/arm/v7")
    }
}
