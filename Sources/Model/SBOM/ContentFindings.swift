import Foundation

/// A place where a named pattern matched. The matched text itself is never kept.
public struct SecretFinding: Sendable, Hashable, Codable {
    /// The pattern's name (`aws-access-key`, `private-key`…).
    public var name: String
    public var location: Location
    /// 1-based line number and byte offset of the match in the file.
    public var line: Int
    public var offset: Int
    public var length: Int

    public init(name: String, location: Location, line: Int, offset: Int, length: Int) {
        self.name = name
        self.location = location
        self.line = line
        self.offset = offset
        self.length = length
    }
}

/// A file kept whole (base64 in JSON), for policy gates that read it (e.g. users in `/etc/passwd`).
public struct RetrievedFile: Sendable, Hashable, Codable {
    public var location: Location
    public var contents: Data

    public init(location: Location, contents: Data) {
        self.location = location
        self.contents = contents
    }
}

/// The Dockerfile of an image.
public struct Dockerfile: Sendable, Hashable, Codable {
    public var text: String
    /// True when reconstructed from the image history rather than supplied by the user.
    public var guessed: Bool

    public init(text: String, guessed: Bool) {
        self.text = text
        self.guessed = guessed
    }
}
