/* cmd_user.c - glossar user add|list|passwd|disable|enable: the accounts for
 * editing in the browser (kb/users.c). The command line acts as the local
 * admin. A password is never an argument (it would show in ps and the shell
 * history): it is read from the terminal without echo, or as one line from
 * stdin. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cli.h"

static const char help[] =
	"usage: glossar user add NAME --role editor|reviewer|admin\n"
	"       glossar user list [--format text|tsv]\n"
	"       glossar user passwd NAME\n"
	"       glossar user disable NAME / enable NAME\n"
	"\n"
	"Accounts for editing in the browser (glossar serve). Roles: an editor\n"
	"changes concepts and sends them to review; a reviewer also approves and\n"
	"rejects (never a change of their own: four eyes); an admin also manages\n"
	"accounts. The password is read from the terminal without echo (asked\n"
	"twice), or as the first line of stdin when stdin is not a terminal; at\n"
	"least 8 characters. It is stored as an Argon2id hash (libsodium).\n"
	"passwd and disable end the account's sessions at once. Accounts are never\n"
	"written by any export; 'kb backup' copies them with the rest of the file.\n"
	"\n"
	"examples:\n"
	"  glossar user add amueller --role editor\n"
	"  printf '%%s\\n' \"$PASSWORD\" | glossar user add bkrause --role reviewer\n"
	"  glossar user list\n"
	"  glossar user disable amueller\n";

/* Reads one line without its line end; 0 ok, -1 on EOF or error. */
static int read_line(FILE *f, char *out, size_t size)
{
	if (!fgets(out, (int)size, f))
		return -1;
	size_t n = strlen(out);
	if (n == size - 1 && out[n - 1] != '\n') {
		/* longer than we take: refuse rather than cut it silently */
		int c;
		while ((c = fgetc(f)) != EOF && c != '\n')
			;
		out[0] = '\0';
		return -2;
	}
	while (n && (out[n - 1] == '\n' || out[n - 1] == '\r'))
		out[--n] = '\0';
	return 0;
}

static int ask(const char *prompt, char *out, size_t size)
{
	struct termios old, quiet;
	/* Echo goes off before the prompt shows, so nothing typed after it is seen. */
	int has_tty = tcgetattr(STDIN_FILENO, &old) == 0;
	if (has_tty) {
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		quiet.c_lflag |= ECHONL;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	fputs(prompt, stderr);
	fflush(stderr);
	int rc = read_line(stdin, out, size);
	if (has_tty)
		tcsetattr(STDIN_FILENO, TCSANOW, &old);
	return rc;
}

/* The password from the terminal (twice) or stdin; prints why on failure. */
static int read_password(const char *cmd, char *out, size_t size)
{
	if (isatty(STDIN_FILENO)) {
		char again[1100];
		if (ask("Password: ", out, size) < 0 || ask("Password again: ", again, sizeof again) < 0) {
			fprintf(stderr, "glossar user %s: no password given\n", cmd);
			return -1;
		}
		int same = !strcmp(out, again);
		memset(again, 0, sizeof again);
		if (!same) {
			fprintf(stderr, "glossar user %s: the passwords differ\n", cmd);
			return -1;
		}
		return 0;
	}
	int rc = read_line(stdin, out, size);
	if (rc == -2) {
		fprintf(stderr, "glossar user %s: the password is too long (at most 1024 bytes)\n", cmd);
		return -1;
	}
	if (rc < 0) {
		fprintf(stderr, "glossar user %s: expected the password as a line on stdin\n", cmd);
		return -1;
	}
	return 0;
}

struct list_ctx {
	int is_tsv;
};

static int print_user(const struct kb_user *u, void *ctx)
{
	const struct list_ctx *l = ctx;
	const char *state = u->is_disabled ? "disabled" : "active";
	if (l->is_tsv)
		printf("%s\t%s\t%s\t%s\n", u->name, kb_role_name(u->role), state, u->created);
	else
		printf("%-24s %-9s %-9s %s\n", u->name, kb_role_name(u->role), state, u->created);
	return 0;
}

static int user_list(struct cli *cli, int argc, char **argv)
{
	struct list_ctx l = { 0 };
	for (int i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--format") && i + 1 < argc) {
			const char *f = argv[++i];
			if (strcmp(f, "text") && strcmp(f, "tsv"))
				return cli_usage_error("user", "unknown format '%s' (text, tsv)", f);
			l.is_tsv = !strcmp(f, "tsv");
		} else {
			return cli_usage_error("user", "unexpected argument '%s'", argv[i]);
		}
	}
	struct kb *kb;
	if (cli_open_kb_readonly(cli, &kb) < 0)
		return EXIT_INPUT;
	struct err err = { "", 0, "" };
	if (l.is_tsv)
		printf("name\trole\tstate\tcreated\n");
	int rc = kb_user_list(kb, print_user, &l, &err) < 0 ? cli_fail(&err) : EXIT_OK;
	kb_close(kb);
	return rc;
}

