/* ziplib.c - libzip, opened on first use (ziplib.h). It pulls in OpenSSL's
 * libcrypto, bzip2 and more: about 2 ms of every run of glossar when linked. */
#include "ziplib.h"

#ifndef ZIP_SONAME
#define ZIP_SONAME "libzip.so.4"
#endif

struct ziplib zl;

#define ZL_SYM(f) { #f, &zl.f },
static const struct solib_sym zl_syms[] = { ZIPLIB_FUNCS(ZL_SYM) };
static struct solib zl_lib = SOLIB_INIT("libzip", ZIP_SONAME, "libzip4", zl_syms);

int ziplib_load(const char *what, const char *file, struct err *err)
{
	return solib_load(&zl_lib, what, file, err);
}
