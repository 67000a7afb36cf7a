/// An image platform (`linux/arm64/v8`), compared after the normalisation containerd applies:
/// `arm64` implies variant `v8`, `arm` implies `v7`, `x86_64` is `amd64`, `aarch64` is `arm64`.
public struct Platform: Sendable, Hashable, Codable, CustomStringConvertible {
    public var os: String
    public var architecture: String
    public var variant: String?

    public init(os: String, architecture: String, variant: String? = nil) {
        self.os = os
        self.architecture = architecture
        self.variant = variant.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Parses `os/arch[/variant]`; a bare `arch` means linux.
    public init(parsing text: String) throws(ModelError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        switch parts.count {
        case 1 where !parts[0].isEmpty: self.init(os: "linux", architecture: parts[0])
        case 2 where !parts[0].isEmpty && !parts[1].isEmpty: self.init(os: parts[0], architecture: parts[1])
        case 3 where !parts.contains(where: \.isEmpty): self.init(os: parts[0], architecture: parts[1], variant: parts[2])
        default: throw .invalidPlatform(text)
        }
    }

    /// The platform this program runs on.
    public static var host: Platform {
        #if arch(arm64)
        return Platform(os: "linux", architecture: "arm64", variant: "v8")
        #else
        return Platform(os: "linux", architecture: "amd64")
        #endif
    }

    public var description: String {
        [os, architecture, variant].compactMap { $0 }.joined(separator: "/")
    }

    /// The canonical spelling used for comparisons.
    public var normalized: Platform {
        var arch = architecture.lowercased()
        var variant = self.variant?.lowercased()
        switch arch {
        case "x86_64", "x86-64": arch = "amd64"
        case "aarch64": arch = "arm64"
        case "armhf": arch = "arm"; variant = variant ?? "v7"
        case "armel": arch = "arm"; variant = variant ?? "v6"
        default: break
        }
        if arch == "arm64" && variant == nil { variant = "v8" }
        if arch == "arm" && variant == nil { variant = "v7" }
        if arch == "amd64" && variant == "v1" { variant = nil }
        return Platform(os: os.lowercased(), architecture: arch, variant: variant)
    }

    /// Whether an image built for `self` satisfies a request for `wanted`.
    public func matches(_ wanted: Platform) -> Bool {
        let a = normalized, b = wanted.normalized
        return a.os == b.os && a.architecture == b.architecture && (b.variant == nil || a.variant == b.variant)
    }
}