int cmd_user(struct cli *cli, int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return cli_help(help);
	if (argc < 2)
		return cli_usage_error("user", "expected add, list, passwd, disable or enable");
	const char *sub = argv[1];
	if (!strcmp(sub, "list"))
		return user_list(cli, argc, argv);
	int is_add = !strcmp(sub, "add"), is_passwd = !strcmp(sub, "passwd"),
	    is_disable = !strcmp(sub, "disable"), is_enable = !strcmp(sub, "enable");
	if (!is_add && !is_passwd && !is_disable && !is_enable)
		return cli_usage_error("user", "unknown subcommand '%s'", sub);
	const char *name = NULL, *role_name = NULL;
	for (int i = 2; i < argc; i++) {
		if (is_add && !strcmp(argv[i], "--role") && i + 1 < argc)
			role_name = argv[++i];
		else if (is_add && !strncmp(argv[i], "--role=", 7))
			role_name = argv[i] + 7;
		else if (!strncmp(argv[i], "--pass", 6))
			return cli_usage_error("user", "a password is never an argument; it is read "
			                       "from the terminal or stdin");
		else if (argv[i][0] == '-')
			return cli_usage_error("user", "unknown option '%s'", argv[i]);
		else if (!name)
			name = argv[i];
		else
			return cli_usage_error("user", "unexpected argument '%s'", argv[i]);
	}
	if (!name)
		return cli_usage_error("user", "expected an account name");
	if (!kb_user_name_is_valid(name))
		return cli_usage_error("user", "invalid account name '%s' (1 to 64 of A-Z a-z 0-9 . _ -)",
		                       name);
	enum kb_role role = 0;
	if (is_add) {
		if (!role_name)
			return cli_usage_error("user", "expected --role editor|reviewer|admin");
		if (!(role = kb_role_parse(role_name)))
			return cli_usage_error("user", "unknown role '%s' (editor, reviewer, admin)",
			                       role_name);
	}
	struct kb *kb;
	if (cli_open_kb(cli, &kb) < 0)
		return EXIT_INPUT;
	struct err err = { "", 0, "" };
	int rc = EXIT_OK;
	char password[1100] = "";
	if (is_add || is_passwd) {
		struct kb_user u;
		int found = kb_user_get(kb, name, &u, &err);
		/* Said before the password is asked for, not after. */
		if (found == 1 && is_add)
			err_set(&err, kb_path(kb), 0, "an account named '%s' exists already", name);
		else if (found == 0 && is_passwd)
			err_set(&err, kb_path(kb), 0, "no account named '%s'", name);
		if (found < 0 || (found == 1 && is_add) || (found == 0 && is_passwd))
			rc = cli_fail(&err);
		else if (read_password(sub, password, sizeof password) < 0)
			rc = EXIT_INPUT;
	}
	if (rc == EXIT_OK) {
		int r = is_add      ? kb_user_add(kb, name, role, password, &err)
		        : is_passwd ? kb_user_passwd(kb, name, password, &err)
		                    : kb_user_set_disabled(kb, name, is_disable, &err);
		if (r < 0)
			rc = cli_fail(&err);
		else
			printf("%s: %s\n", name, is_add ? "added" : is_passwd ? "password changed"
			                         : is_disable ? "disabled, sessions ended" : "enabled");
	}
	memset(password, 0, sizeof password);
	kb_close(kb);
	return rc;
}
