/* cmd_term.c - glossar term SUBCOMMAND: the editors' commands. Each write
 * runs in one transaction through kb_concept_put, so it is one entry (batch)
 * in the history and can be undone. Argument parsing and messages only; the
 * rules live in kb/curate.c and kb/history.c. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "term.h"

static const char help_term[] =
	"usage: glossar term SUBCOMMAND [options]\n"
	"\n"
	"The editors' commands. Every change is recorded in the history (time,\n"
	"editor from $GLOSSAR_USER or the login name, the concept before and after)\n"
	"and can be undone.\n"
	"\n"
	"  add KEY --type T --label L    a new draft concept\n"
	"  define KEY TEXT --source TITLE --url URL   set the definition\n"
	"  alias KEY LABEL [--kind alt|abbrev|hidden] / unalias KEY LABEL\n"
	"  relate KEY broader|related OTHER [--remove]\n"
	"  status KEY draft|review|approved|deprecated [--replaced-by OTHER]\n"
	"  edit KEY                      edit the concept in $VISUAL / $EDITOR\n"
	"  show KEY [--format text|json] / list [--type T] [--status S] [--format text|tsv]\n"
	"  merge KEY INTO                KEY becomes a deprecated alias of INTO\n"
	"  history [KEY] / undo [ID] [--batch N] [--force]\n"
	"  search QUERY                  full-text search over labels and definitions\n"
	"\n"
	"'glossar term SUBCOMMAND --help' describes each.\n";

/* ---- shared ---- */

static int usage(const char *sub, const char *fmt, const char *arg)
{
	char cmd[64];
	snprintf(cmd, sizeof cmd, "term %s", sub);
	return cli_usage_error(cmd, fmt, arg ? arg : "");
}

/* Loads a concept for a change; prints the error and returns -1 when absent. */
static int load(struct kb *kb, const char *key, struct kb_concept *c)
{
	struct err err = { "", 0, "" };
	int found = kb_concept_get(kb, key, c, &err);
	if (found < 0)
		return cli_fail(&err), -1;
	if (found == 0) {
		fprintf(stderr, "glossar: no concept '%s'\n", key);
		return -1;
	}
	return 0;
}

/* Writes c in its own transaction after the workflow check; prints what
 * happened. Returns the exit status. */
static int commit_change(struct kb *kb, struct kb_concept *c, const char *from_status,
                         const char *action)
{
	struct err err = { "", 0, "" };
	if (kb_status_check(from_status, c, &err) < 0)
		return cli_fail(&err);
	if (kb_begin(kb, &err) < 0)
		return cli_fail(&err);
	/* The states before and after, as stored, say what changed. */
	struct kb_concept before, after;
	int had = kb_concept_get(kb, c->key, &before, &err);
	int r = had < 0 ? -1 : kb_concept_put(kb, c, action, &err);
	int has = r < 0 ? -1 : kb_concept_get(kb, c->key, &after, &err);
	if (has < 0) {
		if (had >= 0)
			kb_concept_free(&before);
		kb_rollback(kb);
		return cli_fail(&err);
	}
	struct buf what = BUF_INIT, shown = BUF_INIT;
	if (r == KB_UNCHANGED)
		buf_puts(&what, "unchanged");
	else
		term_change_summary(&what, had ? &before : NULL, has ? &after : NULL);
	kb_concept_free(&before);
	kb_concept_free(&after);
	int rc = EXIT_OK;
	if (kb_commit(kb, &err) < 0)
		rc = cli_fail(&err);
	else if (term_display_escape(&shown, buf_cstr(&what)) == 0)
		printf("%s: %s\n", c->key, buf_cstr(&shown));
	buf_free(&what);
	buf_free(&shown);
	return rc;
}

/* One line per change of a batch: "undone #ID: KEY what changed". */
struct undo_out {
	struct kb *kb;
	long n;
};

static int print_undone(const struct kb_change *ch, void *ctx_)
{
	struct undo_out *o = ctx_;
	if (++o->n > 20)
		return 0; /* a whole import: the count says the rest */
	struct kb_concept before, after;
	struct err err = { "", 0, "" };
	int hb = ch->before && kb_concept_from_json(o->kb, ch->before, &before, &err) == 0;
	int ha = ch->after && kb_concept_from_json(o->kb, ch->after, &after, &err) == 0;
	struct buf s = BUF_INIT, shown = BUF_INIT;
	term_change_summary(&s, hb ? &before : NULL, ha ? &after : NULL);
	if (term_display_escape(&shown, buf_cstr(&s)) == 0)
		printf("undone #%lld: %s %s\n", ch->undoes, ch->entity, buf_cstr(&shown));
	buf_free(&s);
	buf_free(&shown);
	if (hb)
		kb_concept_free(&before);
	if (ha)
		kb_concept_free(&after);
	return 0;
}

static int set_str(char **dst, const char *s)
{
	char *copy = strdup(s ? s : "");
	if (!copy)
		return -1;
	free(*dst);
	*dst = copy;
	return 0;
}

