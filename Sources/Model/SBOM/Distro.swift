/// The Linux distribution of an image, from os-release and friends.
public struct Distro: Sendable, Hashable, Codable {
    /// `ID` (`debian`, `alpine`, `rhel`…).
    public var id: String
    public var versionID: String?
    public var versionCodename: String?
    public var idLike: [String]
    public var prettyName: String?
    public var name: String?

    public init(id: String, versionID: String?, versionCodename: String? = nil, idLike: [String] = [], prettyName: String? = nil, name: String? = nil) {
        self.id = id
        self.versionID = versionID
        self.versionCodename = versionCodename
        self.idLike = idLike
        self.prettyName = prettyName
        self.name = name
    }

    /// The major version (`12` of `12.4`), which vulnerability namespaces key on.
    public var majorVersion: String? { versionID?.split(separator: ".").first.map(String.init) }
}
