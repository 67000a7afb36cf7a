/// Why an rpm database, or one package header in it, could not be read. The cataloger turns it into
/// a diagnostic naming the database file; it never ends the catalog.
struct RPMDatabaseError: Error, Sendable, Equatable, CustomStringConvertible {
    var message: String

    init(_ message: String) {
        self.message = message
    }

    var description: String { message }
}
