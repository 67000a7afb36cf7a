import Model

/// Rebuilds a Dockerfile from the image history (`created_by` lines), as Anchore's "guessed"
/// Dockerfile: `#(nop)` entries are the instruction itself, other shell commands become RUN.
public enum DockerfileGuesser {
    public static func guess(_ configuration: ImageConfiguration) -> Dockerfile? {
        let history = configuration.history ?? []
        guard !history.isEmpty else { return nil }
        var lines = ["FROM scratch"]
        for entry in history {
            guard var command = entry.createdBy?.trimmingCharacters(in: " \t"), !command.isEmpty else { continue }
            for prefix in ["/bin/sh -c #(nop) ", "/bin/sh -c #(nop)", "|0 /bin/sh -c "] where command.hasPrefix(prefix) {
                command = String(command.dropFirst(prefix.count)).trimmingCharacters(in: " \t")
            }
            if command.hasPrefix("/bin/sh -c ") {
                lines.append("RUN " + command.dropFirst("/bin/sh -c ".count))
            } else if let first = command.split(separator: " ").first, first == first.uppercased(), first.allSatisfy(\.isLetter) {
                lines.append(command)  // already an instruction (BuildKit writes e.g. "RUN /bin/sh -c …", "ENV A=b")
            } else {
                lines.append("RUN " + command)
            }
        }
        return Dockerfile(text: lines.joined(separator: "\n") + "\n", guessed: true)
    }
}
