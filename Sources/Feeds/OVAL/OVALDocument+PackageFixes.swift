/// Reading a patch definition's criteria as "package P is affected before version V".
extension OVALDocument {
    /// One package test of a definition: `package` is affected before `evr` (as written, e.g. `0:1.2-3`).
    struct PackageFix: Hashable {
        var package: String
        var evr: String
        var testID: String
    }

    struct PackageFixes {
        /// Distinct (package, evr) pairs, in criteria order.
        var fixes: [PackageFix] = []
        /// Broken references (missing object, state or variable, empty name), one message each.
        var problems: [String] = []
        /// Criteria tests of the asked kind, whether or not they state a fix.
        var packageTestCount = 0
        /// Element names of the non-package tests the criteria use (`uname_test`, `variable_test`…).
        var otherTestKinds: Set<String> = []
    }

    /// The fixes a definition states through tests of `kind`.
    ///
    /// Only a state with an `evr` whose operation is `less than` states a fix. The other package
    /// tests in Red Hat and Ubuntu criteria are conditions, not fixes — "signed with Red Hat
    /// redhatrelease2 key" (`signature_keyid`), an `arch`-only state, "kpatch-patch not
    /// installed" (no state), "kernel version equals …" — and are passed over without a problem.
    /// An object name given through `var_ref` (Ubuntu's USN OVAL) expands to every value of that
    /// `constant_variable`.
    func packageFixes(of definition: Definition, kind: PackageKind) -> PackageFixes {
        var result = PackageFixes()
        var seen = Set<[String]>()
        var seenTests = Set<String>()
        for criterion in definition.criteria where seenTests.insert(criterion.testRef).inserted {
            guard let test = packageTests[criterion.testRef], test.kind == kind else {
                if let other = otherTests[criterion.testRef] { result.otherTestKinds.insert(other) }
                continue
            }
            let ref = criterion.testRef
            result.packageTestCount += 1
            guard let stateRef = test.stateRef else { continue }
            guard let state = packageStates[stateRef] else {
                result.problems.append("\(kind.rawValue)_test \(ref) refers to no \(kind.rawValue)_state (\(stateRef))")
                continue
            }
            guard state.evrOperation == "less than" else { continue }
            guard let evr = state.evr, !evr.isEmpty else {
                result.problems.append("\(kind.rawValue)_state \(stateRef) has an empty evr")
                continue
            }
            guard let objectRef = test.objectRef, let object = packageObjects[objectRef] else {
                result.problems.append("\(kind.rawValue)_test \(ref) refers to no \(kind.rawValue)_object")
                continue
            }
            let names: [String]
            if let variable = object.nameVariable {
                guard let values = constantVariables[variable] else {
                    result.problems.append("\(kind.rawValue)_object \(objectRef) names its package through \(variable), which is no constant_variable")
                    continue
                }
                names = values
            } else {
                names = object.name.map { [$0] } ?? []
            }
            let packages = names.filter { !$0.isEmpty }
            guard !packages.isEmpty else {
                result.problems.append("\(kind.rawValue)_object \(objectRef) has no package name (empty <name/> or variable)")
                continue
            }
            for package in packages where seen.insert([package, evr]).inserted {
                result.fixes.append(PackageFix(package: package, evr: evr, testID: ref))
            }
        }
        return result
    }
}
