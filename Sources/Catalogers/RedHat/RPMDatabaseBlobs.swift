/// What one database backend read: the package header blobs in database order, and the problems met
/// on the way that did not stop the reading (a bad page, a bad slot).
struct RPMDatabaseBlobs {
    var blobs: [[UInt8]] = []
    var problems: [RPMDatabaseError] = []
}