static int strv_remove(struct strv *sv, const char *s)
{
	for (size_t i = 0; i < sv->n; i++)
		if (!strcmp(sv->v[i], s)) {
			free(sv->v[i]);
			memmove(sv->v + i, sv->v + i + 1, (sv->n - i - 1) * sizeof *sv->v);
			sv->n--;
			return 1;
		}
	return 0;
}

static int is_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			return 0;
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return 1;
	}
	return 0;
}

/* ---- add ---- */

static const char help_add[] =
	"usage: glossar term add KEY --type TYPE --label LABEL [--abbrev A]... [--alt A]...\n"
	"                        [--hidden H]... [--broader K]... [--related K]... [--match F]...\n"
	"\n"
	"Adds a new concept as a draft. KEY is [a-z0-9-]+ and never reused; TYPE is one of\n"
	"organisation, body, law, programme, principle, service, register, standard,\n"
	"process, role, place, person, concept. --abbrev, --alt and --hidden may repeat.\n"
	"\n"
	"example:\n"
	"  glossar term add fitko --type organisation --label 'Föderale IT-Kooperation' --abbrev FITKO\n"
	"  fitko: added\n";

static int term_add(struct kb *kb, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "type", required_argument, NULL, 't' }, { "label", required_argument, NULL, 'l' },
		{ "abbrev", required_argument, NULL, 'a' }, { "alt", required_argument, NULL, 'A' },
		{ "hidden", required_argument, NULL, 'H' }, { "broader", required_argument, NULL, 'b' },
		{ "related", required_argument, NULL, 'r' }, { "match", required_argument, NULL, 'm' },
		{ NULL, 0, NULL, 0 },
	};
	struct kb_concept c;
	kb_concept_init(&c);
	int o, bad = 0, rc = EXIT_INPUT;
	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1 && !bad) {
		switch (o) {
		case 't': bad = set_str(&c.type, optarg); break;
		case 'l': bad = set_str(&c.pref_label, optarg); break;
		case 'a': bad = strv_push(&c.abbreviations, optarg); break;
		case 'A': bad = strv_push(&c.alt_labels, optarg); break;
		case 'H': bad = strv_push(&c.hidden_labels, optarg); break;
		case 'b': bad = strv_push(&c.broader, optarg); break;
		case 'r': bad = strv_push(&c.related, optarg); break;
		case 'm': bad = strv_push(&c.match, optarg); break;
		default: kb_concept_free(&c); return cli_option_error("term add", argv, "", opts);
		}
	}
	if (bad) {
		kb_concept_free(&c);
		return fprintf(stderr, "glossar: out of memory\n"), EXIT_INPUT;
	}
	if (argc - optind != 1 || !c.type || !c.pref_label) {
		kb_concept_free(&c);
		return usage("add", "expected KEY, --type and --label%s", NULL);
	}
	for (size_t i = 0; i < c.match.n; i++) {
		int known = 0;
		for (int k = 0; kb_match_flags[k]; k++)
			known |= !strcmp(kb_match_flags[k], c.match.v[i]);
		if (!known) {
			rc = usage("add", "unknown match flag '%s' (case, compound, context, hidden-context, ordinary-word)", c.match.v[i]);
			kb_concept_free(&c);
			return rc;
		}
	}
	if (set_str(&c.key, argv[optind]) || set_str(&c.status, "draft") ||
	    set_str(&c.definition, "") || set_str(&c.source, "") || set_str(&c.source_url, "") ||
	    set_str(&c.replaced_by, "")) {
		kb_concept_free(&c);
		return fprintf(stderr, "glossar: out of memory\n"), EXIT_INPUT;
	}
	struct kb_concept old;
	struct err err = { "", 0, "" };
	int found = kb_concept_get(kb, c.key, &old, &err);
	kb_concept_free(&old);
	if (found != 0) {
		if (found < 0)
			rc = cli_fail(&err);
		else
			fprintf(stderr, "glossar: concept '%s' already exists (keys are never reused; "
			        "change it with term edit)\n", c.key);
		kb_concept_free(&c);
		return EXIT_INPUT;
	}
	/* The check and the write must not race another editor adding the same key. */
	if (kb_begin(kb, &err) < 0) {
		kb_concept_free(&c);
		return cli_fail(&err);
	}
	found = kb_concept_get(kb, c.key, &old, &err);
	kb_concept_free(&old);
	int r = found == 0 ? kb_concept_put(kb, &c, "term add", &err) : -1;
	if (found > 0)
		err_set(&err, "", 0, "concept '%s' already exists", c.key);
	if (r < 0) {
		kb_rollback(kb);
		rc = cli_fail(&err);
	} else if (kb_commit(kb, &err) < 0) {
		rc = cli_fail(&err);
	} else {
		printf("%s: added\n", c.key);
		rc = EXIT_OK;
	}
	kb_concept_free(&c);
	return rc;
}

/* ---- define ---- */

static const char help_define[] =
	"usage: glossar term define KEY TEXT --source TITLE --url URL\n"
	"\n"
	"Sets the concept's definition (one to three German sentences) with the\n"
	"source it is grounded in: a title and an http(s) URL. An approved concept\n"
	"must keep a sourced definition.\n"
	"\n"
	"example:\n"
	"  glossar term define fitko 'Die FITKO koordiniert die föderale IT.' \\\n"
	"      --source 'IT-Staatsvertrag' --url https://www.fitko.de/\n"
	"  fitko: updated\n";

