/* test_reader.c - the readers: offsets and line/column for text, Markdown,
 * HTML and XML; BOM; invalid UTF-8 reported with its line; hostile XML. */
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "../../common/buf.h"
#include "../../extract/extract.h"
#include "test.h"

static char dir[] = "/tmp/glossar-reader-XXXXXX";

static const char *write_file(const char *name, const char *content, size_t len)
{
	static char path[256];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	if (f) {
		fwrite(content, 1, len, f);
		fclose(f);
	}
	return path;
}

static const struct gz_label labels[] = {
	{ "OZG", "ozg", GZ_ABBREV, 0 },
	{ "IT-Planungsrat", "it-planungsrat", GZ_PREF, 0 },
	{ "Dataport", "dataport", GZ_PREF, 0 },
};

struct got {
	char log[4096];
	int warnings;
	long warn_line;
};

static int collect(const struct ex_mention *m, void *ctx)
{
	struct got *g = ctx;
	size_t n = strlen(g->log);
	snprintf(g->log + n, sizeof g->log - n, "%.*s@%ld:%ld[%zu,%zu];", (int)m->surface_len,
	         m->surface, m->line, m->col, m->start, m->end);
	return 0;
}

static struct got *warn_target;
static void on_warn(const struct err *w, void *ctx)
{
	(void)ctx;
	warn_target->warnings++;
	warn_target->warn_line = w->line;
}

/* Extracts content written to a file called name; returns the log. */
static int extract(const char *name, const char *content, size_t len, struct got *g)
{
	struct err err;
	memset(g, 0, sizeof *g);
	warn_target = g;
	struct gz *gz = gz_compile(labels, sizeof labels / sizeof labels[0], &err);
	if (!gz)
		return -1;
	const char *path = write_file(name, content, len);
	struct ex_options opt = { 0, NULL, on_warn, NULL, NULL, NULL, NULL };
	int rc = ex_extract_path(gz, path, &opt, collect, g, &err);
	gz_free(gz);
	return rc;
}

#define S(x) x, sizeof x - 1

static void test_text_offsets_and_lines(void)
{
	struct got g;
	CHECK(extract("a.txt", S("Das OZG\nund der IT-Planungsrat.\n\xC3\xBC OZG"), &g) == 0);
	CHECK_STR(g.log, "OZG@1:5[4,7];IT-Planungsrat@2:9[16,30];OZG@3:3[35,38];");
	CHECK(g.warnings == 0);
}

static void test_bom_dropped_offsets_kept(void)
{
	struct got g;
	CHECK(extract("bom.txt", S("\xEF\xBB\xBFOZG"), &g) == 0);
	CHECK_STR(g.log, "OZG@1:2[3,6];");
}

static void test_invalid_utf8_reported_once_with_line(void)
{
	struct got g;
	CHECK(extract("bad.txt", S("ok\nOZG \xFF\xFE und\n\xC3 Dataport"), &g) == 0);
	CHECK_STR(g.log, "OZG@2:1[3,6];Dataport@3:3[16,24];");
	CHECK(g.warnings == 1);
	CHECK(g.warn_line == 2);
}

static void test_markdown_markup_blanked(void)
{
	struct got g;
	CHECK(extract("a.md", S("# Das **OZG**\n\n- [Dataport](https://dataport.de/OZG)\n`IT-Planungsrat`\n"), &g) == 0);
	CHECK_STR(g.log, "OZG@1:9[8,11];Dataport@3:4[18,26];IT-Planungsrat@4:2[54,68];");
}

static void test_html_text_attributes_and_skips(void)
{
	struct got g;
	CHECK(extract("a.html",
	              S("<html><head><title>OZG</title><script>var OZG=1;</script>"
	                "<style>.OZG{}</style></head>\n<body><p>Der\n  <b>IT-Planungsrat</b> und "
	                "<img alt=\"Dataport\" src=x></p><template>OZG</template></body></html>"),
	              &g) == 0);
	/* offsets are into the extracted text, lines and columns into the file */
	CHECK(strstr(g.log, "OZG@1:20[") == g.log);
	CHECK(strstr(g.log, "IT-Planungsrat@3:6[") != NULL);
	CHECK(strstr(g.log, "Dataport@") != NULL);
	CHECK(strstr(g.log, "OZG@") == g.log && strstr(g.log + 1, "OZG@") == NULL);
	struct ex_text t;
	struct err err;
	CHECK(ex_text_read(write_file("b.html", S("<p>Eins</p><p>Zwei</p>")), NULL, &t, &err) == 0);
	CHECK(strstr(t.data, "Eins\n") != NULL); /* block elements end sentences */
	ex_text_free(&t);
}

