/* test_mhd_missing.c - a machine without libmicrohttpd: the server, built
 * here to open a library that does not exist, refuses to start with a
 * message that names the library, before it opens the knowledge base. */
#define MHD_SONAME "libglossar-no-such-microhttpd.so.0"
#include "../../serve/mhd.c"

#include <unistd.h>

#include "../../serve/serve.h"
#include "test.h"

static void test_serve_without_libmicrohttpd_is_refused(void)
{
	struct serve_options o;
	serve_options_init(&o);
	o.db_path = "build/tests/no-such-dir/glossar.db";
	o.listen = "127.0.0.1:0";
	o.quiet = 1;
	struct err e = { "", 0, "" };
	CHECK(serve_run(&o, &e) < 0); /* returns at once: no daemon, no signal wait */
	CHECK(strstr(e.msg, "cannot serve: libmicrohttpd cannot be loaded") != NULL);
	CHECK(strstr(e.msg, "libglossar-no-such-microhttpd.so.0") != NULL);
	CHECK(strstr(e.msg, "install libmicrohttpd12") != NULL);
	CHECK(access("build/tests/no-such-dir", F_OK) != 0);
	/* a bad address is still told as such first */
	o.listen = "no-port";
	e.msg[0] = 0;
	CHECK(serve_run(&o, &e) < 0);
	CHECK(strstr(e.msg, "libmicrohttpd") == NULL);
}

int main(void)
{
	RUN(test_serve_without_libmicrohttpd_is_refused);
	TEST_END();
}
