import Model

/// Every matcher, explicitly listed: adding an ecosystem is one line here.
public enum Matchers {
    public static let all: [any Matcher] = [
        DistroPackageMatcher(name: "dpkg-matcher", type: .deb),
        DistroPackageMatcher(name: "apk-matcher", type: .apk),
        DistroPackageMatcher(name: "rpm-matcher", type: .rpm),
        EcosystemMatcher(name: "python-matcher", type: .python, namespace: "pypi", names: EcosystemNames.pypi),
        EcosystemMatcher(name: "javascript-matcher", type: .npm, namespace: "npm", names: EcosystemNames.asIs),
        // Before the java matcher: it takes the archives without Maven coordinates (and binaries),
        // which no ecosystem feed can name.
        CPEMatcher(),
        EcosystemMatcher(name: "java-matcher", type: .javaArchive, namespace: "maven", names: EcosystemNames.maven),
        EcosystemMatcher(name: "go-module-matcher", type: .goModule, namespace: "go", names: EcosystemNames.go,
                         version: { $0.name == "stdlib" ? String($0.version.drop { !$0.isNumber }) : $0.version }),
        EcosystemMatcher(name: "rust-matcher", type: .rustCrate, namespace: "crates.io", names: EcosystemNames.asIs),
        EcosystemMatcher(name: "ruby-gem-matcher", type: .gem, namespace: "rubygems", names: EcosystemNames.asIs),
        EcosystemMatcher(name: "php-composer-matcher", type: .phpComposer, namespace: "packagist", names: EcosystemNames.lowercased),
        EcosystemMatcher(name: "dotnet-matcher", type: .dotnet, namespace: "nuget", names: EcosystemNames.lowercased),
    ]
}
