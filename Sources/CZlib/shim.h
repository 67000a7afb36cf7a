#include <zlib.h>
// inflateInit2 is a function-like macro, which Swift cannot call.
// windowBits 15 + 32: accept both zlib and gzip headers (auto-detect).
static inline int czlib_inflate_init_gzip(z_streamp s) { return inflateInit2(s, 15 + 32); }
