/* fuzz_tbx.c - libFuzzer harness for the TBX-Basic importer: any bytes are
 * parsed (libxml2, no DTD, no entities) into rows; those are then checked
 * against a KB on a temporary file as a dry run (the import's row rules,
 * keys and relations, rolled back), so the KB never grows. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../kb/kb.h"

static const char *subject_type(const char *subject)
{
	return !strcmp(subject, "Gesetz") ? "law" : !strcmp(subject, "Gremium") ? "body" : NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct kb *kb;
	static int opened;
	struct err err;
	if (!opened) {
		opened = 1;
		char path[] = "/tmp/glossar-fuzz-tbx.XXXXXX";
		int fd = mkstemp(path);
		if (fd >= 0) {
			close(fd);
			unlink(path); /* kb_open creates it anew */
			if (kb_open(&kb, path, &err) < 0)
				kb = NULL;
		}
	}
	kb_import_tbx_mem(NULL, (const char *)data, size, "fuzz.tbx", subject_type, NULL, &err);
	if (kb)
		kb_import_tbx_mem(kb, (const char *)data, size, "fuzz.tbx", subject_type, NULL, &err);
	return 0;
}
