/// The parts of a Debian OVAL 5.11.2 document the transformer uses, as read by
/// `DebianOVALParser`: definitions with their metadata and criterion test references, and the
/// `dpkginfo` tests, objects and states those references resolve through.
///
/// OVAL Language 5.11.2, oval-definitions-schema.xsd and linux-definitions-schema.xsd
/// (`dpkginfo_test`/`dpkginfo_object`/`dpkginfo_state`); Debian adds a `<debian>` metadata
/// extension with `<dsa>`, `<date>` and `<moreinfo>`.
struct DebianOVALDocument {
    struct Reference {
        var source: String
        var id: String
        var url: String?
    }

    struct Definition {
        var id: String
        var definitionClass: String
        /// Line of the `<definition>` start tag, for diagnostics.
        var line: Int
        var title = ""
        var platforms: [String] = []
        var products: [String] = []
        var references: [Reference] = []
        var description = ""
        /// `<debian><dsa>` values (`DSA-5418`, sometimes `DLA-…`).
        var advisories: [String] = []
        var date: String?
        var moreInfo = ""
        /// A `<debian><urgency>` or `<severity>` when a generator adds one (Debian's does not today).
        var urgency: String?
        /// `test_ref` of every `<criterion>`, in document order.
        var testRefs: [String] = []
    }

    struct DpkgTest {
        var objectRef: String?
        var stateRef: String?
    }

    struct DpkgState {
        var evr: String?
        var operation: String?
        var datatype: String?
    }

    var definitions: [Definition] = []
    var dpkgTests: [String: DpkgTest] = [:]
    /// `dpkginfo_object` id → package name (nil when the name is not literal, e.g. a `var_ref`).
    var dpkgObjects: [String: String?] = [:]
    var dpkgStates: [String: DpkgState] = [:]
}