static int term_define(struct kb *kb, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "source", required_argument, NULL, 's' }, { "url", required_argument, NULL, 'u' },
		{ NULL, 0, NULL, 0 },
	};
	const char *source = NULL, *url = NULL;
	int o;
	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (o == 's')
			source = optarg;
		else if (o == 'u')
			url = optarg;
		else
			return cli_option_error("term define", argv, "", opts);
	}
	if (argc - optind != 2)
		return usage("define", "expected KEY and TEXT%s", NULL);
	if (url && *url && !kb_url_is_valid(url))
		return usage("define", "malformed URL '%s' (http or https with a host)", url);
	struct kb_concept c;
	if (load(kb, argv[optind], &c) < 0)
		return EXIT_INPUT;
	char *from = strdup(c.status);
	int rc = EXIT_INPUT;
	if (from && !set_str(&c.definition, argv[optind + 1]) &&
	    !set_str(&c.source, source ? source : "") && !set_str(&c.source_url, url ? url : ""))
		rc = commit_change(kb, &c, from, "term define");
	free(from);
	kb_concept_free(&c);
	return rc;
}

/* ---- alias, unalias ---- */

static const char help_alias[] =
	"usage: glossar term alias KEY LABEL [--kind alt|abbrev|hidden]\n"
	"       glossar term unalias KEY LABEL\n"
	"\n"
	"Adds a label to the concept: an alternative name (alt, the default), an\n"
	"abbreviation (abbrev), or a misspelling or speech-recognition variant that\n"
	"is matched but never displayed (hidden). unalias removes one; the preferred\n"
	"label stays (change it with term edit).\n"
	"\n"
	"examples:\n"
	"  glossar term alias fitko FITKO --kind abbrev\n"
	"  glossar term alias fitko 'Fit Ko' --kind hidden\n"
	"  glossar term unalias fitko 'Fit Ko'\n";

static int term_alias(struct kb *kb, int argc, char **argv, int remove)
{
	static const struct option opts[] = {
		{ "kind", required_argument, NULL, 'k' }, { NULL, 0, NULL, 0 },
	};
	const char *kind = "alt";
	const char *sub = remove ? "unalias" : "alias";
	int o;
	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (o == 'k' && !remove)
			kind = optarg;
		else if (o == 'k')
			return usage(sub, "takes no --kind (it removes the label of any kind)%s", NULL);
		else
			return cli_option_error(remove ? "term unalias" : "term alias", argv, "", opts);
	}
	if (argc - optind != 2)
		return usage(sub, "expected KEY and LABEL%s", NULL);
	if (strcmp(kind, "alt") && strcmp(kind, "abbrev") && strcmp(kind, "hidden"))
		return usage(sub, "unknown kind '%s' (alt, abbrev, hidden)", kind);
	const char *label = argv[optind + 1];
	struct kb_concept c;
	if (load(kb, argv[optind], &c) < 0)
		return EXIT_INPUT;
	int rc = EXIT_INPUT;
	char *from = strdup(c.status);
	if (!from) {
		fprintf(stderr, "glossar: out of memory\n");
	} else if (remove) {
		if (!strcmp(c.pref_label, label))
			fprintf(stderr, "glossar: '%s' is the preferred label of %s; change it with "
			        "term edit\n", label, c.key);
		else if (!strv_remove(&c.abbreviations, label) && !strv_remove(&c.alt_labels, label) &&
		         !strv_remove(&c.hidden_labels, label))
			fprintf(stderr, "glossar: %s has no label '%s'\n", c.key, label);
		else
			rc = commit_change(kb, &c, from, "term unalias");
	} else {
		const char *p = label;
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			fprintf(stderr, "glossar: a label cannot be empty\n");
		else if (!strcmp(c.pref_label, label) || strv_contains(&c.abbreviations, label) ||
		         strv_contains(&c.alt_labels, label) || strv_contains(&c.hidden_labels, label))
			fprintf(stderr, "glossar: %s already has the label '%s'\n", c.key, label);
		else if (strv_push(!strcmp(kind, "abbrev") ? &c.abbreviations
		                   : !strcmp(kind, "alt")  ? &c.alt_labels
		                                           : &c.hidden_labels, label) < 0)
			fprintf(stderr, "glossar: out of memory\n");
		else
			rc = commit_change(kb, &c, from, "term alias");
	}
	free(from);
	kb_concept_free(&c);
	return rc;
}

/* ---- relate ---- */

static const char help_relate[] =
	"usage: glossar term relate KEY broader|related OTHER [--remove]\n"
	"\n"
	"Links KEY to OTHER: broader (OTHER is the wider concept; the inverse,\n"
	"narrower, is derived) or related (symmetric: declared once, shown on both).\n"
	"--remove takes the link away. A broader link that would close a cycle is refused.\n"
	"\n"
	"example:\n"
	"  glossar term relate efa related ozg\n";

