import ArgumentParser
import Foundation

/// `hawser policy add|list|get|activate|preview` against a server.
extension PolicyCommand {
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Upload a bundle to the server (validated there; every problem listed).")
        @OptionGroup var client: ClientOptions
        @Argument var bundle: String
        func run() async throws {
            try await runClient {
                guard let data = FileManager.default.contents(atPath: bundle),
                      let object = try? JSONSerialization.jsonObject(with: data) else { throw ServiceClientError(status: 0, message: "cannot read JSON from \(bundle)") }
                let reply = try await client.client().request(.POST, "/policies", body: object)
                if client.output == "json" { return ClientOutput.json(reply) }
                print("added \(ClientOutput.string((reply as? [String: Any])?["policyId"])) (active: \(ClientOutput.string((reply as? [String: Any])?["active"])))")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the server's bundles.")
        @OptionGroup var client: ClientOptions
        func run() async throws {
            try await runClient {
                let reply = try await client.client().request(.GET, "/policies?detail=false")
                if client.output == "json" { return ClientOutput.json(reply) }
                ClientOutput.table(["POLICY ID", "NAME", "ACTIVE", "UPDATED"], (reply as? [[String: Any]] ?? []).map { record in
                    ["policyId", "name", "active", "last_updated"].map { ClientOutput.string(record[$0]) }
                })
            }
        }
    }

    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a bundle stored on the server.")
        @OptionGroup var client: ClientOptions
        @Argument var id: String
        func run() async throws {
            try await runClient {
                let reply = try await client.client().request(.GET, "/policies/\(id)?detail=true")
                ClientOutput.json(((reply as? [[String: Any]])?.first?["policybundle"]) ?? reply)
            }
        }
    }

    struct Activate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make a bundle the active one.")
        @OptionGroup var client: ClientOptions
        @Argument var id: String
        func run() async throws {
            try await runClient {
                _ = try await client.client().request(.PUT, "/policies/\(id)", body: ["active": true])
                print("\(id) activated")
            }
        }
    }

    struct Preview: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show which stored images a bundle would change, without activating it.")
        @OptionGroup var client: ClientOptions
        @Argument var bundle: String
        func run() async throws {
            try await runClient {
                guard let data = FileManager.default.contents(atPath: bundle), let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                      let id = object["id"] as? String else { throw ServiceClientError(status: 0, message: "cannot read a bundle with an id from \(bundle)") }
                let reply = try await client.client().request(.POST, "/policies/\(id)/preview", body: object)
                if client.output == "json" { return ClientOutput.json(reply) }
                let changes = (reply as? [String: Any])?["changes"] as? [[String: Any]] ?? []
                print("\((reply as? [String: Any])?["images_checked"] ?? 0) image tags checked, \(changes.count) would change")
                ClientOutput.table(["TAG", "NOW", "WITH THE BUNDLE", "NEW FINDINGS", "GONE"], changes.map { change in
                    [ClientOutput.string(change["tag"]), ClientOutput.string(change["current_action"]), ClientOutput.string(change["proposed_action"]),
                     String((change["added_findings"] as? [Any])?.count ?? 0), String((change["removed_findings"] as? [Any])?.count ?? 0)]
                })
            }
        }
    }
}
