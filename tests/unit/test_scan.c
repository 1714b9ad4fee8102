/* test_scan.c - the matcher's fast paths: the SSE2 normaliser and word-start
 * scan give exactly what the scalar paths give (GLOSSAR_NO_SIMD forces
 * those), on random text and on real documents; the word-start prefilter
 * never loses a match (labels of one to five bytes at the start, the
 * middle and the very end of a block). */
#include <stdlib.h>

#include "../../common/buf.h"
#include "../../extract/gz_internal.h"
#include "test.h"

static const struct gz_label labels[] = {
	{ "Onlinezugangsgesetz", "ozg", GZ_PREF, 0 },
	{ "OZG", "ozg", GZ_ABBREV, 0 },
	{ "EfA", "efa", GZ_ABBREV, 0 },
	{ "IT-Planungsrat", "it-planungsrat", GZ_PREF, 0 },
	{ "IT", "it", GZ_ABBREV, 0 },
	{ "X", "x", GZ_ABBREV, 0 },
	{ "Amt", "amt", GZ_PREF, 0 },
	{ "Ämter", "aemter", GZ_PREF, 0 },
	{ "Straße", "strasse", GZ_PREF, 0 },
	{ "Deutschland-Stack", "deutschland-stack", GZ_PREF, 0 },
	{ "die Digitalisierung", "digitalisierung", GZ_PREF, 0 },
	{ "Registermodernisierung", "registermodernisierung", GZ_PREF, GZ_FLAG_COMPOUND },
	{ "Art. 91c GG", "art-91c-gg", GZ_PREF, 0 },
	{ "§ 3", "p3", GZ_PREF, 0 },
};

/* Every hit as "start-end:concept:method;" */
static void hits_of(const struct gz *gz, const char *text, size_t len, struct buf *out)
{
	struct nz z;
	nz_init(&z);
	struct gz_hit *hits = NULL;
	size_t n = 0, cap = 0;
	buf_reset(out);
	buf_puts(out, "");
	if (nz_run(&z, text, len) == 0 && gz_match_block(gz, &z, text, 0, len, &hits, &n, &cap) == 0)
		for (size_t i = 0; i < n; i++)
			buf_printf(out, "%zu-%zu:%s:%s;", hits[i].start, hits[i].end,
			           gz_entry_concept(gz, hits[i].entry), hits[i].method);
	else
		buf_puts(out, "error");
	free(hits);
	nz_free(&z);
}

static int same_nz(const struct nz *a, const struct nz *b)
{
	return a->n == b->n && a->first_invalid == b->first_invalid && !memcmp(a->b, b->b, a->n) &&
	       !memcmp(a->fl, b->fl, a->n) && !memcmp(a->off, b->off, a->n * sizeof *a->off) &&
	       !memcmp(a->cpend, b->cpend, a->n * sizeof *a->cpend);
}

/* Both paths on one text: the same normalised bytes, flags and offsets,
 * and the same hits. */
static int both_paths_agree(const struct gz *gz, const char *text, size_t len)
{
	struct nz a, b;
	struct buf ha = BUF_INIT, hb = BUF_INIT;
	nz_init(&a);
	nz_init(&b);
	unsetenv("GLOSSAR_NO_SIMD");
	int ok = nz_run(&a, text, len) == 0;
	hits_of(gz, text, len, &ha);
	setenv("GLOSSAR_NO_SIMD", "1", 1);
	ok = ok && nz_run(&b, text, len) == 0 && same_nz(&a, &b);
	hits_of(gz, text, len, &hb);
	unsetenv("GLOSSAR_NO_SIMD");
	ok = ok && !strcmp(buf_cstr(&ha), buf_cstr(&hb));
	if (!ok)
		fprintf(stderr, "paths differ on \"%.*s\": %s / %s\n", (int)(len < 200 ? len : 200), text,
		        buf_cstr(&ha), buf_cstr(&hb));
	nz_free(&a);
	nz_free(&b);
	buf_free(&ha);
	buf_free(&hb);
	return ok;
}

