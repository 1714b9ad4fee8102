/* test_serve.c - the server's pure parts: the page writer's conversions on
 * hostile strings, content negotiation, format names and the A-Z letter. */
#include "../../serve/srv.h"
#include "test.h"

static const char hostile[] = "<script>\"a\" & 'b'</script>/?#%\\{}";

static void test_pg_printf_escapes_html(void)
{
	struct buf b = BUF_INIT;
	CHECK(pg_printf(&b, "<p>%h</p>", hostile) == 0);
	CHECK_STR(buf_cstr(&b), "<p>&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;/?#%\\{}</p>");
	buf_free(&b);
}

static void test_pg_printf_encodes_urls(void)
{
	struct buf b = BUF_INIT;
	CHECK(pg_printf(&b, "/%u?q=%u", "a b/ä", hostile) == 0);
	CHECK_STR(buf_cstr(&b), "/a%20b%2F%C3%A4?q=%3Cscript%3E%22a%22%20%26%20%27b%27%3C%2Fscript%3E%2F%3F%23%25%5C%7B%7D");
	buf_free(&b);
}

static void test_pg_printf_json_cannot_end_script(void)
{
	struct buf b = BUF_INIT;
	CHECK(pg_printf(&b, "\"%j\"", "</script>\"\\\n") == 0);
	CHECK(!strchr(buf_cstr(&b) + 1, '<'));
	CHECK_STR(buf_cstr(&b), "\"\\u003c/script\\u003e\\\"\\\\\\n\"");
	buf_free(&b);
}

static void test_pg_printf_numbers_and_literals(void)
{
	struct buf b = BUF_INIT;
	CHECK(pg_printf(&b, "%d %ld %lld %zu %% %s", -1, 2L, 3LL, (size_t)4, "<b>") == 0);
	CHECK_STR(buf_cstr(&b), "-1 2 3 4 % <b>");
	buf_free(&b);
}

static void test_negotiate(void)
{
	CHECK(srv_negotiate(NULL) == REPR_HTML);
	CHECK(srv_negotiate("*/*") == REPR_HTML);
	CHECK(srv_negotiate("text/turtle") == REPR_TTL);
	CHECK(srv_negotiate("application/ld+json") == REPR_JSONLD);
	CHECK(srv_negotiate("application/rdf+xml;q=0.9, text/turtle;q=0.8") == REPR_RDFXML);
	CHECK(srv_negotiate("text/html;q=0.1, application/rdf+xml") == REPR_RDFXML);
	CHECK(srv_negotiate("text/*;q=0.5, application/ld+json;q=0.4") == REPR_HTML);
	CHECK(srv_negotiate("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8") == REPR_HTML);
	CHECK(srv_negotiate("image/png") == REPR_NONE);
	CHECK(srv_negotiate("text/turtle;q=0") == REPR_NONE);
}

static void test_repr_names(void)
{
	CHECK(srv_repr_parse("ttl") == REPR_TTL);
	CHECK(srv_repr_parse("rdfxml") == REPR_RDFXML);
	CHECK(srv_repr_parse("rdf") == REPR_RDFXML);
	CHECK(srv_repr_parse("jsonld") == REPR_JSONLD);
	CHECK(srv_repr_parse("text/turtle") == REPR_TTL);
	CHECK(srv_repr_parse("pdf") == REPR_NONE);
}

static void test_index_letter_din5007(void)
{
	char l[2];
	srv_index_letter("Äpfel", l);
	CHECK_STR(l, "A");
	srv_index_letter("Öffentlich", l);
	CHECK_STR(l, "O");
	srv_index_letter("ßtraße", l);
	CHECK_STR(l, "S");
	srv_index_letter("éclair", l);
	CHECK_STR(l, "E");
	srv_index_letter("zentral", l);
	CHECK_STR(l, "Z");
	srv_index_letter("<img>", l);
	CHECK_STR(l, "#");
	srv_index_letter("91c", l);
	CHECK_STR(l, "#");
	srv_index_letter("", l);
	CHECK_STR(l, "#");
}

int main(void)
{
	RUN(test_pg_printf_escapes_html);
	RUN(test_pg_printf_encodes_urls);
	RUN(test_pg_printf_json_cannot_end_script);
	RUN(test_pg_printf_numbers_and_literals);
	RUN(test_negotiate);
	RUN(test_repr_names);
	RUN(test_index_letter_din5007);
	TEST_END();
}