/* True when start reaches goal by following broader links. */
static int reaches(const struct kb_vocab *v, const char *start, const char *goal, int depth)
{
	if (!strcmp(start, goal))
		return 1;
	const struct kb_concept *c = kb_vocab_find(v, start);
	if (!c || depth > 1000)
		return 0;
	for (size_t i = 0; i < c->broader.n; i++)
		if (reaches(v, c->broader.v[i], goal, depth + 1))
			return 1;
	return 0;
}

static int term_relate(struct kb *kb, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "remove", no_argument, NULL, 'r' }, { NULL, 0, NULL, 0 },
	};
	int remove = 0, o;
	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (o == 'r')
			remove = 1;
		else
			return cli_option_error("term relate", argv, "", opts);
	}
	if (argc - optind != 3)
		return usage("relate", "expected KEY, broader or related, and OTHER%s", NULL);
	const char *key = argv[optind], *kind = argv[optind + 1], *other = argv[optind + 2];
	int is_broader = !strcmp(kind, "broader");
	if (!is_broader && strcmp(kind, "related"))
		return usage("relate", "unknown relation '%s' (broader, related)", kind);
	if (!strcmp(key, other))
		return usage("relate", "a concept cannot be %s to itself", kind);
	struct kb_concept c;
	if (load(kb, key, &c) < 0)
		return EXIT_INPUT;
	struct strv *sv = is_broader ? &c.broader : &c.related;
	int rc = EXIT_INPUT;
	char *from = strdup(c.status);
	struct err err = { "", 0, "" };
	if (!from) {
		fprintf(stderr, "glossar: out of memory\n");
	} else if (remove) {
		if (!strv_remove(sv, other))
			fprintf(stderr, "glossar: %s has no %s link to %s\n", key, kind, other);
		else
			rc = commit_change(kb, &c, from, "term relate");
	} else if (strv_contains(sv, other)) {
		fprintf(stderr, "glossar: %s is already %s to %s\n", key, kind, other);
	} else {
		struct kb_vocab v;
		if (kb_vocab_load(kb, &v, &err) < 0) {
			rc = cli_fail(&err);
		} else {
			if (!kb_vocab_find(&v, other))
				fprintf(stderr, "glossar: no concept '%s'\n", other);
			else if (is_broader && reaches(&v, other, key, 0))
				fprintf(stderr, "glossar: %s is already broader than %s; the link would "
				        "close a cycle\n", key, other);
			else if (strv_push(sv, other) < 0)
				fprintf(stderr, "glossar: out of memory\n");
			else
				rc = commit_change(kb, &c, from, "term relate");
			kb_vocab_free(&v);
		}
	}
	free(from);
	kb_concept_free(&c);
	return rc;
}

/* ---- status ---- */

static const char help_status[] =
	"usage: glossar term status KEY draft|review|approved|deprecated [--replaced-by OTHER]\n"
	"\n"
	"Moves the concept through the review workflow draft -> review -> approved ->\n"
	"deprecated. Forward steps may skip; back only approved -> review, review ->\n"
	"draft and deprecated -> review. Approving needs a definition with its source\n"
	"(title and http(s) URL). A deprecated concept stays in exports, marked, with\n"
	"its replacement (--replaced-by); leaving deprecated drops the replacement.\n"
	"\n"
	"examples:\n"
	"  glossar term status fitko review\n"
	"  glossar term status fitko approved\n"
	"  glossar term status kommunikationsstandard deprecated --replaced-by xoev\n";

static int term_status(struct kb *kb, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "replaced-by", required_argument, NULL, 'r' }, { NULL, 0, NULL, 0 },
	};
	const char *replaced_by = NULL;
	int o;
	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (o == 'r')
			replaced_by = optarg;
		else
			return cli_option_error("term status", argv, "", opts);
	}
	if (argc - optind != 2)
		return usage("status", "expected KEY and a status%s", NULL);
	const char *status = argv[optind + 1];
	if (!kb_is_status(status))
		return usage("status", "unknown status '%s' (draft, review, approved, deprecated)",
		             status);
	if (replaced_by && strcmp(status, "deprecated"))
		return usage("status", "--replaced-by goes with deprecated%s", NULL);
	struct kb_concept c;
	if (load(kb, argv[optind], &c) < 0)
		return EXIT_INPUT;
	int rc = EXIT_INPUT;
	char *from = strdup(c.status);
	if (replaced_by) {
		struct kb_concept r;
		if (load(kb, replaced_by, &r) < 0) {
			free(from);
			kb_concept_free(&c);
			return EXIT_INPUT;
		}
		kb_concept_free(&r);
	}
	if (from && !set_str(&c.status, status) &&
	    !set_str(&c.replaced_by, replaced_by ? replaced_by
	                             : !strcmp(status, "deprecated") ? c.replaced_by : ""))
		rc = commit_change(kb, &c, from, "term status");
	free(from);
	kb_concept_free(&c);
	return rc;
}

/* ---- edit ---- */

static const char help_edit[] =
	"usage: glossar term edit KEY\n"
	"\n"
	"Opens the concept in $VISUAL, else $EDITOR, else vi, as text with one\n"
	"\"field: value\" line per field (lists separated by \" | \"), and applies\n"
	"what was saved. An unchanged or empty file changes nothing; a malformed\n"
	"one is reported as FILE:LINE: message and nothing changes.\n"
	"\n"
	"example:\n"
	"  EDITOR=nano glossar term edit ozg\n";

