import ArgumentParser
import Foundation

/// `hawser image …`: images on a Hawser server (or any Anchore Engine v1 API).
struct ImageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "image", abstract: "Add, wait for, list and read images on a Hawser server.",
        subcommands: [Add.self, Wait.self, List.self, Get.self, Vuln.self, Content.self, Check.self, Delete.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Queue an image (by tag) for analysis.")
        @OptionGroup var client: ClientOptions
        @Argument(help: "registry/repository:tag") var image: String
        @Flag(help: "Analyze again even when already analyzed.") var force = false
        @Option(help: "Dockerfile the image was built from.") var dockerfile: String?

        func run() async throws {
            try await runClient {
                let api = try client.client()
                var body: [String: Any] = ["tag": image]
                if let dockerfile {
                    guard let text = FileManager.default.contents(atPath: dockerfile) else { throw ServiceClientError(status: 0, message: "cannot read \(dockerfile)") }
                    body["dockerfile"] = text.base64EncodedString()
                }
                let added = try await api.request(.POST, "/images?force=\(force)", body: body)
                try ImageCommand.printImages(added, output: client.output)
            }
        }
    }

    struct Wait: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Wait until the image is analyzed (exit 1 if its analysis failed).")
        @OptionGroup var client: ClientOptions
        @Argument var image: String
        @Option(help: "Seconds to wait at most.") var timeout: Double = 600
        @Option(help: "Seconds between polls.") var interval: Double = 1

        func run() async throws {
            try await runClient {
                let api = try client.client()
                let deadline = Date().addingTimeInterval(timeout)
                while true {
                    let digest = try await api.digest(of: image)
                    let found = try await api.request(.GET, "/images/\(digest)")
                    let status = ((found as? [[String: Any]])?.first?["analysis_status"] as? String) ?? "unknown"
                    if status == "analyzed" { try ImageCommand.printImages(found, output: client.output); return }
                    if status == "analysis_failed" {
                        let reason = ((found as? [[String: Any]])?.first?["analysis_status_detail"] as? String) ?? "no reason recorded"
                        throw ServiceClientError(status: 422, message: "analysis of \(image) failed: \(reason)")
                    }
                    guard Date() < deadline else { throw ServiceClientError(status: 408, message: "timed out waiting for \(image) (status \(status))") }
                    try await Task.sleep(for: .milliseconds(Int(interval * 1000)))
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List images.")
        @OptionGroup var client: ClientOptions
        func run() async throws {
            try await runClient { try ImageCommand.printImages(try await client.client().request(.GET, "/images"), output: client.output) }
        }
    }

    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show an image.")
        @OptionGroup var client: ClientOptions
        @Argument var image: String
        func run() async throws {
            try await runClient {
                let api = try client.client()
                try ImageCommand.printImages(try await api.request(.GET, "/images/\(try await api.digest(of: image))"), output: client.output)
            }
        }
    }

    struct Vuln: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List an image's vulnerabilities (os, non-os or all).")
        @OptionGroup var client: ClientOptions
        @Argument var image: String
        @Argument var type: String = "all"
        @Flag(help: "Include vulnerabilities the vendor will not fix.") var all = false
        func run() async throws {
            try await runClient {
                let api = try client.client()
                let reply = try await api.request(.GET, "/images/\(try await api.digest(of: image))/vuln/\(type)?vendor_only=\(!all)")
                if client.output == "json" { return ClientOutput.json(reply) }
                let rows = ((reply as? [String: Any])?["vulnerabilities"] as? [[String: Any]] ?? []).map { row in
                    ["vuln", "severity", "package", "fix", "package_type", "feed_group"].map { ClientOutput.string(row[$0]) }
                }
                ClientOutput.table(["VULNERABILITY", "SEVERITY", "PACKAGE", "FIX", "TYPE", "FEED GROUP"], rows)
            }
        }
    }

    struct Content: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show an image's content (os, files, python, npm, java, go, …).")
        @OptionGroup var client: ClientOptions
        @Argument var image: String
        @Argument var type: String
        func run() async throws {
            try await runClient {
                let api = try client.client()
                let reply = try await api.request(.GET, "/images/\(try await api.digest(of: image))/content/\(type)")
                if client.output == "json" { return ClientOutput.json(reply) }
                let content = (reply as? [String: Any])?["content"] as? [[String: Any]] ?? []
                let columns = type == "files" ? ["filename", "mode", "size", "sha256"] : ["package", "version", type == "os" ? "sourcepkg" : "location"]
                ClientOutput.table(columns.map { $0.uppercased() }, content.map { row in columns.map { ClientOutput.string(row[$0]) } })
            }
        }
    }

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Evaluate the active policy bundle against an image (exit 1 on fail, as anchore-cli).")
        @OptionGroup var client: ClientOptions
        @Argument var image: String
        @Option(help: "Evaluate this bundle instead of the active one.") var policy: String?
        func run() async throws {
            try await runClient {
                let api = try client.client()
                let digest = try await api.digest(of: image)
                var query = "/images/\(digest)/check?detail=true"
                if !image.hasPrefix("sha256:"), let tag = image.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) { query += "&tag=\(tag)" }
                if let policy { query += "&policyId=\(policy)" }
                let reply = try await api.request(.GET, query)
                if client.output == "json" { return ClientOutput.json(reply) }
                guard let byTag = ((reply as? [[String: Any]])?.first?[digest] as? [String: Any])?.first,
                      let entry = (byTag.value as? [[String: Any]])?.first else { throw ServiceClientError(status: 0, message: "no evaluation in the reply") }
                let result = (entry["detail"] as? [String: Any])?["result"] as? [String: Any]
                print("\(byTag.key): \(ClientOutput.string(entry["status"])) (final action \(ClientOutput.string(result?["final_action"])), policy \(ClientOutput.string(entry["policyId"])))")
                let tables = (result?["result"] as? [String: Any])?.values.compactMap { ($0 as? [String: Any])?["result"] as? [String: Any] } ?? []
                let rows = (tables.first?["rows"] as? [[Any]]) ?? []
                ClientOutput.table(["GATE", "TRIGGER", "ACTION", "CHECK OUTPUT"], rows.map { row in
                    [3, 4, 6, 5].map { row.count > $0 ? ClientOutput.string(row[$0]) : "-" }
                })
                if entry["status"] as? String == "fail" { throw ExitCode(1) }
            }
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete an image and its analysis.")
        @OptionGroup var client: ClientOptions
        @Argument var image: String
        func run() async throws {
            try await runClient {
                let api = try client.client()
                let digest = try await api.digest(of: image)
                _ = try await api.request(.DELETE, "/images/\(digest)")
                print("deleted \(digest)")
            }
        }
    }

    static func printImages(_ reply: Any, output: String) throws {
        if output == "json" { return ClientOutput.json(reply) }
        let rows = (reply as? [[String: Any]] ?? []).flatMap { image -> [[String]] in
            let details = image["image_detail"] as? [[String: Any]] ?? []
            let tags = details.isEmpty ? ["-"] : details.map { ClientOutput.string($0["fulltag"]) }
            return tags.map { [$0, ClientOutput.string(image["imageDigest"]), ClientOutput.string(image["analysis_status"]),
                               ClientOutput.string(image["analyzed_at"])] }
        }
        ClientOutput.table(["TAG", "DIGEST", "STATUS", "ANALYZED AT"], rows)
    }
}

