import Testing
@testable import Versions
@Test func placeholder() {}
