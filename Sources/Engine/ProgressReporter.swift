/// Where use cases report the stage they are in, for a progress line on a terminal.
public protocol ProgressReporter: Sendable {
    func stage(_ description: String)
    func finished()
}
