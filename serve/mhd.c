/* mhd.c - libmicrohttpd, opened when the server starts (mhd.h). */
#include "mhd.h"

#ifndef MHD_SONAME
#define MHD_SONAME "libmicrohttpd.so.12"
#endif

struct mhd_lib mhd;

#define MHD_SYM(f) { #f, &mhd.f },
static const struct solib_sym mhd_syms[] = { MHD_FUNCS(MHD_SYM) };
static struct solib mhd_solib = SOLIB_INIT("libmicrohttpd", MHD_SONAME, "libmicrohttpd12", mhd_syms);

int mhd_load(struct err *err)
{
	return solib_load(&mhd_solib, "serve", NULL, err);
}
