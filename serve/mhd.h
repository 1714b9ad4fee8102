/* mhd.h - libmicrohttpd, opened when the server starts (../common/solib.h),
 * not linked: it pulls in GnuTLS and its crypto, about 2 ms of every run of
 * glossar. http.c and edit.c call it through mhd, after mhd_load. Internal
 * to serve/. */
#ifndef GLOSSAR_MHD_H
#define GLOSSAR_MHD_H

#include <microhttpd.h>

#include "../common/solib.h"

#define MHD_FUNCS(F)                                                                       \
	F(MHD_start_daemon) F(MHD_stop_daemon) F(MHD_get_daemon_info)                          \
	F(MHD_lookup_connection_value) F(MHD_get_connection_info)                              \
	F(MHD_create_response_from_buffer) F(MHD_add_response_header)                          \
	F(MHD_queue_response) F(MHD_destroy_response) F(MHD_create_post_processor)             \
	F(MHD_post_process) F(MHD_destroy_post_processor)

struct mhd_lib {
	MHD_FUNCS(SOLIB_SLOT)
};
extern struct mhd_lib mhd;

/* 0 once mhd is filled; else -1 and err says "cannot serve: libmicrohttpd
 * cannot be loaded (...)". */
int mhd_load(struct err *err);

#endif
