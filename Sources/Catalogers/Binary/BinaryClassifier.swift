import Model

/// One kind of executable or library recognized by a version signature in its bytes, after Syft's
/// binary classifiers (`syft/pkg/cataloger/binary/classifiers.go`): which files to open, what to
/// look for, and which package a hit means.
struct BinaryClassifier: Sendable {
    /// Syft's class name (`python-binary`), used in diagnostics.
    var name: String
    /// Files to open, by path. A symlink they select stands for the regular file it leads to.
    var globs: [String]
    /// An ICU regular expression the (real) base name must match entirely; its `version` group fills the
    /// `{version}` slot of template patterns (`python3.11` → look for `3.11.…`).
    var fileName: String?
    var package: Identity
    /// Tried in order; the first that yields a version decides.
    var evidence: [Evidence]
    /// Paths relative to the file's directory: when a package was already found at one of them this
    /// file adds nothing (a JDK's `release` beside its `bin/java`).
    var yieldsTo: [String] = []

    init(name: String, globs: [String], fileName: String? = nil, package: Identity, evidence: [Evidence], yieldsTo: [String] = []) {
        self.name = name
        self.globs = globs
        self.fileName = fileName
        self.package = package
        self.evidence = evidence
        self.yieldsTo = yieldsTo
    }

    /// What a hit reports: Syft's package name, its `pkg:generic/…` PURL and the NVD CPE products.
    struct Identity: Sendable, Hashable {
        var name: String
        var purlNamespace: String?
        var purlName: String
        var cpes: [CPEProduct]

        init(name: String, purlNamespace: String? = nil, purlName: String? = nil, cpes: [CPEProduct]) {
            self.name = name
            self.purlNamespace = purlNamespace
            self.purlName = purlName ?? name
            self.cpes = cpes
        }

        func purl(version: String) -> String {
            PURL(type: "generic", namespace: purlNamespace, name: purlName, version: version).description
        }

        /// CPEs for a match. When it captured `primary` and `update` (Java 8's `1.8.0_352-b08`), they go
        /// to the CPE's version and update fields as NVD writes them (`1.8.0:update352`).
        func cpes(version: String, groups: [String: String]) -> [String] {
            cpes.map { product in
                if let primary = groups["primary"], let update = groups["update"], !update.isEmpty, update.allSatisfy(\.isNumber) {
                    let plain = CPE.make(vendor: product.vendor, product: product.product, version: primary)
                    let anyRest = ":*:*:*:*:*:*:*"
                    if plain.hasSuffix(anyRest) { return String(plain.dropLast(anyRest.count)) + ":update\(update):*:*:*:*:*:*" }
                }
                return CPE.make(vendor: product.vendor, product: product.product, version: version)
            }
        }
    }

    struct CPEProduct: Sendable, Hashable {
        var vendor: String
        var product: String

        init(_ vendor: String, _ product: String) {
            self.vendor = vendor
            self.product = product
        }
    }

    /// Where a version may be found.
    enum Evidence: Sendable {
        /// A pattern in the file's own bytes, optionally reporting another package than the classifier's
        /// default, and not applying when the file contains any of the `unless` literals.
        case contents(BinaryPattern, identity: Identity? = nil, unless: [String] = [])
        /// The evidence of a shared library the ELF file needs (`DT_NEEDED`) whose name matches the
        /// expression, found anywhere in the image by that name: a small `python3.11` launcher keeps
        /// its version in `libpython3.11.so.1.0`. The library name's `version` group fills templates.
        case sharedLibrary(named: String, evidence: [Evidence])
    }
}
