import Foundation

extension PythonLockCataloger {
    /// `Pipfile.lock` (pipenv, https://pipenv.pypa.io/en/latest/pipfile.html): JSON with `default` and
    /// `develop` sections mapping names to `{"version": "==1.2.3", …}`. Entries without a version
    /// (editable or VCS checkouts) are skipped.
    enum PipfileLock {
        struct Document: Decodable {
            var `default`: [String: Dependency]?
            var develop: [String: Dependency]?
        }

        struct Dependency: Decodable {
            var version: String?
        }

        static func parse(_ text: String, includeDevelop: Bool) throws(LockError) -> Parsed {
            let document: Document
            do { document = try JSONDecoder().decode(Document.self, from: Data(text.utf8)) } catch {
                throw LockError(message: "malformed Pipfile.lock: \(error)")
            }
            guard document.default != nil || document.develop != nil else {
                throw LockError(message: "Pipfile.lock has neither a default nor a develop section")
            }
            var parsed = Parsed()
            let sections = includeDevelop ? [document.default, document.develop] : [document.default]
            for section in sections {
                for name in (section ?? [:]).keys.sorted() {
                    guard let version = section?[name]?.version?.drop(while: { $0 == "=" }), !version.isEmpty else { continue }
                    parsed.entries.append(Entry(name: name, version: String(version)))
                }
            }
            return parsed
        }
    }
}
