/// Paths inside an image root. Every path is made absolute and clean, with `..` unable to climb
/// above `/`: an archive can name `../../etc/passwd`, but inside Hawser that is `/etc/passwd`
/// of the image, never a host path.
enum ImagePath {
    struct Cleaned {
        var path: String
        /// The raw path was absolute or climbed above the root, and was taken into the root.
        var wasClamped: Bool
    }

    static func clean(_ raw: String, relativeTo base: String = "/") -> Cleaned {
        var stack: [Substring] = raw.hasPrefix("/") ? [] : base.split(separator: "/")
        var clamped = raw.hasPrefix("/")
        for component in raw.split(separator: "/") {
            switch component {
            case ".": continue
            case "..":
                if stack.isEmpty { clamped = true } else { stack.removeLast() }
            default: stack.append(component)
            }
        }
        return Cleaned(path: "/" + stack.joined(separator: "/"), wasClamped: clamped)
    }

    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
        return String(path[..<slash])
    }

    static func baseName(of path: String) -> Substring {
        guard let slash = path.lastIndex(of: "/") else { return Substring(path) }
        return path[path.index(after: slash)...]
    }

    static func join(_ directory: String, _ name: Substring) -> String {
        directory == "/" ? "/" + name : directory + "/" + name
    }

    /// True when `path` is `directory` itself or lies below it.
    static func isWithin(_ path: String, _ directory: String) -> Bool {
        if directory == "/" { return true }
        return path == directory || (path.hasPrefix(directory) && path.utf8.dropFirst(directory.utf8.count).first == UInt8(ascii: "/"))
    }
}
