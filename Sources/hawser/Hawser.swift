import ArgumentParser

/// `hawser`: container-image analysis from the command line.
@main
struct Hawser: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hawser",
        abstract: "Container image analysis without running anything: inspect images, write SBOMs, find vulnerabilities.",
        version: HawserVersion.current,
        subcommands: [InspectCommand.self, FilesCommand.self, SBOMCommand.self, ScanCommand.self, ExplainCommand.self, DatabaseCommand.self, ServeCommand.self, WorkerCommand.self, ImageCommand.self, SystemCommand.self, PolicyCommand.self]
    )
}
