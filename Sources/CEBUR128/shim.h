#ifndef PREFLIGHT_CEBUR128_SHIM_H
#define PREFLIGHT_CEBUR128_SHIM_H
#include <ebur128.h>
#endif
