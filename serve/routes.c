/* routes.c - the routing table of glossar serve: paths below the mount
 * point (the base URI's path), first match wins; a path no route takes is a
 * concept URI (BASE + key, optionally with a format suffix). Routes that
 * need a login (the editing issue) go here too, each handler checking the
 * caller's capability in its first lines. */
#include <string.h>

#include "srv.h"

const struct route srv_routes[] = {
	{ "", 0, h_start },
	{ "search", 0, h_search },
	{ "static/style.css", 0, h_style },
	{ "static/app.js", 0, h_script },
	{ "chart.svg", 0, h_chart },
	{ "export.", R_PREFIX, h_dump },
	{ "dataset", 0, h_dataset },
	{ "context.jsonld", 0, h_context },
	{ "api/suggest", 0, h_suggest },
	{ "api/extract", R_POST, h_api_extract },
	{ "api/appendix", R_POST, h_api_appendix },
	{ "rest/v1/", R_PREFIX, h_skosmos },
	/* editing (edit.c): each handler checks session, role and CSRF token first */
	{ "static/edit.css", 0, h_edit_css },
	{ "login", 0, h_login },
	{ "login", R_POST, h_login },
	{ "logout", R_POST, h_logout },
	{ "edit/", 0, h_edit_desk },
	{ "edit/concept", 0, h_edit_concept },
	{ "edit/concept", R_POST, h_edit_save },
	{ "edit/review", 0, h_edit_review },
	{ "edit/submit", R_POST, h_edit_submit },
	{ "edit/approve", R_POST, h_edit_approve },
	{ "edit/reject", R_POST, h_edit_reject },
	{ "edit/comment", R_POST, h_edit_comment },
	{ "edit/history", 0, h_edit_history },
	{ "edit/undo", R_POST, h_edit_undo },
	{ "edit/candidates", 0, h_edit_candidates },
	{ "edit/candidate", 0, h_edit_candidate },
	{ "edit/candidates/accept", R_POST, h_edit_cand_accept },
	{ "edit/candidates/reject", R_POST, h_edit_cand_reject },
	{ "edit/upload", 0, h_edit_upload },
	{ "edit/upload/csv", R_POST, h_edit_upload_csv },
	{ "edit/upload/document", R_POST, h_edit_upload_document },
};

const size_t srv_n_routes = sizeof srv_routes / sizeof srv_routes[0];

int srv_is_reserved(const char *key)
{
	static const char *const names[] = { "search", "static", "api", "rest", "dataset", "edit",
		                             "login", "logout", NULL };
	for (size_t i = 0; names[i]; i++)
		if (!strcmp(key, names[i]))
			return 1;
	return 0;
}
