import Model
import Testing

@Suite("FileEntry.modeString")
struct FileEntryModeStringTests {
    @Test(arguments: [
        (FileType.directory, UInt32(0o755), "drwxr-xr-x"),
        (.regular, 0o644, "-rw-r--r--"),
        (.regular, 0o4755, "-rwsr-xr-x"),
        (.regular, 0o4644, "-rwSr--r--"),
        (.regular, 0o2755, "-rwxr-sr-x"),
        (.regular, 0o2745, "-rwxr-Sr-x"),
        (.directory, 0o1777, "drwxrwxrwt"),
        (.directory, 0o1776, "drwxrwxrwT"),
        (.regular, 0o7777, "-rwsrwsrwt"),
        (.symlink, 0o777, "lrwxrwxrwx"),
        (.hardLink, 0o600, "-rw-------"),
        (.characterDevice, 0o666, "crw-rw-rw-"),
        (.blockDevice, 0o660, "brw-rw----"),
        (.fifo, 0o000, "p---------"),
    ])
    func rendersLikeLs(_ type: FileType, _ mode: UInt32, _ expected: String) {
        #expect(FileEntry(path: "/x", type: type, mode: mode).modeString == expected)
    }

    @Test func specialBitPredicates() {
        let setuid = FileEntry(path: "/usr/bin/passwd", type: .regular, mode: 0o4755)
        let setgid = FileEntry(path: "/usr/bin/wall", type: .regular, mode: 0o2755)
        #expect(setuid.isSetUID && !setuid.isSetGID)
        #expect(setgid.isSetGID && !setgid.isSetUID)
    }
}
