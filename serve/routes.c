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
	{ "api/suggest", 0, h_suggest },
	{ "api/extract", R_POST, h_api_extract },
	{ "api/appendix", R_POST, h_api_appendix },
	{ "rest/v1/", R_PREFIX, h_skosmos },
};

const size_t srv_n_routes = sizeof srv_routes / sizeof srv_routes[0];

int srv_is_reserved(const char *key)
{
	static const char *const names[] = { "search", "static", "api", "rest", NULL };
	for (size_t i = 0; names[i]; i++)
		if (!strcmp(key, names[i]))
			return 1;
	return 0;
}