static void test_simd_and_scalar_agree_on_random_text(void)
{
	struct err err;
	struct gz *gz = gz_compile(labels, sizeof labels / sizeof *labels, &err);
	CHECK(gz != NULL);
	if (!gz)
		return;
	/* pieces that meet every path: ASCII words and digits, every kind of
	 * white space, hyphens and dashes, umlauts (composed and not), soft
	 * hyphens, zero-width spaces, NUL, invalid bytes, labels */
	static const char *const pieces[] = {
		"a", "Zb", "0", "9x", " ", "  ", "\n", "\t", "\r\n", "\f", "-", "-\n", "- ",
		"\xe2\x80\x93", "\xc3\xa4", "\xc3\x84", "\xc3\x9f", "a\xcc\x88", "\xc2\xad",
		"\xe2\x80\x8b", "\xc2\xa0", "\xff", "\x01", ".", ",", "(", "\xc7\x85", "OZG", "EfA",
		"IT", "X", "Amt", "\xc3\x84mter", "Stra\xc3\x9f" "e", "Deutschland", "Stack", "die",
		"Digitalisierung", "Register", "modernisierung", "Art.", "91c", "GG", "\xc2\xa7",
		"3", "onlinezugangsgesetz", "verwaltung",
	};
	size_t n_pieces = sizeof pieces / sizeof *pieces;
	char text[4096];
	srand(7);
	int bad = 0;
	for (int it = 0; it < 20000 && !bad; it++) {
		size_t len = 0;
		int k = rand() % 80;
		for (int q = 0; q < k; q++) {
			const char *p = pieces[rand() % n_pieces];
			size_t l = strlen(p);
			/* mostly words and spaces: the fast paths' long runs */
			if (rand() % 3 == 0)
				p = rand() % 2 ? " " : "verwaltung";
			l = strlen(p);
			memcpy(text + len, p, l);
			len += l;
		}
		if (rand() % 10 == 0)
			text[len++] = '\0'; /* a NUL byte: white space */
		bad = !both_paths_agree(gz, text, len);
	}
	CHECK(!bad);
	gz_free(gz);
}

static void test_simd_and_scalar_agree_on_documents(void)
{
	struct err err;
	struct gz *gz = gz_compile(labels, sizeof labels / sizeof *labels, &err);
	CHECK(gz != NULL);
	static const char *const files[] = {
		"tests/data/corpus/transkript-beispiel.txt", "tests/data/extract/sample.md",
		"tests/data/extract/sample.html", "tests/data/discovery/invalid-utf8.txt",
		"glossary.csv",
	};
	for (size_t f = 0; gz && f < sizeof files / sizeof *files; f++) {
		FILE *fp = fopen(files[f], "rb");
		CHECK(fp != NULL);
		if (!fp)
			continue;
		struct buf t = BUF_INIT;
		char chunk[65536];
		size_t got;
		while ((got = fread(chunk, 1, sizeof chunk, fp)) > 0)
			buf_append(&t, chunk, got);
		fclose(fp);
		CHECK(t.len > 0 && both_paths_agree(gz, t.data, t.len));
		buf_free(&t);
	}
	gz_free(gz);
}

/* The prefilter looks at a word start's next four bytes; labels shorter
 * than that, at the end of the text, must still match. */
static void test_short_labels_at_every_place(void)
{
	struct err err;
	struct gz *gz = gz_compile(labels, sizeof labels / sizeof *labels, &err);
	CHECK(gz != NULL);
	if (!gz)
		return;
	static const struct {
		const char *text, *want;
	} cases[] = {
		{ "X", "0-1:x:exact;" },
		{ "IT", "0-2:it:exact;" },
		{ "OZG", "0-3:ozg:exact;" },
		{ "Amt", "0-3:amt:exact;" },
		{ "das X", "4-5:x:exact;" },
		{ "das IT", "4-6:it:exact;" },
		{ "das OZG", "4-7:ozg:exact;" },
		{ "das Amt", "4-7:amt:exact;" },
		{ "das Amts", "4-8:amt:inflected;" },
		{ "die \xc3\x84mter", "4-10:aemter:exact;" },
		{ "die Stra\xc3\x9f" "e", "4-11:strasse:exact;" },
		{ "\xc2\xa7 3", "0-4:p3:exact;" },
		{ "EfA OZG IT X", "0-3:efa:exact;4-7:ozg:exact;8-10:it:exact;11-12:x:exact;" },
		{ "die\nDigitalisierung", "0-19:digitalisierung:normalized;" },
		{ "OZG-Umsetzung", "0-3:ozg:compound;" },
		{ "Ozg Xy", "" },
	};
	struct buf out = BUF_INIT;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		for (int scalar = 0; scalar < 2; scalar++) {
			if (scalar)
				setenv("GLOSSAR_NO_SIMD", "1", 1);
			hits_of(gz, cases[i].text, strlen(cases[i].text), &out);
			unsetenv("GLOSSAR_NO_SIMD");
			CHECK_STR(buf_cstr(&out), cases[i].want);
		}
		/* the same after 40 bytes of text: the SSE2 scan's full steps */
		char longer[256];
		snprintf(longer, sizeof longer, "Text vor dem Begriff, lang genug dafuer %s", cases[i].text);
		struct buf a = BUF_INIT, b = BUF_INIT;
		hits_of(gz, longer, strlen(longer), &a);
		setenv("GLOSSAR_NO_SIMD", "1", 1);
		hits_of(gz, longer, strlen(longer), &b);
		unsetenv("GLOSSAR_NO_SIMD");
		CHECK(!strcmp(buf_cstr(&a), buf_cstr(&b)) && (a.len > 0) == (cases[i].want[0] != 0));
		buf_free(&a);
		buf_free(&b);
	}
	buf_free(&out);
	gz_free(gz);
}

int main(void)
{
	RUN(test_simd_and_scalar_agree_on_random_text);
	RUN(test_simd_and_scalar_agree_on_documents);
	RUN(test_short_labels_at_every_place);
	TEST_END();
}
