/* fuzz_norm.c - the normalisers: norm_text/norm_key and the streaming
 * normaliser with its offset map, on any bytes. */
#include "../common/buf.h"
#include "../extract/gz_internal.h"
#include "../extract/norm.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf a = BUF_INIT, b = BUF_INIT;
	norm_text((const char *)data, size, &a);
	norm_key((const char *)data, size, &b);
	buf_free(&a);
	buf_free(&b);
	struct nz z;
	nz_init(&z);
	if (nz_run(&z, (const char *)data, size) == 0) {
		for (size_t i = 0; i < z.n; i++)
			if (z.off[i] >= size || z.cpend[i] > size || z.cpend[i] <= z.off[i] ||
			    (i && z.off[i] < z.off[i - 1]))
				abort();
	}
	nz_free(&z);
	return 0;
}