/* Runs $GLOSSAR_EDITOR (set by term_edit from $VISUAL or $EDITOR) on path. */
static int run_editor(const char *path)
{
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		/* Through the shell, as git does, so that EDITOR may carry arguments. */
		execl("/bin/sh", "sh", "-c", "$GLOSSAR_EDITOR \"$1\"", "sh", path, (char *)NULL);
		_exit(127);
	}
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

static char *read_all(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct buf b = BUF_INIT;
	char chunk[4096];
	size_t n;
	int bad = 0;
	while (!bad && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
		bad = buf_append(&b, chunk, n) < 0;
	bad |= ferror(f);
	fclose(f);
	if (bad) {
		buf_free(&b);
		return NULL;
	}
	if (!b.data && buf_puts(&b, "") < 0)
		return NULL;
	return buf_detach(&b);
}

static int term_edit(struct kb *kb, int argc, char **argv)
{
	if (argc != 2)
		return usage("edit", "expected KEY%s", NULL);
	struct kb_concept c;
	if (load(kb, argv[1], &c) < 0)
		return EXIT_INPUT;
	struct buf text = BUF_INIT;
	char path[] = "/tmp/glossar-edit-XXXXXX.txt";
	int fd = mkstemps(path, 4);
	int rc = EXIT_INPUT;
	if (fd < 0 || term_edit_format(&text, &c) < 0 ||
	    write(fd, text.data, text.len) != (ssize_t)text.len) {
		fprintf(stderr, "glossar: cannot write the file to edit: %s\n", strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(path);
		}
		buf_free(&text);
		kb_concept_free(&c);
		return EXIT_INPUT;
	}
	close(fd);
	const char *ed = getenv("VISUAL");
	if (!ed || !*ed)
		ed = getenv("EDITOR");
	setenv("GLOSSAR_EDITOR", ed && *ed ? ed : "vi", 1);
	char *edited = NULL;
	if (run_editor(path) < 0)
		fprintf(stderr, "glossar: the editor failed; nothing changed\n");
	else if (!(edited = read_all(path)))
		fprintf(stderr, "glossar: cannot read %s back\n", path);
	if (edited && !strcmp(edited, buf_cstr(&text))) {
		printf("%s: unchanged\n", c.key);
		rc = EXIT_OK;
	} else if (edited) {
		struct kb_concept n;
		struct err err = { "", 0, "" };
		int r = term_edit_parse(edited, path, &n, &err);
		if (r < 0) {
			cli_fail(&err);
			fprintf(stderr, "glossar: nothing changed\n");
		} else if (r == 0) {
			printf("%s: unchanged (empty file)\n", c.key);
			rc = EXIT_OK;
		} else if (*n.key && strcmp(n.key, c.key)) {
			fprintf(stderr, "glossar: the key cannot change (%s -> %s); use term merge. "
			        "nothing changed\n", c.key, n.key);
		} else if (!n.type || !*n.type) {
			fprintf(stderr, "glossar: the type is missing; nothing changed\n");
		} else {
			if (!*n.status && set_str(&n.status, c.status) < 0)
				fprintf(stderr, "glossar: out of memory\n");
			else if (set_str(&n.key, c.key) == 0)
				rc = commit_change(kb, &n, c.status, "term edit");
			kb_concept_free(&n);
		}
	}
	/* A refused edit keeps the editor's text for another try. */
	if (rc == EXIT_OK)
		unlink(path);
	else if (edited)
		fprintf(stderr, "glossar: your text is kept in %s\n", path);
	free(edited);
	buf_free(&text);
	kb_concept_free(&c);
	return rc;
}

/* ---- show, list ---- */

static const char help_show[] =
	"usage: glossar term show KEY [--format text|json]\n"
	"\n"
	"Prints one concept: as text for a person (the default, with the narrower\n"
	"concepts and related links from both sides), or as one JSON object with\n"
	"the fields of glossary.csv (lists as arrays, no modification time).\n"
	"\n"
	"examples:\n"
	"  glossar term show ozg\n"
	"  glossar term show ozg --format json\n";

static int term_show(struct kb *kb, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' }, { NULL, 0, NULL, 0 },
	};
	const char *format = "text";
	int o;
	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (o == 'f')
			format = optarg;
		else
			return cli_option_error("term show", argv, "", opts);
	}
	if (argc - optind != 1)
		return usage("show", "expected KEY%s", NULL);
	if (strcmp(format, "text") && strcmp(format, "json"))
		return usage("show", "unknown format '%s' (text, json)", format);
	struct err err = { "", 0, "" };
	struct kb_vocab v;
	if (kb_vocab_load(kb, &v, &err) < 0)
		return cli_fail(&err);
	const struct kb_concept *c = kb_vocab_find(&v, argv[optind]);
	if (!c) {
		fprintf(stderr, "glossar: no concept '%s'\n", argv[optind]);
		kb_vocab_free(&v);
		return EXIT_INPUT;
	}
	struct buf out = BUF_INIT;
	struct strv narrower = { NULL, 0 }, related = { NULL, 0 };
	int bad;
	if (!strcmp(format, "json"))
		bad = term_concept_json(&out, c) < 0 || buf_putc(&out, '\n') < 0;
	else
		bad = kb_vocab_narrower(&v, c->key, &narrower) < 0 ||
		      kb_vocab_related_all(&v, c, &related) < 0 ||
		      term_concept_text(&out, c, &narrower, &related) < 0;
	if (!bad)
		fwrite(out.data, 1, out.len, stdout);
	else
		fprintf(stderr, "glossar: out of memory\n");
	strv_free(&narrower);
	strv_free(&related);
	buf_free(&out);
	kb_vocab_free(&v);
	return bad ? EXIT_INPUT : EXIT_OK;
}

