#if canImport(Glibc)
import Glibc
#endif
import Engine
import Foundation

/// A one-line progress display on standard error, only when it is a terminal (never in pipes or CI logs).
struct TerminalProgress: ProgressReporter {
    static func ifTerminal() -> TerminalProgress? {
        isatty(STDERR_FILENO) == 1 ? TerminalProgress() : nil
    }

    func stage(_ description: String) {
        FileHandle.standardError.write(Data("\r\u{1b}[K\(description.prefix(120))…".utf8))
    }

    func finished() {
        FileHandle.standardError.write(Data("\r\u{1b}[K".utf8))
    }
}
