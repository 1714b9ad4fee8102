/* cmd_kb.c - glossar kb backup FILE / check / reindex: keeping the
 * knowledge base file safe (kb/maint.c, kb/search.c). */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char help[] =
	"usage: glossar kb backup FILE\n"
	"       glossar kb check\n"
	"       glossar kb reindex\n"
	"\n"
	"backup   copies the knowledge base to FILE with SQLite's online backup API:\n"
	"         a consistent copy even while editors write; FILE is one\n"
	"         self-contained SQLite file, usable as --db FILE.\n"
	"check    runs PRAGMA integrity_check and PRAGMA foreign_key_check and\n"
	"         compares the search index with the concepts; prints each problem,\n"
	"         exit 1 when there is one, else prints 'ok'.\n"
	"reindex  rebuilds the full-text search index.\n"
	"\n"
	"examples:\n"
	"  glossar kb backup glossar-$(date +%F).db\n"
	"  glossar kb check\n"
	"  ok\n";

static int print_problem(const char *problem, void *ctx)
{
	(void)ctx;
	printf("%s\n", problem);
	return 0;
}

int cmd_kb(struct cli *cli, int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return cli_help(help);
	if (argc < 2)
		return cli_usage_error("kb", "expected backup, check or reindex");
	const char *sub = argv[1];
	int is_backup = !strcmp(sub, "backup"), is_check = !strcmp(sub, "check"),
	    is_reindex = !strcmp(sub, "reindex");
	if (!is_backup && !is_check && !is_reindex)
		return cli_usage_error("kb", "unknown subcommand '%s'", sub);
	if (argc != (is_backup ? 3 : 2))
		return cli_usage_error("kb", is_backup ? "expected: kb backup FILE"
		                                       : "unexpected argument");
	struct kb *kb;
	/* backup and check only read the knowledge base */
	if (is_reindex ? cli_open_kb(cli, &kb) < 0 : cli_open_kb_readonly(cli, &kb) < 0)
		return EXIT_INPUT;
	struct err err = { "", 0, "" };
	int rc = EXIT_OK;
	if (is_backup) {
		if (kb_backup(kb, argv[2], &err) < 0)
			rc = cli_fail(&err);
		else
			printf("backed up to %s\n", argv[2]);
	} else if (is_check) {
		int problems = kb_check(kb, print_problem, NULL, &err);
		if (problems < 0)
			rc = cli_fail(&err);
		else if (problems > 0)
			rc = EXIT_CHECK;
		else
			printf("ok\n");
	} else {
		if (kb_begin(kb, &err) < 0 || kb_search_rebuild(kb, &err) < 0 ||
		    kb_commit(kb, &err) < 0) {
			kb_rollback(kb);
			rc = cli_fail(&err);
		} else {
			printf("search index rebuilt\n");
		}
	}
	kb_close(kb);
	return rc;
}