static const char help_list[] =
	"usage: glossar term list [--type T] [--status S] [--format text|tsv]\n"
	"\n"
	"Lists the concepts sorted by key: key, status, type and preferred label,\n"
	"as aligned text or as TSV (key, type, status, pref_label) without header.\n"
	"\n"
	"example:\n"
	"  glossar term list --status draft\n";

static int term_list(struct kb *kb, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "type", required_argument, NULL, 't' }, { "status", required_argument, NULL, 's' },
		{ "format", required_argument, NULL, 'f' }, { NULL, 0, NULL, 0 },
	};
	const char *type = NULL, *status = NULL, *format = "text";
	int o;
	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (o == 't')
			type = optarg;
		else if (o == 's')
			status = optarg;
		else if (o == 'f')
			format = optarg;
		else
			return cli_option_error("term list", argv, "", opts);
	}
	if (argc != optind)
		return usage("list", "unexpected argument '%s'", argv[optind]);
	if (strcmp(format, "text") && strcmp(format, "tsv"))
		return usage("list", "unknown format '%s' (text, tsv)", format);
	if (type && !kb_is_type(type))
		return usage("list", "unknown type '%s'", type);
	if (status && !kb_is_status(status))
		return usage("list", "unknown status '%s'", status);
	struct err err = { "", 0, "" };
	struct kb_vocab v;
	if (kb_vocab_load(kb, &v, &err) < 0)
		return cli_fail(&err);
	for (size_t i = 0; i < v.n; i++) {
		const struct kb_concept *c = &v.items[i];
		if ((type && strcmp(c->type, type)) || (status && strcmp(c->status, status)))
			continue;
		/* Labels are shown, never acted on by the terminal (ESC sequences). */
		struct buf label = BUF_INIT;
		if (term_display_escape(&label, c->pref_label) < 0) {
			buf_free(&label);
			kb_vocab_free(&v);
			return fprintf(stderr, "glossar: out of memory\n"), EXIT_INPUT;
		}
		if (!strcmp(format, "tsv"))
			printf("%s\t%s\t%s\t%s\n", c->key, c->type, c->status, buf_cstr(&label));
		else
			printf("%-32s %-10s %-12s %s\n", c->key, c->status, c->type, buf_cstr(&label));
		buf_free(&label);
	}
	kb_vocab_free(&v);
	return EXIT_OK;
}

/* ---- merge ---- */

static const char help_merge[] =
	"usage: glossar term merge KEY INTO\n"
	"\n"
	"Merges the duplicate KEY into INTO, in one batch of the history: KEY's\n"
	"preferred and alt labels become alt labels of INTO (abbreviations stay\n"
	"abbreviations, hidden labels stay hidden), its definition moves when INTO\n"
	"has none, its relations and every relation naming it move to INTO, and its\n"
	"mentions move. KEY stays resolvable as a deprecated concept replaced by\n"
	"INTO, keeping only its preferred label. 'glossar term undo' reverts the\n"
	"concepts (mentions come back with the next extract).\n"
	"\n"
	"example:\n"
	"  glossar term merge efa-prinzip efa\n";

static int term_merge(struct kb *kb, int argc, char **argv)
{
	if (argc != 3)
		return usage("merge", "expected KEY and INTO%s", NULL);
	struct err err = { "", 0, "" };
	if (kb_begin(kb, &err) < 0)
		return cli_fail(&err);
	if (kb_concept_merge(kb, argv[1], argv[2], &err) < 0) {
		kb_rollback(kb);
		return cli_fail(&err);
	}
	if (kb_commit(kb, &err) < 0)
		return cli_fail(&err);
	printf("%s: merged into %s\n", argv[1], argv[2]);
	return EXIT_OK;
}

/* ---- history, undo ---- */

static const char help_history[] =
	"usage: glossar term history [KEY] [--format text|tsv]\n"
	"\n"
	"Lists the changes of one concept (of all without KEY), oldest first: change\n"
	"id, batch, time, editor, action and what changed. An undo names the change\n"
	"it reverted. The tsv format has the same columns, tab-separated.\n"
	"\n"
	"example:\n"
	"  glossar term history ozg\n";

struct hist_ctx {
	struct kb *kb;
	int tsv;
	int failed;
};

