extension PackageMetadata {
    /// The files the package's database says it owns (dpkg, apk, Python RECORD, RPM, gemspec); empty
    /// for the other ecosystems. Setting it on those is a no-op. The service stores these lists apart
    /// from the SBOM's packages, as they are most of its size.
    public var ownedFiles: [String] {
        get {
            switch self {
            case .dpkg(let metadata): metadata.files
            case .apk(let metadata): metadata.files
            case .python(let metadata): metadata.files
            case .rpm(let metadata): metadata.files
            case .gem(let metadata): metadata.files
            default: []
            }
        }
        set {
            switch self {
            case .dpkg(var metadata): metadata.files = newValue; self = .dpkg(metadata)
            case .apk(var metadata): metadata.files = newValue; self = .apk(metadata)
            case .python(var metadata): metadata.files = newValue; self = .python(metadata)
            case .rpm(var metadata): metadata.files = newValue; self = .rpm(metadata)
            case .gem(var metadata): metadata.files = newValue; self = .gem(metadata)
            default: break
            }
        }
    }
}
