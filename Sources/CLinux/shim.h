// Linux calls that glibc declares only under _GNU_SOURCE, which Swift's Glibc module does not set.
#define _GNU_SOURCE 1
#include <fcntl.h>
#include <stdio.h>

/// Exchanges two paths atomically (both must exist): renameat2(RENAME_EXCHANGE), Linux ≥ 3.15.
static inline int yamg_rename_exchange(const char *a, const char *b) {
    return renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE);
}