static int print_change(const struct kb_change *ch, void *ctx_)
{
	struct hist_ctx *ctx = ctx_;
	struct kb_concept before, after;
	struct err err = { "", 0, "" };
	int hb = 0, ha = 0;
	if (ch->before) {
		if (kb_concept_from_json(ctx->kb, ch->before, &before, &err) < 0)
			goto fail;
		hb = 1;
	}
	if (ch->after) {
		if (kb_concept_from_json(ctx->kb, ch->after, &after, &err) < 0)
			goto fail;
		ha = 1;
	}
	struct buf s = BUF_INIT;
	if (ch->undoes)
		buf_printf(&s, "(reverts #%lld) ", ch->undoes);
	term_change_summary(&s, hb ? &before : NULL, ha ? &after : NULL);
	/* One change on one line, nothing the terminal would act on (a label's
	 * ESC sequence, an import path's line break). */
	struct buf summary = BUF_INIT, editor = BUF_INIT, action = BUF_INIT;
	term_display_escape(&summary, buf_cstr(&s));
	term_display_escape(&editor, ch->editor);
	term_display_escape(&action, ch->action);
	if (ctx->tsv)
		printf("%lld\t%lld\t%s\t%s\t%s\t%s\t%s\n", ch->id, ch->batch, ch->at,
		       buf_cstr(&editor), buf_cstr(&action), ch->entity, buf_cstr(&summary));
	else
		printf("#%-5lld batch %-4lld %s  %-10s %-18s %s: %s\n", ch->id, ch->batch, ch->at,
		       buf_cstr(&editor), buf_cstr(&action), ch->entity, buf_cstr(&summary));
	buf_free(&s);
	buf_free(&summary);
	buf_free(&editor);
	buf_free(&action);
	if (hb)
		kb_concept_free(&before);
	if (ha)
		kb_concept_free(&after);
	return 0;
fail:
	if (hb)
		kb_concept_free(&before);
	cli_fail(&err);
	ctx->failed = 1;
	return 1;
}

static int term_history(struct kb *kb, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' }, { NULL, 0, NULL, 0 },
	};
	const char *format = "text";
	int o;
	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (o == 'f')
			format = optarg;
		else
			return cli_option_error("term history", argv, "", opts);
	}
	if (argc - optind > 1)
		return usage("history", "expected at most one KEY%s", NULL);
	if (strcmp(format, "text") && strcmp(format, "tsv"))
		return usage("history", "unknown format '%s' (text, tsv)", format);
	struct hist_ctx ctx = { kb, !strcmp(format, "tsv"), 0 };
	struct err err = { "", 0, "" };
	if (kb_history(kb, argc > optind ? argv[optind] : NULL, print_change, &ctx, &err) < 0)
		return cli_fail(&err);
	return ctx.failed ? EXIT_INPUT : EXIT_OK;
}

static const char help_undo[] =
	"usage: glossar term undo [CHANGE-ID] [--change ID] [--batch N] [--force]\n"
	"\n"
	"Reverts changes by restoring each concept's state before them; the undo is\n"
	"itself recorded, so nothing is lost. Without arguments it reverts the latest\n"
	"batch that is not yet undone (one command: a whole import, a merge, one term\n"
	"change), skipping undos, so repeated undos walk back through the history.\n"
	"CHANGE-ID or --change ID reverts one change (the ids 'term history' shows);\n"
	"naming an undo's id redoes what it reverted. --batch N reverts batch N.\n"
	"A concept changed since the change is refused (exit 2) unless --force.\n"
	"\n"
	"examples:\n"
	"  glossar term undo\n"
	"  glossar term undo 42\n"
	"  glossar term undo --batch 7 --force\n";

static int parse_id(const char *s, long long *out)
{
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (*s == '#')
		return parse_id(s + 1, out);
	if (errno || end == s || *end || v <= 0)
		return -1;
	*out = v;
	return 0;
}

static int term_undo(struct kb *kb, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "change", required_argument, NULL, 'c' }, { "batch", required_argument, NULL, 'b' },
		{ "force", no_argument, NULL, 'f' }, { NULL, 0, NULL, 0 },
	};
	enum kb_undo_scope scope = KB_UNDO_LATEST;
	long long id = 0;
	int force = 0, o;
	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (o == 'f') {
			force = 1;
		} else if (o == 'c' || o == 'b') {
			if (scope != KB_UNDO_LATEST || parse_id(optarg, &id) < 0)
				return usage("undo", "expected one positive change or batch id%s", NULL);
			scope = o == 'c' ? KB_UNDO_CHANGE : KB_UNDO_BATCH;
		} else {
			return cli_option_error("term undo", argv, "", opts);
		}
	}
	if (argc - optind == 1) {
		if (scope != KB_UNDO_LATEST || parse_id(argv[optind], &id) < 0)
			return usage("undo", "expected one positive change id, not '%s'", argv[optind]);
		scope = KB_UNDO_CHANGE;
	} else if (argc != optind) {
		return usage("undo", "too many arguments%s", NULL);
	}
	struct err err = { "", 0, "" };
	long long batch;
	int n = kb_undo(kb, scope, id, force, &batch, &err);
	if (n < 0)
		return cli_fail(&err);
	if (n == 0) {
		printf("nothing to undo\n");
		return EXIT_CHECK;
	}
	struct undo_out out = { kb, 0 };
	if (kb_history_batch(kb, batch, print_undone, &out, &err) < 0)
		return cli_fail(&err);
	if (out.n > 20)
		printf("... and %ld more changes: glossar term history\n", out.n - 20);
	if (out.n > 1)
		printf("undone: %d concepts (recorded as batch %lld)\n", n, batch);
	return EXIT_OK;
}

