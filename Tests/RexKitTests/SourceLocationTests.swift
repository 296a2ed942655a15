import Foundation
import Testing
@testable import RexKit

/// A location holds its file's path as a reference shared by the file's locations: two locations are still the
/// same place whenever path, line and column are, whoever made them (diagnostics are compared, sorted and
/// de-duplicated by location).
@Suite("Source locations")
struct SourceLocationTests {
    @Test func theSamePlaceIsEqualAndHashesAlikeWhoeverMadeIt() {
        let file = SourceFile(path: "procedures/arret.yml")
        let fromLoader = file.location(line: 12, column: 7)
        let fromElsewhere = SourceLocation(path: "procedures/arret.yml", line: 12, column: 7)
        #expect(fromLoader == fromElsewhere)
        #expect(Set([fromLoader, fromElsewhere]).count == 1)
        #expect(fromLoader.description == "procedures/arret.yml:12:7")
        #expect(fromLoader != file.location(line: 12, column: 8))
        #expect(fromLoader != SourceLocation(path: "procedures/reprise.yml", line: 12, column: 7))
    }

    @Test func locationsSortByPathThenLineThenColumn() {
        let file = SourceFile(path: "b.yml")
        let sorted = [file.location(line: 2, column: 1), SourceLocation(path: "a.yml", line: 9, column: 9),
                      file.location(line: 1, column: 5), SourceLocation(path: "b.yml", line: 1, column: 2)].sorted()
        #expect(sorted.map(\.description) == ["a.yml:9:9", "b.yml:1:2", "b.yml:1:5", "b.yml:2:1"])
    }

    /// Line and column are kept in 32 bits: what does not fit is clamped, never wrapped.
    @Test func aLineOrColumnOutOfRangeIsClamped() {
        var location = SourceLocation(path: "x.yml", line: -3, column: Int.max)
        #expect(location.line == 0 && location.column == Int(UInt32.max))
        location.line = 40
        location.path = "y.yml"
        #expect(location.description == "y.yml:40:\(UInt32.max)")
    }
}
