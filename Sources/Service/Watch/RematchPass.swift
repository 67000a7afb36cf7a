import Matching
import SBOMFormats

/// What one pass re-matching many stored images against one DB shares between them: decoded
/// package and relationship entries (`SBOMDecodingMemo`), prepared lookups (`MatchMemo`) and the
/// JSON of the records the reports cite (`RecordJSONMemo`). Fleets share their base images'
/// packages, so each distinct entry, lookup and record costs once per pass, not per image.
/// The lookups hold only for `database`; a match against another DB does without them.
struct RematchPass: Sendable {
    let database: String
    let lookups = MatchMemo()
    let entries = SBOMDecodingMemo()
    let records = RecordJSONMemo()
}
