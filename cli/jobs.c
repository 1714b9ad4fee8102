/* jobs.c - the -j N option of extract and discover: how many threads. */
#include <stdlib.h>
#include <unistd.h>

#include "cli.h"

int cli_default_jobs(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	if (n < 1)
		return 1;
	return n > CLI_MAX_JOBS ? CLI_MAX_JOBS : (int)n;
}

int cli_parse_jobs(const char *value)
{
	char *end;
	long n = strtol(value, &end, 10);
	if (!*value || *end || n < 1 || n > CLI_MAX_JOBS)
		return 0;
	return (int)n;
}
