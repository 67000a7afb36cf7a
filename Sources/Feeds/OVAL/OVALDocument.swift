/// The parts of an OVAL definitions document the distro transformers use, as read by
/// `OVALParser`: definitions with their metadata and criterion test references, the package
/// tests (`dpkginfo_test`, `rpminfo_test`) with the objects and states they point to, and the
/// `constant_variable`s object names can refer to.
///
/// OVAL Language 5.10–5.11.2: oval-definitions-schema.xsd (definitions, criteria, variables) and
/// linux-definitions-schema.xsd (`dpkginfo_*`, `rpminfo_*`). Vendor metadata read as well:
/// Debian's `<debian>` extension (`<dsa>`, `<date>`, `<moreinfo>`), and the `<advisory>` element
/// Canonical, Red Hat and Rocky add (`<severity>`, `<issued>`, `<updated>`, `<cve …>`).
struct OVALDocument {
    struct Reference {
        var source: String
        var id: String
        var url: String?
    }

    /// A `<criterion>`: the test it evaluates and the generator's comment for it
    /// (`Red Hat Enterprise Linux 9 is installed`, `gzip is earlier than 0:1.10-9.el9_0`).
    struct Criterion {
        var testRef: String
        var comment: String?
    }

    /// An `<advisory><cve>` entry: the CVE id (element text) and its attributes as written
    /// (`priority`, `impact`, `public`, `cvss3`, `cvss_score`, `cvss_vector`, `href`, `usns`…).
    struct AdvisoryCVE {
        var id: String
        var attributes: [String: String]
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
        /// `<advisory from="…">` (`security@ubuntu.com`, `cpe:/o:rocky:rocky:9:GA`).
        var advisoryFrom: String?
        /// `<advisory><severity>`: the advisory-wide rating (`High`, `Important`…).
        var severity: String?
        /// `<advisory><issued date>` and `<updated date>`.
        var issued: String?
        var updated: String?
        var advisoryCVEs: [AdvisoryCVE] = []
        /// `<advisory><affected_cpe_list><cpe>` (`cpe:/o:redhat:enterprise_linux:9`).
        var affectedCPEs: [String] = []
        /// `<debian><dsa>` values (`DSA-5418`, sometimes `DLA-…`).
        var debianAdvisories: [String] = []
        var debianDate: String?
        var debianMoreInfo = ""
        /// A `<debian><urgency>` or `<severity>` when a generator adds one (Debian's does not today).
        var debianUrgency: String?
        /// Every `<criterion>`, in document order (the criteria tree's operators are not kept:
        /// the transformers read each package test as "this package before this version").
        var criteria: [Criterion] = []

        var testRefs: [String] { criteria.map(\.testRef) }
    }

    /// Which linux-definitions package test family a test, object or state belongs to.
    enum PackageKind: String {
        case dpkg = "dpkginfo"
        case rpm = "rpminfo"
    }

    struct PackageTest {
        var kind: PackageKind
        var objectRef: String?
        var stateRef: String?
        var comment: String?
    }

    /// A `dpkginfo_object`/`rpminfo_object`: a literal `<name>` or one taken from a variable.
    struct PackageObject {
        var kind: PackageKind
        /// The literal name; nil when the `<name>` uses `var_ref` (or is missing).
        var name: String?
        var nameVariable: String?
    }

    /// A `dpkginfo_state`/`rpminfo_state`, with the fields the feeds use.
    struct PackageState {
        var kind: PackageKind
        var evr: String?
        /// The `evr` element's `operation` (`less than`, `equals`…; OVAL's default is `equals`).
        var evrOperation: String?
        var evrDatatype: String?
        var arch: String?
        var signatureKeyID: String?
    }

    var definitions: [Definition] = []
    var packageTests: [String: PackageTest] = [:]
    /// Element names of the other tests (`textfilecontent54_test`, `uname_test`, `variable_test`…), by id.
    var otherTests: [String: String] = [:]
    var packageObjects: [String: PackageObject] = [:]
    var packageStates: [String: PackageState] = [:]
    /// `constant_variable` id → its `<value>`s.
    var constantVariables: [String: [String]] = [:]
    /// `<generator><product_name>` (`Canonical USN OVAL Generator`, `Red Hat OVAL Patch Definition Merger`).
    var generator: String?
}
