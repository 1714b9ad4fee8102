/* test_graphviz_missing.c - a machine without Graphviz: the picture writer,
 * built here to open a libgvc that does not exist, refuses an SVG with a
 * message that names the library and writes nothing; DOT, written by
 * glossar itself, needs no Graphviz. */
#define GVC_SONAME "libglossar-no-such-gvc.so.0"
#include "../../exports/graph.c"

#include "test.h"

static void vocab_make(struct kb_vocab *v, struct kb_concept *items)
{
	/* sorted by key, as kb_vocab_load returns it; b is narrower than a */
	items[0] = (struct kb_concept){ .key = "a", .pref_label = "Alpha", .status = "approved" };
	items[1] = (struct kb_concept){ .key = "b", .pref_label = "Beta", .status = "approved" };
	static char *up[] = { "a" };
	items[1].broader = (struct strv){ .v = up, .n = 1 };
	v->items = items;
	v->n = 2;
}

static void test_svg_without_graphviz_is_refused(void)
{
	struct kb_concept items[2];
	struct kb_vocab v;
	vocab_make(&v, items);
	struct buf out = BUF_INIT;
	struct err e = { "", 0, "" };
	struct graph_options go = { NULL, 0, 1, NULL };
	CHECK(graph_write(&out, &v, &go, &e) < 0);
	CHECK(strstr(e.msg, "cannot draw SVG pictures: Graphviz (libgvc) cannot be loaded") != NULL);
	CHECK(strstr(e.msg, "libglossar-no-such-gvc.so.0") != NULL);
	CHECK(strstr(e.msg, "install libgvc6") != NULL);
	CHECK(out.len == 0);
	/* and again: the failure is remembered */
	e.msg[0] = 0;
	go.root = "a";
	go.steps = 1;
	CHECK(graph_write(&out, &v, &go, &e) < 0);
	CHECK(strstr(e.msg, "Graphviz (libgvc) cannot be loaded") != NULL);
	buf_free(&out);
}

static void test_dot_needs_no_graphviz(void)
{
	struct kb_concept items[2];
	struct kb_vocab v;
	vocab_make(&v, items);
	struct buf out = BUF_INIT;
	struct err e = { "", 0, "" };
	struct graph_options go = { NULL, 0, 0, NULL };
	CHECK(graph_write(&out, &v, &go, &e) == 0);
	CHECK(strstr(buf_cstr(&out), "\"b\" -> \"a\";") != NULL);
	buf_free(&out);
}

int main(void)
{
	RUN(test_svg_without_graphviz_is_refused);
	RUN(test_dot_needs_no_graphviz);
	TEST_END();
}
