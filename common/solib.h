/* solib.h - shared libraries opened on first use (dlopen) instead of linked.
 * A linked library is loaded, with everything it pulls in, by every run of
 * glossar; one only some commands need (poppler-glib, libzip, Graphviz,
 * libmicrohttpd) is opened by the first call that needs it, so `glossar
 * --version` or an extract of a text file does not pay for it.
 *
 * A user declares its library's functions once, by name, in an X-macro:
 *
 *   #define ZIPLIB_FUNCS(F) F(zip_close) F(zip_fread) ...
 *   struct ziplib { ZIPLIB_FUNCS(SOLIB_SLOT) };    a pointer per function, of its own type
 *   struct ziplib zl;
 *   #define ZL_SYM(f) { #f, &zl.f },
 *   static const struct solib_sym zl_syms[] = { ZIPLIB_FUNCS(ZL_SYM) };
 *
 * and calls zl.zip_close(z) once solib_load has said yes. */
#ifndef GLOSSAR_SOLIB_H
#define GLOSSAR_SOLIB_H

#include <pthread.h>
#include <stddef.h>

#include "err.h"

/* A member of the function table: a pointer with f's own prototype. */
#define SOLIB_SLOT(f) __typeof__(f) *f;

struct solib_sym {
	const char *name; /* as the library exports it */
	void *slot;       /* the address of the table's pointer to fill */
};

struct solib {
	const char *name;    /* as users know it: "libzip" */
	const char *soname;  /* what dlopen looks for: "libzip.so.4", set by the Makefile */
	const char *package; /* the Debian package that has it */
	const struct solib_sym *syms;
	size_t n_syms;
	/* the one attempt, made by the first solib_load */
	pthread_mutex_t lock;
	int state;     /* 0 not tried, 1 loaded, -1 failed */
	char why[256]; /* dlerror() or the missing symbol, once failed */
};

#define SOLIB_INIT(name, soname, package, syms)                                        \
	{ name, soname, package, syms, sizeof syms / sizeof syms[0],                       \
	  PTHREAD_MUTEX_INITIALIZER, 0, "" }

/* Opens lib and fills every slot of its table, once for the process; any
 * thread may call it, and later calls give the first answer. 0 when every
 * function is there; else -1 and err (for file, which may be NULL) says
 * "cannot WHAT: NAME cannot be loaded (WHY); install PACKAGE". */
int solib_load(struct solib *lib, const char *what, const char *file, struct err *err);

#endif
