/* cmd_candidates.c - glossar candidates list|accept|reject: the editors'
 * review queue of what glossar discover found (kb.h, "candidates"), and the
 * one way a candidate is printed (text row or JSON line), which discover
 * shares through print_candidate.h. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/buf.h"
#include "../extract/discover.h"
#include "../common/json.h"
#include "cli.h"
#include "print_candidate.h"

static const char candidates_help[] =
	"usage: glossar candidates list [--kind K] [--status S] [--format text|jsonl]\n"
	"       glossar candidates accept ID [--as KEY] [--name LABEL]\n"
	"       glossar candidates reject ID\n"
	"\n"
	"The editors' review queue of what glossar discover found.\n"
	"  list    K: abbreviation, acronym, variant, definition, citation;\n"
	"          S: pending, accepted, rejected\n"
	"  accept  abbreviation: adds the short and long form to the concept that has\n"
	"          one of them as a label, else creates a draft concept keyed by the\n"
	"          long form (\"foederale-it-kooperation\"); --as KEY names the concept;\n"
	"          --name LABEL replaces the long form discover offered.\n"
	"          acronym: likewise, with the acronym as the preferred label (with\n"
	"          --name LABEL: LABEL, the acronym as its abbreviation).\n"
	"          variant: adds a hidden label to its concept.\n"
	"          definition: sets the definition (source: the document) of the\n"
	"          concept the term names, if it has none (else refused, exit 1); a\n"
	"          term no concept has becomes a draft concept.\n"
	"          citation: marked accepted, nothing else changes.\n"
	"          Every change is in the history as \"candidates accept ID\".\n"
	"  reject  marks it rejected; discover never brings it back\n"
	"\n"
	"examples:\n"
	"  glossar candidates list --kind abbreviation\n"
	"  glossar candidates accept 3\n"
	"  glossar candidates accept 7 --as dmk\n"
	"  glossar candidates accept 9 --name 'Nationales Once-Only-Technical-System'\n"
	"  glossar candidates list --status pending --format jsonl\n";


/* Text: one line per candidate, tabs between the fields, no tabs inside them. */
static void text_field(struct buf *b, const char *s, size_t max)
{
	size_t n = 0;
	for (; *s && n < max; s++, n++)
		buf_putc(b, *s == '\t' || *s == '\n' ? ' ' : *s);
	if (*s) {
		/* cut at a character boundary */
		while (b->len && ((unsigned char)b->data[b->len - 1] & 0xC0) == 0x80)
			b->data[--b->len] = '\0';
		if (b->len && (unsigned char)b->data[b->len - 1] >= 0xC0)
			b->data[--b->len] = '\0';
		buf_puts(b, "…");
	}
}

/* A citation's parts, parsed again from its surface: "law", "slug" (when
 * the law is known), "unit", "number", "to", "ff", "paragraph", "sentence", "item". */
static int first_citation(const char *text, const struct dc_citation *cit, void *ctx)
{
	(void)text;
	*(struct dc_citation *)ctx = *cit;
	return 1;
}

static void citation_fields(struct buf *b, const struct kb_candidate *c)
{
	struct dc_citation cit;
	memset(&cit, 0, sizeof cit);
	if (!dc_citation_scan(c->surface, strlen(c->surface), first_citation, &cit))
		return;
	struct dc_span law = cit.law;
	if (law.end - law.start > 4 && (!strncmp(c->surface + law.start, "des ", 4) ||
	                                !strncmp(c->surface + law.start, "der ", 4)))
		law.start += 4;
	struct buf name = BUF_INIT;
	dc_clean(c->surface, law, &name);
	buf_puts(b, ",\"law\":");
	json_str(b, buf_cstr(&name));
	buf_free(&name);
	static const char gii[] = "https://www.gesetze-im-internet.de/";
	if (!strncmp(c->url, gii, sizeof gii - 1)) {
		const char *slug = c->url + sizeof gii - 1;
		buf_printf(b, ",\"slug\":\"%.*s\"", (int)strcspn(slug, "/\"\\"), slug);
	}
	buf_printf(b, ",\"unit\":\"%s\",\"number\":", cit.is_article ? "Art." : "\xc2\xa7");
	json_str(b, cit.number);
	if (*cit.number_to) {
		buf_puts(b, ",\"to\":");
		json_str(b, cit.number_to);
	}
	if (cit.has_ff)
		buf_puts(b, ",\"ff\":true");
	const char *names[] = { "paragraph", "sentence", "item" };
	const char *values[] = { cit.paragraph, cit.sentence, cit.item };
	for (int i = 0; i < 3; i++)
		if (*values[i]) {
			buf_printf(b, ",\"%s\":", names[i]);
			json_str(b, values[i]);
		}
}

