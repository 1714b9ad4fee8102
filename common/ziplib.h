/* ziplib.h - libzip, opened on first use (solib.h) by the DOCX and ODT
 * readers (extract/zipread.c) and writers (exports/zipwrite.c): every call
 * goes through zl, after ziplib_load. */
#ifndef GLOSSAR_ZIPLIB_H
#define GLOSSAR_ZIPLIB_H

#include <zip.h>

#include "solib.h"

#define ZIPLIB_FUNCS(F)                                                                    \
	F(zip_close) F(zip_discard) F(zip_error_fini) F(zip_error_init) F(zip_error_strerror)  \
	F(zip_fclose) F(zip_file_add) F(zip_file_set_mtime) F(zip_file_strerror)               \
	F(zip_fopen_index) F(zip_fread) F(zip_get_name) F(zip_get_num_entries)                 \
	F(zip_name_locate) F(zip_open_from_source) F(zip_set_file_compression)                 \
	F(zip_source_buffer) F(zip_source_buffer_create) F(zip_source_close)                   \
	F(zip_source_free) F(zip_source_keep) F(zip_source_open) F(zip_source_read)            \
	F(zip_source_stat) F(zip_stat_index) F(zip_stat_init) F(zip_strerror)

struct ziplib {
	ZIPLIB_FUNCS(SOLIB_SLOT)
};
extern struct ziplib zl;

/* 0 once zl is filled; else -1 and err says "cannot WHAT: libzip cannot be
 * loaded (...)" for file. */
int ziplib_load(const char *what, const char *file, struct err *err);

#endif
