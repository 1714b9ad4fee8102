/* test_afile.c - replacing a file safely (common/afile.h): an aborted or
 * failed write leaves the old file and no temporary file; a commit replaces
 * the file and keeps its mode. */
#include <dirent.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../common/afile.h"
#include "test.h"

static char dir[64];

static void put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static int holds(const char *path, const char *text)
{
	char got[256] = "";
	FILE *f = fopen(path, "r");
	if (!f)
		return 0;
	size_t n = fread(got, 1, sizeof got - 1, f);
	fclose(f);
	got[n] = '\0';
	return !strcmp(got, text);
}

static int entries(void)
{
	int n = 0;
	DIR *d = opendir(dir);
	for (struct dirent *e; d && (e = readdir(d));)
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	if (d)
		closedir(d);
	return n;
}

static void test_abort_keeps_the_old_file(void)
{
	char path[128];
	snprintf(path, sizeof path, "%s/a.txt", dir);
	put(path, "alt\n");
	struct afile a;
	struct err err;
	CHECK(afile_open(&a, path, &err) == 0);
	fputs("neu und halb", a.f);
	afile_abort(&a);
	CHECK(holds(path, "alt\n"));
	CHECK(entries() == 1);
}

static void test_failed_write_keeps_the_old_file(void)
{
	char path[128];
	snprintf(path, sizeof path, "%s/a.txt", dir);
	put(path, "alt\n");
	struct afile a;
	struct err err = { "", 0, "" };
	CHECK(afile_open(&a, path, &err) == 0);
	fputs("neu", a.f);
	/* A stream in error, as after ENOSPC: commit must refuse to rename. */
	fclose(a.f);
	a.f = fopen("/dev/null", "r");
	fputs("x", a.f);
	CHECK(afile_commit(&a, path, &err) == -1);
	CHECK(strstr(err.msg, "cannot write") != NULL);
	CHECK(holds(path, "alt\n"));
	CHECK(entries() == 1);
}

static void test_commit_replaces_and_keeps_the_mode(void)
{
	char path[128];
	snprintf(path, sizeof path, "%s/a.txt", dir);
	put(path, "alt\n");
	chmod(path, 0640);
	struct afile a;
	struct err err;
	CHECK(afile_open(&a, path, &err) == 0);
	fputs("neu\n", a.f);
	CHECK(holds(path, "alt\n")); /* nothing replaced before the commit */
	CHECK(afile_commit(&a, path, &err) == 0);
	CHECK(holds(path, "neu\n"));
	struct stat st;
	CHECK(stat(path, &st) == 0 && (st.st_mode & 07777) == 0640);
	CHECK(entries() == 1);
}

static void test_new_file_is_created(void)
{
	char path[128];
	snprintf(path, sizeof path, "%s/b.txt", dir);
	struct afile a;
	struct err err;
	CHECK(afile_open(&a, path, &err) == 0);
	fputs("b\n", a.f);
	CHECK(afile_commit(&a, path, &err) == 0);
	CHECK(holds(path, "b\n"));
	unlink(path);
}

static void test_missing_directory_is_an_error(void)
{
	char path[128];
	snprintf(path, sizeof path, "%s/nicht/da.txt", dir);
	struct afile a;
	struct err err = { "", 0, "" };
	CHECK(afile_open(&a, path, &err) == -1);
	CHECK(strstr(err.file, "da.txt") != NULL);
}

int main(void)
{
	snprintf(dir, sizeof dir, "%s", "/tmp/glossar-afile.XXXXXX");
	if (!mkdtemp(dir))
		return 2;
	RUN(test_abort_keeps_the_old_file);
	RUN(test_failed_write_keeps_the_old_file);
	RUN(test_commit_replaces_and_keeps_the_mode);
	RUN(test_new_file_is_created);
	RUN(test_missing_directory_is_an_error);
	char path[128];
	snprintf(path, sizeof path, "%s/a.txt", dir);
	unlink(path);
	rmdir(dir);
	TEST_END();
}
