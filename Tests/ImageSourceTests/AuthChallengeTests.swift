@testable import ImageSource
import Testing

/// `WWW-Authenticate` headers as registries send them (RFC 7235 §4.1).
@Suite struct AuthChallengeTests {
    @Test func dockerHubBearerChallenge() throws {
        let header = #"Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/alpine:pull""#
        let challenge = try #require(AuthChallenge(header: header))
        #expect(challenge.scheme == "bearer")
        #expect(challenge.realm == "https://auth.docker.io/token")
        #expect(challenge.service == "registry.docker.io")
        #expect(challenge.scope == "repository:library/alpine:pull")
        #expect(challenge.parameters.count == 3)
    }

    @Test func schemeIsCaseInsensitive() throws {
        let lower = try #require(AuthChallenge(header: #"bearer realm="http://127.0.0.1:5057/token",service="hawser-test-registry""#))
        #expect(lower.scheme == "bearer")
        #expect(lower.realm == "http://127.0.0.1:5057/token")
        #expect(lower.service == "hawser-test-registry")
        #expect(lower.scope == nil)
        let upper = try #require(AuthChallenge(header: #"BEARER REALM="https://x/token""#))
        #expect(upper.scheme == "bearer")
        #expect(upper.realm == "https://x/token")
    }

    @Test func basicChallenge() throws {
        let challenge = try #require(AuthChallenge(header: #"Basic realm="x""#))
        #expect(challenge.scheme == "basic")
        #expect(challenge.realm == "x")
        #expect(challenge.parameters == ["realm": "x"])
    }

    @Test func quotedValuesKeepCommasAndEscapes() throws {
        let header = #"Bearer realm="https://auth.example/token", scope="repository:a/b:pull,push", error="insufficient_scope", note="say \"hi\"""#
        let challenge = try #require(AuthChallenge(header: header))
        #expect(challenge.scope == "repository:a/b:pull,push")
        #expect(challenge.parameters["error"] == "insufficient_scope")
        #expect(challenge.parameters["note"] == #"say "hi""#)
    }

    @Test func unquotedValuesAndBareSchemes() throws {
        let unquoted = try #require(AuthChallenge(header: "Bearer realm=https://auth.example/token,service=svc"))
        #expect(unquoted.realm == "https://auth.example/token")
        #expect(unquoted.service == "svc")
        let bare = try #require(AuthChallenge(header: "Negotiate"))
        #expect(bare.scheme == "negotiate")
        #expect(bare.parameters.isEmpty)
        #expect(AuthChallenge(header: "") == nil)
        #expect(AuthChallenge(header: "   ") == nil)
    }
}
