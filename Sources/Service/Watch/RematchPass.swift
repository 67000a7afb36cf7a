import Matching
import SBOMFormats

/// What one pass re-matching many stored images against one DB shares between them: decoded
/// package and relationship entries (`SBOMDecodingMemo`) and prepared lookups (`MatchMemo`). Fleets
/// share their base images' packages, so each distinct entry and lookup costs once per pass, not per image.
/// The lookups hold only for `database`; a match against another DB does without them.
struct RematchPass: Sendable {
    let database: String
    let lookups = MatchMemo()
    let entries = SBOMDecodingMemo()
}
