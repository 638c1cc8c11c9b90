// OpenBLAS's CBLAS interface (Debian: libopenblas-dev; there is no separate libcblas, link openblas).
#define _GNU_SOURCE 1
#include <sched.h>
#include <cblas.h>