/* ---- search ---- */

static const char help_search[] =
	"usage: glossar term search QUERY [--limit N]\n"
	"\n"
	"Full-text search over labels and definitions, normalised as the extractor\n"
	"does (Konnexität = Konnexitaet = Konnexitat; Deutschland-Stack =\n"
	"Deutschlandstack). Each word is a prefix and must occur; results are ranked\n"
	"(bm25), one per line: KEY<TAB>pref_label<TAB>snippet, with the hit in [ ].\n"
	"Exit 1 when nothing is found. --limit defaults to 20 (0: all).\n"
	"\n"
	"example:\n"
	"  glossar term search onlinezug\n";

static int print_hit(const char *key, const char *pref, const char *snippet, void *ctx)
{
	(void)ctx;
	printf("%s\t%s\t", key, pref);
	for (const char *p = snippet; *p; p++)
		putchar(*p == '\t' || *p == '\n' || *p == '\r' ? ' ' : *p);
	putchar('\n');
	return 0;
}

static int term_search(struct kb *kb, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "limit", required_argument, NULL, 'n' }, { NULL, 0, NULL, 0 },
	};
	long long limit = 20;
	int o;
	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (o == 'n' && (!strcmp(optarg, "0") || parse_id(optarg, &limit) == 0)) {
			if (!strcmp(optarg, "0"))
				limit = 0;
		} else if (o == '?') {
			return cli_option_error("term search", argv, "", opts);
		} else {
			return usage("search", "--limit expects a number, not '%s'", optarg);
		}
	}
	if (argc - optind < 1)
		return usage("search", "expected a QUERY%s", NULL);
	struct buf q = BUF_INIT;
	for (int i = optind; i < argc; i++)
		if ((i > optind && buf_putc(&q, ' ') < 0) || buf_puts(&q, argv[i]) < 0) {
			buf_free(&q);
			return fprintf(stderr, "glossar: out of memory\n"), EXIT_INPUT;
		}
	struct err err = { "", 0, "" };
	int hits = kb_search(kb, buf_cstr(&q), limit > 1000000 ? 1000000 : (int)limit, print_hit,
	                     NULL, &err);
	if (hits == 0) {
		struct buf shown = BUF_INIT;
		term_display_escape(&shown, buf_cstr(&q));
		fprintf(stderr, "glossar: no concept matches '%s'\n", buf_cstr(&shown));
		buf_free(&shown);
	}
	buf_free(&q);
	if (hits < 0)
		return cli_fail(&err);
	return hits ? EXIT_OK : EXIT_CHECK;
}

/* ---- dispatch ---- */

int cmd_term(struct cli *cli, int argc, char **argv)
{
	static const struct {
		const char *name, *help;
		int kind;
	} subs[] = {
		{ "add", help_add, 0 },         { "define", help_define, 1 },
		{ "alias", help_alias, 2 },     { "unalias", help_alias, 3 },
		{ "relate", help_relate, 4 },   { "status", help_status, 5 },
		{ "edit", help_edit, 6 },       { "show", help_show, 7 },
		{ "list", help_list, 8 },       { "merge", help_merge, 9 },
		{ "history", help_history, 10 }, { "undo", help_undo, 11 },
		{ "search", help_search, 12 },
	};
	if (argc < 2)
		return cli_usage_error("term", "expected a subcommand");
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help"))
		return cli_help(help_term);
	size_t s = 0;
	while (s < sizeof subs / sizeof subs[0] && strcmp(subs[s].name, argv[1]))
		s++;
	if (s == sizeof subs / sizeof subs[0])
		return cli_usage_error("term", "unknown subcommand '%s'", argv[1]);
	argc--;
	argv++;
	if (is_help(argc, argv))
		return cli_help(subs[s].help);
	struct kb *kb;
	/* show, list, history and search only read */
	int k = subs[s].kind, reads = k == 7 || k == 8 || k == 10 || k == 12;
	if ((reads ? cli_open_kb_readonly(cli, &kb) : cli_open_kb(cli, &kb)) < 0)
		return EXIT_INPUT;
	int rc;
	switch (subs[s].kind) {
	case 0: rc = term_add(kb, argc, argv); break;
	case 1: rc = term_define(kb, argc, argv); break;
	case 2: rc = term_alias(kb, argc, argv, 0); break;
	case 3: rc = term_alias(kb, argc, argv, 1); break;
	case 4: rc = term_relate(kb, argc, argv); break;
	case 5: rc = term_status(kb, argc, argv); break;
	case 6: rc = term_edit(kb, argc, argv); break;
	case 7: rc = term_show(kb, argc, argv); break;
	case 8: rc = term_list(kb, argc, argv); break;
	case 9: rc = term_merge(kb, argc, argv); break;
	case 10: rc = term_history(kb, argc, argv); break;
	case 11: rc = term_undo(kb, argc, argv); break;
	default: rc = term_search(kb, argc, argv); break;
	}
	kb_close(kb);
	return rc;
}
