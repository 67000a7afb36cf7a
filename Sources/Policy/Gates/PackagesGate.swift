import Foundation
import Model
import Versions

/// `packages`: required packages (exact or minimum version), denied packages; `verify` is not
/// supported (Hawser keeps no per-file package checksums to verify against) and never fires.
struct PackagesGate: Gate {
    let name = "packages"

    func evaluate(trigger: String, parameters: RuleParameters, input: PolicyInput) -> [TriggerFiring] {
        let packages = input.sbom.packages
        switch trigger {
        case "verify":
            // Anchore checks each directory in turn, so overlapping directories report a file twice.
            let only = Set(parameters.list("only_packages")), directories = parameters.list("only_directories")
            let check = parameters.string("check").flatMap(PackageFileProblem.Status.init(rawValue:))
            let problems = (input.sbom.packageVerification ?? []).filter { (only.isEmpty || only.contains($0.package)) && (check == nil || $0.status == check) }
            let selected = directories.isEmpty ? problems : directories.flatMap { directory in problems.filter { $0.path.hasPrefix(directory) } }
            return selected.map {
                Gates.firing(name, trigger, "VERIFY check against package db for package '\($0.package)' failed on entry '\($0.path)' with status: '\($0.status.rawValue)'")
            }
        case "required_package":
            guard let wanted = parameters.string("name") else { return [] }
            let named = packages.filter { $0.name == wanted }
            guard !named.isEmpty else { return [Gates.firing(name, trigger, "Required package (\(wanted)) not present in image")] }
            guard let version = parameters.string("version") else { return [] }
            let minimum = parameters.string("version_match_type") == "minimum"
            let satisfied = named.contains { package in
                minimum ? (Self.compare(package, package.version, version) ?? 0) >= 0 : package.version == version
            }
            return satisfied ? [] : [Gates.firing(name, trigger, "Required package (\(wanted)) present but version (\(named.map(\.version).joined(separator: ","))) does not match \(minimum ? "minimum" : "exact") \(version)")]
        case "blacklist", "denylist":
            guard let wanted = parameters.string("name") else { return [] }
            let version = parameters.string("version")
            return packages.filter { $0.name == wanted && (version == nil || $0.version == version) }.map {
                Gates.firing(name, trigger, "Package is blacklisted: \($0.name)\(version == nil ? "" : "-\($0.version)")")
            }
        default:
            return []
        }
    }

    /// Compares versions through the package type's scheme; nil when the scheme cannot read them.
    static func compare(_ package: Package, _ lhs: String, _ rhs: String) -> Int? {
        let format: VersionFormat
        switch package.type {
        case .deb: format = .deb
        case .rpm: format = .rpm
        case .apk: format = .apk
        case .python: format = .pep440
        case .gem: format = .gem
        case .javaArchive: format = .maven
        case .goModule: format = .go
        default: format = .semver
        }
        guard let left = try? Version(parsing: lhs, format: format), let right = try? Version(parsing: rhs, format: format) else { return nil }
        return try? left.compare(to: right)
    }
}