/// `hawser system status|feeds`.
struct SystemCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "system", abstract: "A Hawser server's status and vulnerability feeds.",
                                                    subcommands: [Status.self, Feeds.self])

    struct Status: AsyncParsableCommand {
        @OptionGroup var client: ClientOptions
        func run() async throws {
            try await runClient {
                let reply = try await client.client().request(.GET, "/system")
                if client.output == "json" { return ClientOutput.json(reply) }
                let states = (reply as? [String: Any])?["service_states"] as? [[String: Any]] ?? []
                ClientOutput.table(["SERVICE", "HOST", "STATUS", "VERSION"], states.map { state in
                    [ClientOutput.string(state["servicename"]), ClientOutput.string(state["hostid"]),
                     (state["status"] as? Bool) == true ? "up" : "down",
                     ClientOutput.string((state["service_detail"] as? [String: Any])?["version"])]
                })
            }
        }
    }

    struct Feeds: AsyncParsableCommand {
        @OptionGroup var client: ClientOptions
        func run() async throws {
            try await runClient {
                let reply = try await client.client().request(.GET, "/system/feeds")
                if client.output == "json" { return ClientOutput.json(reply) }
                let rows = (reply as? [[String: Any]] ?? []).flatMap { feed in
                    (feed["groups"] as? [[String: Any]] ?? []).map { group in
                        [ClientOutput.string(feed["name"]), ClientOutput.string(group["name"]), ClientOutput.string(group["last_sync"]),
                         ClientOutput.string(group["record_count"])]
                    }
                }
                ClientOutput.table(["FEED", "GROUP", "LAST SYNC", "RECORDS"], rows)
            }
        }
    }
}
