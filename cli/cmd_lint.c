/* cmd_lint.c - glossar lint: quality checks on the knowledge base (kb/lint.c). */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "../common/json.h"
#include "../common/wordlist.h"
#include "cli.h"
#include "term.h"

static const char help[] =
	"usage: glossar lint [--format text|jsonl]\n"
	"\n"
	"Checks the vocabulary, in the spirit of qSKOS, and prints one finding per\n"
	"line as 'KEY: error: message' or 'KEY: warning: message' (jsonl: objects\n"
	"with key, severity, check, message). Exit 1 when there are errors, 0 when\n"
	"there are only warnings or nothing.\n"
	"\n"
	"errors: a label two concepts display, a hidden label another concept\n"
	"displays, duplicate preferred labels, empty labels, approved without a\n"
	"definition or its source, a malformed source URL (http(s) with a host),\n"
	"broader links to itself or in a cycle, a replacement that does not exist\n"
	"or a replacement on a concept that is not deprecated.\n"
	"warnings: no definition, deprecated without replacement, a hidden label\n"
	"two concepts share, a concept both broader and related to another, a\n"
	"label that is an ordinary German word (ordinary-word: by the word list\n"
	"/usr/share/dict/ngerman of Debian's wngerman, or $GLOSSAR_WORDLIST; when\n"
	"it is missing lint says so once and skips that check) unless the concept's\n"
	"match flags context, hidden-context or ordinary-word settle it.\n"
	"related is symmetric (declared on one side is enough), so one-sided\n"
	"related links are no finding.\n"
	"\n"
	"example:\n"
	"  glossar lint\n"
	"  registermodernisierung: warning: no definition\n";

struct lint_out {
	int jsonl;
	long warnings, errors;
};

static int print_finding(const char *key, enum kb_severity sev, const char *check,
                         const char *message, void *ctx_)
{
	struct lint_out *ctx = ctx_;
	const char *level = sev == KB_ERROR ? "error" : "warning";
	if (sev == KB_ERROR)
		ctx->errors++;
	else
		ctx->warnings++;
	if (!ctx->jsonl) {
		/* Messages quote labels: one finding per line, nothing for the terminal to act on. */
		struct buf m = BUF_INIT;
		int bad = term_display_escape(&m, message) < 0;
		if (!bad)
			printf("%s: %s: %s [%s]\n", key, level, buf_cstr(&m), check);
		buf_free(&m);
		return bad;
	}
	struct buf b = BUF_INIT;
	int bad = buf_puts(&b, "{\"key\":") < 0 || json_str(&b, key) < 0 ||
	          buf_printf(&b, ",\"severity\":\"%s\",\"check\":", level) < 0 ||
	          json_str(&b, check) < 0 || buf_puts(&b, ",\"message\":") < 0 ||
	          json_str(&b, message) < 0 || buf_puts(&b, "}\n") < 0;
	if (!bad)
		fputs(buf_cstr(&b), stdout);
	buf_free(&b);
	return bad;
}

int cmd_lint(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' }, { "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	const char *format = "text";
	int c;
	optind = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (c == 'h')
			return cli_help(help);
		if (c == 'f')
			format = optarg;
		else
			return cli_option_error("lint", argv, "h", opts);
	}
	if (argc != optind)
		return cli_usage_error("lint", "unexpected argument '%s'", argv[optind]);
	if (strcmp(format, "text") && strcmp(format, "jsonl"))
		return cli_usage_error("lint", "unknown format '%s' (text, jsonl)", format);
	struct kb *kb;
	if (cli_open_kb_readonly(cli, &kb) < 0)
		return EXIT_INPUT;
	struct lint_out out = { !strcmp(format, "jsonl"), 0, 0 };
	struct err err = { "", 0, "" };
	int errors = kb_lint(kb, print_finding, &out, &err);
	if (errors >= 0) {
		int missing = 0;
		struct err werr = { "", 0, "" };
		struct wordlist *wl = wl_open(NULL, &missing, &werr);
		if (!wl)
			fprintf(stderr, "glossar lint: %s: %s; the ordinary-word check is skipped "
			        "(Debian package wngerman)\n", werr.file, missing ? "no word list" : werr.msg);
		else if (kb_lint_words(kb, wl, print_finding, &out, &err) < 0)
			errors = -1;
		wl_free(wl);
	}
	kb_close(kb);
	if (errors < 0)
		return cli_fail(&err);
	if (!out.jsonl && out.errors + out.warnings == 0)
		printf("no findings\n"); /* silence would look like a hang or a crash */
	else if (cli_show_progress())
		fprintf(stderr, "%ld errors, %ld warnings\n", out.errors, out.warnings);
	return errors ? EXIT_CHECK : EXIT_OK;
}
