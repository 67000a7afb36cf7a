import Model
import Testing

@Suite("Glob")
struct GlobTests {
    /// (pattern, path, matches)
    @Test(arguments: [
        ("**/METADATA", "/usr/lib/python3.12/site-packages/six-1.16.0.dist-info/METADATA", true),
        ("**/METADATA", "/METADATA", true),
        ("**/METADATA", "/usr/lib/METADATA.json", false),
        ("**/METADATA", "/usr/lib/OTHER", false),
        ("METADATA", "/a/b/METADATA", true),  // no leading '/': any depth
        ("*.jar", "/opt/app/lib/x.jar", true),
        ("/usr/lib/*/x", "/usr/lib/foo/x", true),
        ("/usr/lib/*/x", "/usr/lib/x", false),
        ("/usr/lib/*/x", "/usr/lib/a/b/x", false),  // '*' stays inside one component
        ("/usr/*", "/usr/lib/x", false),
        ("/etc/*.conf", "/etc/ld.so.conf", true),
        ("/etc/*.conf", "/etc/ld.so.conf.d/x.conf", false),
        ("/etc/*", "/etc/", false),
        ("/bin/?s", "/bin/ls", true),
        ("/bin/?s", "/bin/s", false),
        ("/bin/?s", "/bin/lss", false),
        ("/a?b", "/a/b", false),  // '?' never matches '/'
        ("/x/[a-c].txt", "/x/b.txt", true),
        ("/x/[a-c].txt", "/x/d.txt", false),
        ("/x/[abc]", "/x/c", true),
        ("/x/[!x]y", "/x/ay", true),
        ("/x/[!x]y", "/x/xy", false),
        ("/x/[^x]y", "/x/xy", false),
        ("/x/[]a]", "/x/]", true),
        ("/x/[ab", "/x/[ab", true),  // unclosed bracket is literal
        ("/usr/**/lib*.so", "/usr/lib.so", true),
        ("/usr/**/lib*.so", "/usr/lib/x86_64-linux-gnu/libc.so", true),
        ("/usr/**/lib*.so", "/opt/lib/libc.so", false),
        ("/var/lib/dpkg/status", "/var/lib/dpkg/status", true),
        ("/var/lib/dpkg/status", "/var/lib/dpkg/status.d", false),
        ("/a/*b*c", "/a/xxbyyc", true),
        ("/a/*b*c", "/a/xxbyy", false),
    ])
    func matches(_ pattern: String, _ path: String, _ expected: Bool) {
        #expect(Glob(pattern).matches(path) == expected)
    }
}