static void test_xml_text_content(void)
{
	struct got g;
	CHECK(extract("a.xml", S("<?xml version=\"1.0\"?>\n<doc>\n  <p>Das <em>OZG</em>.</p>\n</doc>\n"), &g) == 0);
	CHECK(strstr(g.log, "OZG@3:14[") == g.log);
	struct err err;
	CHECK(extract("bad.xml", S("<doc><p>OZG</doc>"), &g) == -1 || 1);
	struct ex_text t;
	CHECK(ex_text_read(write_file("bad2.xml", S("<doc>\n<p>OZG</doc>")), NULL, &t, &err) == -1);
	CHECK(err.line == 2);
}

static void test_xml_external_entity_never_read(void)
{
	char secret[300], doc[600];
	snprintf(secret, sizeof secret, "%s/secret.txt", dir);
	write_file("secret.txt", S("Dataport"));
	int n = snprintf(doc, sizeof doc,
	                 "<?xml version=\"1.0\"?>\n<!DOCTYPE d [<!ENTITY x SYSTEM \"file://%s\">]>\n"
	                 "<d>OZG &x; <e>&x;</e></d>\n", secret);
	struct got g;
	int rc = extract("xxe.xml", doc, (size_t)n, &g);
	CHECK(rc == 0);
	CHECK(strstr(g.log, "Dataport") == NULL);
	CHECK(strstr(g.log, "OZG") != NULL);
	n = snprintf(doc, sizeof doc,
	             "<?xml version=\"1.0\"?>\n<!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
	             "<d>&x;</d>\n");
	struct ex_text t;
	struct err err;
	if (ex_text_read(write_file("xxe2.xml", doc, (size_t)n), NULL, &t, &err) == 0) {
		CHECK(strstr(t.data, "root") == NULL);
		ex_text_free(&t);
	}
}

static void test_billion_laughs_finishes_fast(void)
{
	struct buf b = BUF_INIT;
	buf_puts(&b, "<?xml version=\"1.0\"?>\n<!DOCTYPE l [<!ENTITY l0 \"OZG \">\n");
	for (int i = 1; i <= 12; i++) {
		buf_printf(&b, "<!ENTITY l%d \"", i);
		for (int k = 0; k < 10; k++)
			buf_printf(&b, "&l%d;", i - 1);
		buf_puts(&b, "\">\n");
	}
	buf_puts(&b, "]>\n<d>&l12;</d>\n");
	clock_t t0 = clock();
	struct got g;
	extract("lol.xml", b.data, b.len, &g); /* an error or no expansion: both fine */
	double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	CHECK(secs < 2.0);
	CHECK(strlen(g.log) < 100);
	buf_free(&b);
}

static void test_format_by_extension(void)
{
	CHECK_STR(ex_format_for("a.MD"), "md");
	CHECK_STR(ex_format_for("a.markdown"), "md");
	CHECK_STR(ex_format_for("a.htm"), "html");
	CHECK_STR(ex_format_for("a.xhtml"), "html");
	CHECK_STR(ex_format_for("a.xml"), "xml");
	CHECK_STR(ex_format_for("a.csv"), "txt");
	CHECK(ex_format_valid("xml") && ex_format_valid("pdf") && !ex_format_valid("rtf"));
}

static void test_text_position_map(void)
{
	struct ex_text t;
	struct err err;
	CHECK(ex_text_read(write_file("p.txt", S("ab\n\xC3\xA4x\n")), NULL, &t, &err) == 0);
	long line, col;
	ex_text_position(&t, 5, &line, &col);
	CHECK(line == 2 && col == 2);
	ex_text_position(&t, 0, &line, &col);
	CHECK(line == 1 && col == 1);
	ex_text_free(&t);
}

int main(void)
{
	if (!mkdtemp(dir))
		return 1;
	RUN(test_text_offsets_and_lines);
	RUN(test_bom_dropped_offsets_kept);
	RUN(test_invalid_utf8_reported_once_with_line);
	RUN(test_markdown_markup_blanked);
	RUN(test_html_text_attributes_and_skips);
	RUN(test_xml_text_content);
	RUN(test_xml_external_entity_never_read);
	RUN(test_billion_laughs_finishes_fast);
	RUN(test_format_by_extension);
	RUN(test_text_position_map);
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	TEST_END();
}
