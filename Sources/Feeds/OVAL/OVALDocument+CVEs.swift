extension OVALDocument.Definition {
    /// One CVE an advisory definition names, with the vendor's own `<advisory><cve>` attributes
    /// (Ubuntu's `priority` and `cvss_vector`, Red Hat's `impact` and `cvss3`).
    struct NamedCVE {
        var id: String
        var url: String?
        var attributes: [String: String] = [:]
    }

    /// The CVEs the definition lists: `<reference source="CVE">` in document order, joined with
    /// the `<advisory><cve>` entries (which may name CVEs the references do not).
    var namedCVEs: [NamedCVE] {
        var byID: [String: NamedCVE] = [:]
        var order: [String] = []
        for reference in references where reference.source == "CVE" && byID[reference.id] == nil {
            byID[reference.id] = NamedCVE(id: reference.id, url: reference.url)
            order.append(reference.id)
        }
        for entry in advisoryCVEs where entry.id.hasPrefix("CVE-") {
            if byID[entry.id] == nil { order.append(entry.id) }
            var cve = byID[entry.id] ?? NamedCVE(id: entry.id)
            cve.attributes.merge(entry.attributes) { _, new in new }
            cve.url = cve.url ?? entry.attributes["href"]
            byID[entry.id] = cve
        }
        return order.compactMap { byID[$0] }
    }
}
