/* solib.c - shared libraries opened on first use (solib.h). */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#include "solib.h"

static void solib_open(struct solib *lib)
{
	void *h = dlopen(lib->soname, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		snprintf(lib->why, sizeof lib->why, "%s", dlerror());
		lib->state = -1;
		return;
	}
	/* dlsym also searches the libraries it pulls in (libcgraph for libgvc) */
	for (size_t i = 0; i < lib->n_syms; i++) {
		void *f = dlsym(h, lib->syms[i].name);
		if (!f) {
			snprintf(lib->why, sizeof lib->why, "%s has no %s", lib->soname, lib->syms[i].name);
			lib->state = -1;
			return; /* h stays open: the table may be half filled, but is never called */
		}
		memcpy(lib->syms[i].slot, &f, sizeof f); /* POSIX: a function pointer fits a void * */
	}
	lib->state = 1;
}

int solib_load(struct solib *lib, const char *what, const char *file, struct err *err)
{
	pthread_mutex_lock(&lib->lock);
	if (lib->state == 0)
		solib_open(lib);
	int ok = lib->state > 0;
	pthread_mutex_unlock(&lib->lock);
	if (ok)
		return 0;
	return err_set(err, file, 0, "cannot %s: %s cannot be loaded (%s); install %s", what,
	               lib->name, lib->why, lib->package);
}