int cli_print_candidate(const struct kb_candidate *c, void *ctx)
{
	struct cand_printer *p = ctx;
	struct buf b = BUF_INIT;
	if (p->jsonl) {
		buf_printf(&b, "{\"id\":%lld,\"kind\":", c->id);
		json_str(&b, c->kind);
		buf_puts(&b, ",\"surface\":");
		json_str(&b, c->surface);
		buf_puts(&b, ",\"expansion\":");
		json_str(&b, c->expansion);
		if (*c->url) {
			buf_puts(&b, ",\"url\":");
			json_str(&b, c->url);
		}
		if (!strcmp(c->kind, "citation"))
			citation_fields(&b, c);
		buf_puts(&b, ",\"doc\":");
		json_str(&b, c->doc);
		buf_printf(&b, ",\"line\":%ld,\"context\":", c->line);
		json_str(&b, c->context);
		buf_printf(&b, ",\"count\":%ld,\"status\":", c->count);
		json_str(&b, c->status);
		buf_puts(&b, "}\n");
	} else {
		if (p->n == 0)
			buf_puts(&b, "id\tkind\tsurface\texpansion\tcount\tfirst seen\tstatus\n");
		buf_printf(&b, "%lld\t%s\t", c->id, c->kind);
		text_field(&b, c->surface, 80);
		buf_putc(&b, '\t');
		text_field(&b, *c->url ? c->url : c->expansion, 100);
		buf_printf(&b, "\t%ld\t", c->count);
		text_field(&b, c->doc, 200);
		buf_printf(&b, ":%ld\t%s\n", c->line, c->status);
	}
	p->n++;
	int rc = fputs(buf_cstr(&b), stdout) == EOF;
	buf_free(&b);
	return rc;
}

int cli_parse_list_format(const char *cmd, const char *f, int *jsonl)
{
	if (!strcmp(f, "text"))
		*jsonl = 0;
	else if (!strcmp(f, "jsonl"))
		*jsonl = 1;
	else
		return cli_usage_error(cmd, "unknown format '%s' (text, jsonl)", f);
	return 0;
}

static int parse_id(const char *s, long long *id)
{
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || *end || end == s || v <= 0)
		return -1;
	*id = v;
	return 0;
}

int cmd_candidates(struct cli *cli, int argc, char **argv)
{
	if (argc < 2)
		return cli_usage_error("candidates", "expected list, accept or reject");
	const char *sub = argv[1];
	if (!strcmp(sub, "--help") || !strcmp(sub, "-h"))
		return cli_help(candidates_help);
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "kind", required_argument, NULL, 'k' },
		{ "status", required_argument, NULL, 's' },
		{ "format", required_argument, NULL, 'f' },
		{ "as", required_argument, NULL, 'a' },
		{ "name", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	const char *kind = NULL, *status = NULL, *as_key = NULL, *name = NULL;
	int jsonl = 0, c;
	optind = 0;
	while ((c = getopt_long(argc - 1, argv + 1, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'h':
			return cli_help(candidates_help);
		case 'k':
			kind = optarg;
			break;
		case 's':
			status = optarg;
			break;
		case 'f':
			if (cli_parse_list_format("candidates", optarg, &jsonl))
				return EXIT_INPUT;
			break;
		case 'a':
			as_key = optarg;
			break;
		case 'n':
			name = optarg;
			break;
		default:
			return cli_option_error("candidates", argv + 1, "h", opts);
		}
	}
	int n_args = argc - 1 - optind;
	char **args = argv + 1 + optind;
	static const char *const kinds[] = { "abbreviation", "acronym", "variant", "definition",
		                             "citation", NULL };
	static const char *const statuses[] = { "pending", "accepted", "rejected", NULL };
	if (kind) {
		size_t i = 0;
		while (kinds[i] && strcmp(kinds[i], kind))
			i++;
		if (!kinds[i])
			return cli_usage_error("candidates", "unknown kind '%s'", kind);
	}
	if (status) {
		size_t i = 0;
		while (statuses[i] && strcmp(statuses[i], status))
			i++;
		if (!statuses[i])
			return cli_usage_error("candidates", "unknown status '%s'", status);
	}
	struct err err = { "", 0, "" };
	struct kb *kb;
	if (!strcmp(sub, "list")) {
		if (n_args != 0 || as_key || name)
			return cli_usage_error("candidates", "list takes no arguments but --kind, --status, --format");
		if (cli_open_kb_readonly(cli, &kb) < 0)
			return EXIT_INPUT;
		struct cand_printer p = { jsonl, 0 };
		int rc = kb_candidate_list(kb, kind, status, cli_print_candidate, &p, &err);
		kb_close(kb);
		return rc < 0 ? cli_fail(&err) : EXIT_OK;
	}
	if (strcmp(sub, "accept") && strcmp(sub, "reject"))
		return cli_usage_error("candidates", "unknown subcommand '%s'", sub);
	long long id;
	if (n_args != 1 || parse_id(args[0], &id) < 0)
		return cli_usage_error("candidates", "%s expects one candidate ID", sub);
	if (kind || status || jsonl || ((as_key || name) && !strcmp(sub, "reject")))
		return cli_usage_error("candidates", "%s takes no such option", sub);
	if (cli_open_kb(cli, &kb) < 0)
		return EXIT_INPUT;
	int rc;
	char msg[512] = "";
	if (!strcmp(sub, "accept"))
		rc = kb_candidate_accept(kb, id, as_key, name, msg, &err);
	else {
		rc = kb_candidate_reject(kb, id, &err);
		snprintf(msg, sizeof msg, "candidate %lld rejected", id);
	}
	kb_close(kb);
	if (rc < 0) {
		err_print(&err, stderr);
		/* a definition the concept already has is a refused check, not bad input */
		return strstr(err.msg, "already has a definition") ? EXIT_CHECK : EXIT_INPUT;
	}
	printf("%s\n", msg);
	return EXIT_OK;
}
