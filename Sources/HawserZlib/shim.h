#include <zlib.h>
// Named HawserZlib: ZIPFoundation ships a module called CZlib on Linux.
// inflateInit2 is a function-like macro, which Swift cannot call.
// windowBits 15 + 32: accept both zlib and gzip headers (auto-detect).
static inline int czlib_inflate_init_gzip(z_streamp s) { return inflateInit2(s, 15 + 32); }
// For writing gzip (tests build their fixtures with it): windowBits 15 + 16 = gzip wrapper.
static inline int czlib_deflate_init_gzip(z_streamp s, int level) {
    return deflateInit2(s, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}
