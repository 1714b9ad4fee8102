/* encoding.h - text that is not UTF-8: naming its likely encoding for a
 * message, and converting a declared one to UTF-8 (iconv). */
#ifndef GLOSSAR_ENCODING_H
#define GLOSSAR_ENCODING_H

#include <stddef.h>
#include <stdio.h>

#include "buf.h"

/* The encoding that bytes which are not valid UTF-8 are most likely in:
 * "UTF-16" (a byte order mark), "UTF-16LE" or "UTF-16BE" (NUL in every other byte),
 * else "windows-1252" (what German Windows programs such as Word and Excel
 * write when not told otherwise; a superset of ISO-8859-1 for text). */
const char *enc_guess(const char *data, size_t len_bytes);

/* Appends data, in encoding `from` (an iconv name), to out as UTF-8. Returns
 * 0; -2 when iconv does not know the encoding; -1 when the input has a byte
 * sequence that is invalid in it (*bad_at: its offset), or memory ran out. */
int enc_to_utf8(const char *from, const char *data, size_t len_bytes, struct buf *out,
                size_t *bad_at);

/* A stream that reads `in` (in encoding `from`) as UTF-8, converting as it
 * goes, so a file of any size takes a fixed amount of memory. NULL with
 * errno EINVAL when iconv does not know the encoding, ENOMEM when memory
 * ran out. Invalid input ends the stream with a read error (errno EILSEQ);
 * enc_stream_bad_line then says on which line of the converted text it was.
 * Closing the stream does not close `in`. */
struct enc_stream;
FILE *enc_stream_open(FILE *in, const char *from, struct enc_stream **es);
long enc_stream_bad_line(const struct enc_stream *es);

#endif
