/* edit.c - editing in the browser: login and logout, the edit form with its
 * version (no lost update), the review pages (four eyes), comments, the
 * history with field-level diffs and undo, and the candidates queue.
 *
 * Fossil's habit: each handler's first lines load the caller's session and
 * check the one capability it needs (ed_begin), and every POST checks the
 * session's CSRF token before anything is written. Writes go through one
 * read-write handle under srv->wlock (SQLite has one writer anyway); the
 * public pages keep reading their snapshot. Every string reaches the page
 * through pg_printf's %h. Session ids and hashes never appear in a page. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#include "mhd.h"
#include "srv.h"

#define COOKIE "glossar_session"

/* ---- forms (application/x-www-form-urlencoded) ---- */

struct form {
	struct param *p;
	size_t n;
};

static void form_free(struct form *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->p[i].name);
		free(f->p[i].value);
	}
	free(f->p);
	memset(f, 0, sizeof *f);
}

static int hexval(int c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
	     : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

static int utf8_ok(const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		unsigned c = s[i];
		size_t len = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3
		           : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
		if (!len || i + len > n)
			return 0;
		for (size_t k = 1; k < len; k++)
			if ((s[i + k] & 0xC0) != 0x80)
				return 0;
		if (len > 2 && ((c == 0xE0 && s[i + 1] < 0xA0) || (c == 0xED && s[i + 1] > 0x9F) ||
		                (c == 0xF0 && s[i + 1] < 0x90) || (c == 0xF4 && s[i + 1] > 0x8F)))
			return 0;
		i += len;
	}
	return 1;
}

/* Decodes a form value; NULL for a bad escape, a NUL or invalid UTF-8. */
static char *form_decode(const char *s, size_t n)
{
	char *out = malloc(n + 1);
	if (!out)
		return NULL;
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		int c = (unsigned char)s[i];
		if (c == '+') {
			c = ' ';
		} else if (c == '%') {
			int hi = i + 2 < n ? hexval((unsigned char)s[i + 1]) : -1;
			int lo = i + 2 < n ? hexval((unsigned char)s[i + 2]) : -1;
			if (hi < 0 || lo < 0)
				goto bad;
			c = hi << 4 | lo;
			i += 2;
		}
		if (c == 0)
			goto bad;
		out[k++] = (char)c;
	}
	out[k] = '\0';
	if (utf8_ok((const unsigned char *)out, k))
		return out;
bad:
	free(out);
	return NULL;
}

/* 0, or the status to answer: 415 not a form, 400 malformed. */
static int form_parse(struct req *r, struct form *f)
{
	memset(f, 0, sizeof *f);
	const char *ct = req_header(r, MHD_HTTP_HEADER_CONTENT_TYPE);
	if (!ct || strncasecmp(ct, "application/x-www-form-urlencoded", 33))
		return 415;
	const char *s = buf_cstr(&r->body);
	size_t len = r->body.len;
	for (size_t i = 0; i < len;) {
		const char *e = memchr(s + i, '&', len - i);
		size_t n = e ? (size_t)(e - (s + i)) : len - i;
		if (n) {
			const char *eq = memchr(s + i, '=', n);
			size_t nn = eq ? (size_t)(eq - (s + i)) : n;
			if (f->n == 512)
				return 400;
			struct param *np = realloc(f->p, (f->n + 1) * sizeof *np);
			if (!np)
				return 400;
			f->p = np;
			char *name = form_decode(s + i, nn);
			char *value = eq ? form_decode(eq + 1, n - nn - 1) : strdup("");
			if (!name || !value) {
				free(name);
				free(value);
				return 400;
			}
			f->p[f->n++] = (struct param){ name, value };
		}
		i += n + 1;
	}
	return 0;
}

static const char *form_get(const struct form *f, const char *name)
{
	for (size_t i = 0; i < f->n; i++)
		if (!strcmp(f->p[i].name, name))
			return f->p[i].value;
	return NULL;
}

/* ---- the caller: session, capability, CSRF ---- */

struct ed {
	struct req *r;
	struct kb *kb;
	struct kb_session ses;
	struct form form;
	int is_locked;
};

static void ed_end(struct ed *e)
{
	if (e->is_locked) {
		struct err err;
		kb_set_actor(e->kb, NULL, &err);
		pthread_mutex_unlock(&e->r->srv->wlock);
	}
	form_free(&e->form);
	memset(&e->ses, 0, sizeof e->ses);
	e->is_locked = 0;
}

static void no_store(struct req *r)
{
	req_add_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
}

static void redirect(struct req *r, const char *path_and_query)
{
	struct buf loc = { 0 };
	buf_puts(&loc, r->srv->mount); /* callers encode or check what follows */
	buf_puts(&loc, path_and_query);
	buf_reset(&r->out);
	r->status = 303;
	r->ctype = "text/plain; charset=utf-8";
	req_add_header(r, MHD_HTTP_HEADER_LOCATION, buf_cstr(&loc));
	pg_printf(&r->out, "Weiter: %s\n", buf_cstr(&loc));
	buf_free(&loc);
}

static const char *cookie_session(struct req *r)
{
	return mhd.MHD_lookup_connection_value(r->con, MHD_COOKIE_KIND, COOKIE);
}

static void client_address(struct req *r, char out[64])
{
	out[0] = '\0';
	const union MHD_ConnectionInfo *ci =
		mhd.MHD_get_connection_info(r->con, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (!ci || !ci->client_addr)
		return;
	const struct sockaddr *sa = ci->client_addr;
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, out, 64);
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, out, 64);
}

static int editing_off(struct req *r)
{
	if (r->srv->wkb)
		return 0;
	srv_error(r, 503, "Bearbeiten ist auf diesem Server ausgeschaltet (schreibgeschützte "
	                  "Wissensbasis oder --read-only).");
	return 1;
}

/* The first lines of every handler: the session (else to the login page, or
 * 401 for the API), the capability (else 403) and, for a POST, the form and
 * its CSRF token (else 403). Returns 0 with the write lock held, or -1 when
 * the answer is made. Nothing is written before this returns 0. */
static int ed_begin(struct req *r, struct ed *e, enum kb_cap cap)
{
	memset(e, 0, sizeof *e);
	e->r = r;
	no_store(r);
	if (editing_off(r))
		return -1;
	e->kb = r->srv->wkb;
	pthread_mutex_lock(&r->srv->wlock);
	e->is_locked = 1;
	struct err err = { "", 0, "" };
	int got = kb_session_get(e->kb, cookie_session(r), kb_time_now(), &e->ses, &err);
	if (got < 0) {
		ed_end(e);
		srv_error(r, 503, "Die Sitzung kann gerade nicht geprüft werden.");
		return -1;
	}
	if (got == 0) {
		ed_end(e);
		if (!strncmp(r->path, "api/", 4)) {
			srv_error_json(r, 401, "Anmeldung erforderlich.");
			req_add_header(r, MHD_HTTP_HEADER_WWW_AUTHENTICATE, "Cookie realm=\"glossar\"");
		} else {
			struct buf q = { 0 };
			buf_puts(&q, "login?next=");
			pg_urlencode(&q, r->path);
			redirect(r, buf_cstr(&q));
			buf_free(&q);
		}
		return -1;
	}
	if (!kb_role_can(e->ses.user.role, cap)) {
		ed_end(e);
		srv_error(r, 403, cap == KB_CAP_REVIEW ? "Das dürfen nur Prüferinnen und Prüfer."
		                  : cap == KB_CAP_ADMIN ? "Das dürfen nur Administratoren."
		                                        : "Dafür fehlt die Berechtigung.");
		return -1;
	}
	if (r->is_post) {
		int bad = form_parse(r, &e->form);
		if (bad) {
			ed_end(e);
			srv_error(r, bad, bad == 415 ? "Erwartet wird ein Formular."
			                             : "Das Formular ist ungültig kodiert.");
			return -1;
		}
		if (!kb_csrf_ok(&e->ses, form_get(&e->form, "csrf"))) {
			ed_end(e);
			srv_error(r, 403, "Das Formular ist abgelaufen oder stammt nicht von dieser "
			                  "Seite (CSRF-Token fehlt oder ist falsch). Bitte neu laden.");
			return -1;
		}
	}
	if (kb_set_actor(e->kb, e->ses.user.name, &err) < 0) {
		ed_end(e);
		srv_error(r, 503, "Kein Speicher.");
		return -1;
	}
	return 0;
}

/* ---- page pieces ---- */

static const char edit_css[] =
	"nav.edit{border-bottom:1px solid #d0d7de;padding:.3rem 0;display:flex;gap:1rem;flex-wrap:wrap;"
	"align-items:center}\n"
	"nav.edit form{display:inline}\n"
	".error{color:#a40000;font-weight:bold}.warning{color:#7a5a00}\n"
	".notice{background:#e8f4e8;border:1px solid #9c9;padding:.5rem 1rem}\n"
	".conflict{background:#fff3cd;border:1px solid #e0c060;padding:.5rem 1rem}\n"
	/* the site's style hides form labels for the search box; editing shows them */
	"main form label{position:static}\n"
	"form.concept label{display:block;font-weight:bold;margin-top:.8rem}\n"
	"form.concept input[type=text],form.concept input[type=url],form.concept textarea,"
	"form.concept select{font:inherit;width:100%;max-width:40rem;padding:.2rem}\n"
	"form.concept ul{list-style:none;padding:0;margin:0}\n"
	"form.concept li label{display:inline;font-weight:normal}\n"
	"form.concept fieldset label{font-weight:normal}\n"
	"table.diff td,table.diff th{vertical-align:top}\n"
	"del{background:#fdd}ins{background:#dfd;text-decoration:none}\n"
	".comment{border-left:3px solid #d0d7de;padding-left:.8rem;margin:.6rem 0}\n"
	/* the candidates queue fits the page: long words wrap, the two forms
	 * stack, and on a narrow screen each candidate is a block of its own */
	"nav.kinds ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.3rem 1rem}\n"
	"nav.kinds a[aria-current]{font-weight:bold;text-decoration:none;color:inherit}\n"
	"table.cands{width:100%;table-layout:fixed}table.cands td{vertical-align:top;overflow-wrap:break-word}\n"
	"table.cands th:nth-child(1){width:13rem}table.cands th:nth-child(3){width:13rem}"
	"table.cands th:nth-child(4){width:8.5rem}table.cands q{font-size:.9rem}\n"
	"table.cands form{display:flex;flex-direction:column;gap:.2rem;margin:0 0 .4rem}\n"
	"table.cands input[type=text]{width:100%;box-sizing:border-box}\n"
	"@media (max-width:40rem){table.cands thead{display:none}"
	"table.cands tr,table.cands td{display:block}table.cands td{border:0;padding:.1rem 0}"
	"table.cands tr{border-bottom:1px solid #d0d7de;padding:.5rem 0}"
	"table.cands form{flex-direction:row;flex-wrap:wrap}table.cands input[type=text]{width:auto}}\n";

void h_edit_css(struct req *r)
{
	r->status = 200;
	r->ctype = "text/css; charset=utf-8";
	r->out_ref = edit_css;
	r->out_ref_len = sizeof edit_css - 1;
	r->is_cacheable = 1;
	r->variant = "editcss";
}

static const char *const field_de[][2] = {
	{ "key", "Schlüssel" }, { "type", "Typ" }, { "pref_label", "Benennung" },
	{ "abbreviations", "Abkürzungen" }, { "alt_labels", "Weitere Benennungen" },
	{ "hidden_labels", "Versteckte Schreibweisen" }, { "definition", "Definition" },
	{ "source", "Quelle" }, { "source_url", "Quellen-URL" }, { "broader", "Oberbegriffe" },
	{ "related", "Verwandte Begriffe" }, { "status", "Status" }, { "match", "Abgleich" },
	{ "replaced_by", "Ersetzt durch" }, { "exact_match", "Exakte Entsprechung" },
	{ "close_match", "Nahe Entsprechung" }, { "pref_label_en", "Englische Benennung" },
	{ "alt_labels_en", "Weitere englische Benennungen" },
	{ "definition_en", "Englische Definition" },
};

/* What each match flag does, in the editors' words (docs/glossary-csv.md). */
static const char *match_flag_de(const char *flag)
{
	static const char *const de[][2] = {
		{ "case", "nur in dieser Groß- und Kleinschreibung finden" },
		{ "compound", "auch in zusammengesetzten Wörtern finden" },
		{ "context", "nur finden, wo der Absatz einen verknüpften Begriff nennt" },
		{ "hidden-context", "versteckte Schreibweisen nur neben einem verknüpften Begriff finden" },
		{ "ordinary-word", "Benennungen sind bewusst gewöhnliche Wörter (keine Lint-Warnung)" },
	};
	return srv_name_of(de, sizeof de / sizeof de[0], flag);
}

static const char *field_name(const char *f)
{
	return srv_name_of(field_de, sizeof field_de / sizeof field_de[0], f);
}

static void page_begin(struct ed *e, const char *title)
{
	struct req *r = e->r;
	const char *m = r->srv->mount;
	pg_begin(r, title);
	pg_printf(&r->out, "<link rel=\"stylesheet\" href=\"%hstatic/edit.css\">\n"
	          "<nav class=\"edit\" aria-label=\"Redaktion\"><a href=\"%hedit/\">Redaktion</a>"
	          "<a href=\"%hedit/concept\">Neuer Begriff</a>"
	          "<a href=\"%hedit/candidates\">Kandidaten</a>"
	          "<a href=\"%hedit/upload\">Hochladen</a>"
	          "<a href=\"%hedit/history\">Verlauf</a>"
	          "<span>Angemeldet: <strong id=\"user\">%h</strong> (%h)</span>"
	          "<form method=\"post\" action=\"%hlogout\"><input type=\"hidden\" name=\"csrf\" "
	          "value=\"%h\"><button type=\"submit\" id=\"logout\">Abmelden</button></form></nav>\n",
	          m, m, m, m, m, m, e->ses.user.name, kb_role_name(e->ses.user.role), m, e->ses.csrf);
}

static void csrf_field(struct ed *e)
{
	pg_printf(&e->r->out, "<input type=\"hidden\" name=\"csrf\" value=\"%h\">\n", e->ses.csrf);
}

/* A field-level diff as a table; returns the number of differences. */
struct diff_ctx {
	struct buf *out;
	int n;
};

static int diff_row(const struct kb_field_diff *d, void *ctx)
{
	struct diff_ctx *x = ctx;
	if (!x->n++)
		pg_printf(x->out, "<table class=\"diff\"><thead><tr><th>Feld</th><th>vorher</th>"
		                  "<th>nachher</th></tr></thead><tbody>\n");
	pg_printf(x->out, "<tr data-field=\"%h\"><th scope=\"row\">%h</th><td>", d->field,
	          field_name(d->field));
	const char *(*name)(const char *) = !strcmp(d->field, "type")     ? srv_type_de
	                                    : !strcmp(d->field, "status") ? srv_status_de
	                                                                  : NULL;
	if (d->before)
		pg_printf(x->out, "<del>%h</del>", name ? name(d->before) : d->before);
	pg_printf(x->out, "</td><td>");
	if (d->after)
		pg_printf(x->out, "<ins>%h</ins>", name ? name(d->after) : d->after);
	pg_printf(x->out, "</td></tr>\n");
	return 0;
}

static int render_diff(struct ed *e, const char *before, const char *after)
{
	struct diff_ctx x = { &e->r->out, 0 };
	struct err err;
	if (kb_snapshot_diff(e->kb, before, after, diff_row, &x, &err) < 0) {
		pg_printf(&e->r->out, "<p class=\"error\">%h</p>\n", err.msg);
		return 0;
	}
	if (x.n)
		pg_printf(&e->r->out, "</tbody></table>\n");
	else
		pg_printf(&e->r->out, "<p>Keine Unterschiede.</p>\n");
	return x.n;
}

static void ed_fail(struct ed *e, int status, const char *message)
{
	struct req *r = e->r;
	ed_end(e);
	srv_error(r, status, message);
}

/* ---- login and logout ---- */

static void login_form(struct req *r, const char *next, const char *message)
{
	const char *m = r->srv->mount;
	pg_begin(r, "Anmelden");
	pg_printf(&r->out, "<h1>Anmelden</h1>\n");
	if (message)
		pg_printf(&r->out, "<p class=\"error\" role=\"alert\">%h</p>\n", message);
	pg_printf(&r->out,
	          "<form method=\"post\" action=\"%hlogin\">\n"
	          "<input type=\"hidden\" name=\"next\" value=\"%h\">\n"
	          "<p><label for=\"name\">Name</label><br><input id=\"name\" name=\"name\" "
	          "autocomplete=\"username\" required></p>\n"
	          "<p><label for=\"password\">Passwort</label><br><input id=\"password\" "
	          "name=\"password\" type=\"password\" autocomplete=\"current-password\" required></p>\n"
	          "<p><button type=\"submit\" id=\"login\">Anmelden</button></p>\n</form>\n",
	          m, next ? next : "edit/");
	pg_end(r);
	no_store(r);
}

/* next= must stay on this server, below the mount. */
static int next_is_safe(const char *next)
{
	if (!next || !*next || next[0] == '/' || next[0] == '\\' || strstr(next, "//") ||
	    strchr(next, ':') || strchr(next, '\r') || strchr(next, '\n'))
		return 0;
	for (const char *p = next; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == '"' || *p == '<' || *p == '>' || *p == '\\')
			return 0;
	return 1;
}

void h_login(struct req *r)
{
	if (editing_off(r))
		return;
	const char *next = req_param(r, "next");
	if (!r->is_post) {
		login_form(r, next_is_safe(next) ? next : "edit/", NULL);
		return;
	}
	/* No session yet, so no token: a login posted from another site (login
	 * CSRF) is refused by its Origin instead. */
	const char *origin = req_header(r, "Origin"), *host = req_header(r, MHD_HTTP_HEADER_HOST);
	const char *o_host = origin ? strstr(origin, "://") : NULL;
	if (origin && (!o_host || !host || strcmp(o_host + 3, host))) {
		srv_error(r, 403, "Anmeldung nur von dieser Seite aus.");
		no_store(r);
		return;
	}
	struct form f;
	int bad = form_parse(r, &f);
	if (bad) {
		form_free(&f);
		srv_error(r, bad, "Das Formular ist ungültig.");
		return;
	}
	const char *name = form_get(&f, "name"), *password = form_get(&f, "password");
	next = form_get(&f, "next");
	if (!next_is_safe(next))
		next = "edit/";
	if (!name || !password || !*name || !*password) {
		login_form(r, next, "Name und Passwort angeben.");
		r->status = 400;
		form_free(&f);
		return;
	}
	char addr[64];
	client_address(r, addr);
	struct kb_session s;
	long wait = 0;
	struct err err = { "", 0, "" };
	pthread_mutex_lock(&r->srv->wlock);
	int rc = kb_login(r->srv->wkb, name, password, addr, kb_time_now(), &s, &wait, &err);
	pthread_mutex_unlock(&r->srv->wlock);
	if (rc == KB_LOGIN_OK) {
		/* A fresh id at every login: an id planted before is never taken over. */
		struct buf c = { 0 };
		buf_printf(&c, "%s=%s; Path=%s; HttpOnly; SameSite=Strict; Max-Age=%d%s", COOKIE, s.id,
		           r->srv->mount, KB_SESSION_MAX_S, r->srv->opt.secure_cookies ? "; Secure" : "");
		req_add_header(r, MHD_HTTP_HEADER_SET_COOKIE, buf_cstr(&c));
		memset(c.data, 0, c.len);
		buf_free(&c);
		memset(&s, 0, sizeof s);
		redirect(r, next);
	} else if (rc == KB_LOGIN_THROTTLED) {
		char msg[160], ra[24];
		snprintf(msg, sizeof msg, "Zu viele Fehlversuche. Bitte in %ld Sekunden erneut "
		         "versuchen.", wait);
		snprintf(ra, sizeof ra, "%ld", wait);
		login_form(r, next, msg);
		r->status = 429;
		req_add_header(r, MHD_HTTP_HEADER_RETRY_AFTER, ra);
	} else if (rc == KB_LOGIN_BAD) {
		login_form(r, next, "Name oder Passwort falsch.");
		r->status = 403;
	} else {
		srv_error(r, 503, "Die Anmeldung ist gerade nicht möglich.");
	}
	form_free(&f);
	no_store(r);
}

void h_logout(struct req *r)
{
	struct ed e;
	if (ed_begin(r, &e, KB_CAP_EDIT) < 0)
		return;
	struct err err;
	kb_session_end(e.kb, cookie_session(r), &err);
	struct buf c = { 0 };
	buf_printf(&c, "%s=; Path=%s; HttpOnly; SameSite=Strict; Max-Age=0%s", COOKIE,
	           r->srv->mount, r->srv->opt.secure_cookies ? "; Secure" : "");
	req_add_header(r, MHD_HTTP_HEADER_SET_COOKIE, buf_cstr(&c));
	buf_free(&c);
	ed_end(&e);
	redirect(r, "");
}

/* ---- the desk: review lists ---- */

struct list_ctx {
	struct ed *e;
	int n;
};

static int list_item(const struct kb_review_item *it, void *ctx)
{
	struct list_ctx *l = ctx;
	const char *m = l->e->r->srv->mount;
	if (!l->n++)
		pg_printf(&l->e->r->out, "<ul>\n");
	pg_printf(&l->e->r->out, "<li><a href=\"%hedit/review?key=%u\">%h</a> (%h) – %h, %h</li>\n",
	          m, it->key, it->pref_label[0] ? it->pref_label : it->key, it->key, it->who, it->at);
	return 0;
}

static void one_list(struct ed *e, const char *id, const char *title, enum kb_review_list which)
{
	struct list_ctx l = { e, 0 };
	struct err err;
	pg_printf(&e->r->out, "<section aria-labelledby=\"%s\"><h2 id=\"%s\">%h</h2>\n", id, id,
	          title);
	if (kb_review_list(e->kb, which, e->ses.user.name, 100, list_item, &l, &err) < 0)
		pg_printf(&e->r->out, "<p class=\"error\">%h</p>\n", err.msg);
	pg_printf(&e->r->out, l.n ? "</ul>\n</section>\n" : "<p>Keine.</p>\n</section>\n");
}

void h_edit_desk(struct req *r)
{
	struct ed e;
	if (ed_begin(r, &e, KB_CAP_EDIT) < 0)
		return;
	page_begin(&e, "Redaktion");
	pg_printf(&r->out, "<h1>Redaktion</h1>\n");
	const char *done = req_param(r, "done");
	if (done)
		pg_printf(&r->out, "<p class=\"notice\" role=\"status\">%h</p>\n", done);
	one_list(&e, "entwuerfe", "Meine Entwürfe", KB_LIST_MY_DRAFTS);
	if (kb_role_can(e.ses.user.role, KB_CAP_REVIEW))
		one_list(&e, "pruefen", "Warten auf meine Prüfung", KB_LIST_AWAITING_REVIEW);
	one_list(&e, "freigegeben", "Kürzlich freigegeben", KB_LIST_RECENTLY_APPROVED);
	pg_end(r);
	ed_end(&e);
}

/* ---- the edit form ---- */

struct field_msgs {
	struct buf top;
	struct {
		const char *field;
		struct buf text;
	} f[14];
	int errors;
};

static const char *lint_field(const char *check)
{
	static const char *const map[][2] = {
		{ "empty-label", "pref_label" }, { "duplicate-pref-label", "pref_label" },
		{ "shared-hidden-label", "hidden_labels" }, { "hidden-label-displayed", "hidden_labels" },
		{ "shared-label", "alt_labels" }, { "broader-cycle", "broader" },
		{ "no-definition", "definition" }, { "approved-without-source", "source" },
		{ "approved-without-definition", "definition" }, { "malformed-url", "source_url" },
		{ "broken-broader", "broader" }, { "broader-self", "broader" },
		{ "broader-and-related", "related" }, { "related-self", "related" },
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (!strcmp(check, map[i][0]))
			return map[i][1];
	return NULL;
}

static void msgs_init(struct field_msgs *m)
{
	memset(m, 0, sizeof *m);
	for (size_t i = 0; i < 14; i++)
		m->f[i].field = field_de[i][0];
}

static void msgs_free(struct field_msgs *m)
{
	buf_free(&m->top);
	for (size_t i = 0; i < 14; i++)
		buf_free(&m->f[i].text);
}

static void msg_add(struct field_msgs *m, const char *field, int is_error, const char *text)
{
	struct buf *b = &m->top;
	for (size_t i = 0; field && i < 14; i++)
		if (!strcmp(m->f[i].field, field))
			b = &m->f[i].text;
	pg_printf(b, "<p class=\"%s\" role=\"alert\">%h: %h</p>\n", is_error ? "error" : "warning",
	          is_error ? "Fehler" : "Hinweis", text);
	m->errors += is_error;
}

static int lint_msg(const char *key, enum kb_severity sev, const char *check,
                    const char *message, void *ctx)
{
	(void)key;
	char text[600];
	snprintf(text, sizeof text, "%s (%s)", message, check);
	msg_add(ctx, lint_field(check), sev == KB_ERROR, text);
	return 0;
}

static const char *field_msgs_of(struct field_msgs *m, const char *field)
{
	for (size_t i = 0; m && i < 14; i++)
		if (!strcmp(m->f[i].field, field))
			return buf_cstr(&m->f[i].text);
	return "";
}

static void multi_field(struct ed *e, const char *name, const struct strv *v,
                        struct field_msgs *m, const char *list)
{
	struct buf *o = &e->r->out;
	pg_printf(o, "<fieldset id=\"f-%h\"><legend>%h</legend>%s<ul>\n", name, field_name(name),
	          field_msgs_of(m, name));
	for (size_t i = 0; i < v->n; i++)
		pg_printf(o, "<li><input type=\"text\" name=\"%h\" value=\"%h\" aria-label=\"%h %zu\"%s%s%s> "
		          "<label><input type=\"checkbox\" name=\"%h-remove\" value=\"%h\"> entfernen"
		          "</label></li>\n",
		          name, v->v[i], field_name(name), i + 1, list ? " list=\"" : "", list ? list : "",
		          list ? "\"" : "", name, v->v[i]);
	pg_printf(o, "<li><input type=\"text\" name=\"%h\" value=\"\" placeholder=\"hinzufügen\" "
	          "aria-label=\"%h hinzufügen\" id=\"add-%h\"%s%s%s></li>\n</ul></fieldset>\n",
	          name, field_name(name), name, list ? " list=\"" : "", list ? list : "",
	          list ? "\"" : "");
}

static void concept_form(struct ed *e, const struct kb_concept *c, long long version, int is_new,
                         struct field_msgs *m)
{
	struct req *r = e->r;
	struct buf *o = &r->out;
	const char *m0 = r->srv->mount;
	if (m)
		pg_printf(o, "%s", buf_cstr(&m->top));
	pg_printf(o, "<form class=\"concept\" method=\"post\" action=\"%hedit/concept\" "
	          "id=\"concept-form\">\n", m0);
	csrf_field(e);
	pg_printf(o, "<input type=\"hidden\" name=\"version\" value=\"%lld\">\n"
	          "<input type=\"hidden\" name=\"is_new\" value=\"%d\">\n", version, is_new);
	if (is_new)
		pg_printf(o, "<label for=\"key\">%h</label>%s<input type=\"text\" id=\"key\" name=\"key\" "
		          "value=\"%h\" required pattern=\"[a-z0-9-]+\">\n",
		          field_name("key"), field_msgs_of(m, "key"), c->key ? c->key : "");
	else
		pg_printf(o, "<p>%h: <code>%h</code></p><input type=\"hidden\" name=\"key\" value=\"%h\">\n",
		          field_name("key"), c->key, c->key);
	pg_printf(o, "<label for=\"type\">%h</label>%s<select id=\"type\" name=\"type\">\n",
	          field_name("type"), field_msgs_of(m, "type"));
	for (int i = 0; kb_types[i]; i++)
		pg_printf(o, "<option value=\"%h\"%s>%h</option>\n", kb_types[i],
		          c->type && !strcmp(c->type, kb_types[i]) ? " selected" : "",
		          srv_type_de(kb_types[i]));
	pg_printf(o, "</select>\n<label for=\"pref_label\">%h</label>%s<input type=\"text\" "
	          "id=\"pref_label\" name=\"pref_label\" value=\"%h\" required>\n",
	          field_name("pref_label"), field_msgs_of(m, "pref_label"),
	          c->pref_label ? c->pref_label : "");
	multi_field(e, "abbreviations", &c->abbreviations, m, NULL);
	multi_field(e, "alt_labels", &c->alt_labels, m, NULL);
	multi_field(e, "hidden_labels", &c->hidden_labels, m, NULL);
	pg_printf(o, "<label for=\"definition\">%h</label>%s<textarea id=\"definition\" "
	          "name=\"definition\" rows=\"4\">%h</textarea>\n"
	          "<label for=\"source\">%h</label>%s<input type=\"text\" id=\"source\" name=\"source\" "
	          "value=\"%h\">\n"
	          "<label for=\"source_url\">%h</label>%s<input type=\"url\" id=\"source_url\" "
	          "name=\"source_url\" value=\"%h\" pattern=\"https://.+\" "
	          "title=\"eine Adresse, die mit https:// beginnt\">\n",
	          field_name("definition"), field_msgs_of(m, "definition"),
	          c->definition ? c->definition : "", field_name("source"),
	          field_msgs_of(m, "source"), c->source ? c->source : "", field_name("source_url"),
	          field_msgs_of(m, "source_url"), c->source_url ? c->source_url : "");
	multi_field(e, "broader", &c->broader, m, "keys");
	multi_field(e, "related", &c->related, m, "keys");
	pg_printf(o, "<fieldset><legend>%h</legend>\n", field_name("match"));
	for (int i = 0; kb_match_flags[i]; i++)
		pg_printf(o, "<label><input type=\"checkbox\" name=\"match\" value=\"%h\"%s> %h "
		          "<small>(<code>%h</code>)</small></label>\n",
		          kb_match_flags[i], strv_contains(&c->match, kb_match_flags[i]) ? " checked" : "",
		          match_flag_de(kb_match_flags[i]), kb_match_flags[i]);
	pg_printf(o, "</fieldset>\n<p><button type=\"submit\" id=\"save\">Speichern</button></p>\n"
	          "</form>\n");
}

static void datalist_all(struct ed *e)
{
	/* Autocomplete for relations without script: every key with its label. */
	const struct snap *sn = e->r->snap;
	pg_printf(&e->r->out, "<datalist id=\"keys\">\n");
	for (size_t i = 0; sn && i < sn->v.n; i++)
		pg_printf(&e->r->out, "<option value=\"%h\">%h</option>\n", sn->v.items[i].key,
		          sn->v.items[i].pref_label);
	pg_printf(&e->r->out, "</datalist>\n");
}

void h_edit_concept(struct req *r)
{
	struct ed e;
	if (ed_begin(r, &e, KB_CAP_EDIT) < 0)
		return;
	const char *key = req_param(r, "key");
	struct kb_concept c;
	kb_concept_init(&c);
	struct err err = { "", 0, "" };
	int found = 0;
	if (key && *key) {
		found = kb_is_valid_key(key) ? kb_concept_get(e.kb, key, &c, &err) : 0;
		if (found <= 0) {
			ed_fail(&e, found < 0 ? 503 : 404, found < 0 ? err.msg : "Diesen Begriff gibt es nicht.");
			return;
		}
	}
	long long version = found ? kb_concept_version(e.kb, key, &err) : 0;
	page_begin(&e, found ? "Begriff bearbeiten" : "Neuer Begriff");
	if (found)
		pg_printf(&r->out, "<h1>%h bearbeiten</h1>\n<p>Status: <span class=\"status\" "
		          "id=\"status\" data-status=\"%h\">%h</span> · Version %lld · <a href=\"%hedit/review?key=%u\">"
		          "Prüfung und Kommentare</a> · <a href=\"%hedit/history?key=%u\">Verlauf</a></p>\n",
		          c.pref_label, c.status, srv_status_de(c.status), version, r->srv->mount, c.key,
		          r->srv->mount, c.key);
	else
		pg_printf(&r->out, "<h1>Neuer Begriff</h1>\n");
	concept_form(&e, &c, version, !found, NULL);
	datalist_all(&e);
	pg_end(r);
	kb_concept_free(&c);
	ed_end(&e);
}

/* Collects every value of name (trimmed, non-empty, not removed) into out. */
static int form_values(const struct form *f, const char *name, struct strv *out)
{
	char rm[64];
	snprintf(rm, sizeof rm, "%s-remove", name);
	for (size_t i = 0; i < f->n; i++) {
		if (strcmp(f->p[i].name, name))
			continue;
		char *v = f->p[i].value;
		while (*v == ' ' || *v == '\t')
			v++;
		size_t n = strlen(v);
		while (n && (v[n - 1] == ' ' || v[n - 1] == '\t' || v[n - 1] == '\r' || v[n - 1] == '\n'))
			n--;
		if (!n)
			continue;
		char *one = strndup(v, n);
		int removed = 0;
		for (size_t k = 0; one && k < f->n; k++)
			removed |= !strcmp(f->p[k].name, rm) && !strcmp(f->p[k].value, one);
		if (!one || (!removed && !strv_contains(out, one) && strv_push(out, one) < 0)) {
			free(one);
			return -1;
		}
		free(one);
	}
	return 0;
}

static int set_field(char **dst, const char *s)
{
	free(*dst);
	*dst = strdup(s ? s : "");
	return *dst ? 0 : -1;
}

/* The concept as the form has it. */
static int concept_from_form(const struct form *f, struct kb_concept *c)
{
	kb_concept_init(c);
	const char *def = form_get(f, "definition");
	return set_field(&c->key, form_get(f, "key")) || set_field(&c->type, form_get(f, "type")) ||
	       set_field(&c->pref_label, form_get(f, "pref_label")) ||
	       set_field(&c->definition, def) || set_field(&c->source, form_get(f, "source")) ||
	       set_field(&c->source_url, form_get(f, "source_url")) ||
	       set_field(&c->status, "draft") || set_field(&c->replaced_by, "") ||
	       form_values(f, "abbreviations", &c->abbreviations) ||
	       form_values(f, "alt_labels", &c->alt_labels) ||
	       form_values(f, "hidden_labels", &c->hidden_labels) ||
	       form_values(f, "broader", &c->broader) || form_values(f, "related", &c->related) ||
	       form_values(f, "match", &c->match);
}

void h_edit_save(struct req *r)
{
	struct ed e;
	if (ed_begin(r, &e, KB_CAP_EDIT) < 0)
		return;
	struct kb_concept c;
	const char *vs = form_get(&e.form, "version");
	char *end = NULL;
	long long seen = vs ? strtoll(vs, &end, 10) : -1;
	if (!vs || !*vs || *end || seen < 0) {
		ed_fail(&e, 400, "Dem Formular fehlt die Version des Begriffs.");
		return;
	}
	if (concept_from_form(&e.form, &c) < 0) {
		kb_concept_free(&c);
		ed_fail(&e, 503, "Kein Speicher.");
		return;
	}
	int is_new = seen == 0;
	struct field_msgs m;
	msgs_init(&m);
	/* What the form can check itself, each next to its field. */
	if (!kb_is_valid_key(c.key))
		msg_add(&m, "key", 1, "nur a-z, 0-9 und Bindestrich");
	if (!kb_is_type(c.type))
		msg_add(&m, "type", 1, "unbekannter Typ");
	if (!c.pref_label[0])
		msg_add(&m, "pref_label", 1, "eine Benennung ist nötig");
	if (c.source_url[0] && (strncmp(c.source_url, "https://", 8) || !kb_url_is_valid(c.source_url)))
		msg_add(&m, "source_url", 1, "die Quelle muss eine https://-Adresse sein");
	for (size_t i = 0; i < c.match.n; i++)
		if (!kb_is_match_flag(c.match.v[i]))
			msg_add(&m, "match", 1, "unbekannte Abgleich-Option");
	struct err err = { "", 0, "" };
	long long current = 0;
	int rc = -1;
	if (!m.errors) {
		rc = kb_concept_save(e.kb, &c, seen, "web edit", &current, lint_msg, &m, &err);
		if (rc == -1 && !m.errors)
			msg_add(&m, NULL, 1, err.msg);
	}
	if (rc >= 0) {
		struct buf q = { 0 };
		buf_puts(&q, "edit/review?key=");
		pg_urlencode(&q, c.key);
		buf_puts(&q, rc == KB_UNCHANGED ? "&done=unver%C3%A4ndert" : "&done=gespeichert");
		kb_concept_free(&c);
		msgs_free(&m);
		ed_end(&e);
		redirect(r, buf_cstr(&q));
		buf_free(&q);
		return;
	}
	page_begin(&e, "Nicht gespeichert");
	if (rc == KB_E_STALE) {
		/* Someone saved first: show what they changed and keep what was typed. */
		r->status = 409;
		pg_printf(&r->out, "<h1>Nicht gespeichert: %h wurde inzwischen geändert</h1>\n"
		          "<div class=\"conflict\" role=\"alert\" id=\"conflict\"><p>Während Sie "
		          "bearbeitet haben, hat jemand anderes diesen Begriff gespeichert (Version "
		          "%lld, Sie hatten %lld). Das hat sich geändert:</p>\n",
		          c.key, current, seen);
		int found_then = 0, found_now = 0;
		char *then = seen ? kb_concept_state_at(e.kb, c.key, seen, &found_then, &err) : NULL;
		char *now = kb_concept_state_at(e.kb, c.key, current, &found_now, &err);
		render_diff(&e, then, now);
		free(then);
		free(now);
		pg_printf(&r->out, "<p>Ihre Eingaben stehen unten. Prüfen Sie sie gegen die Änderung "
		          "und speichern Sie erneut.</p></div>\n");
		concept_form(&e, &c, current, 0, NULL);
	} else {
		r->status = 422;
		pg_printf(&r->out, "<h1>Nicht gespeichert</h1>\n<p class=\"error\" role=\"alert\" "
		          "id=\"errors\">Bitte die markierten Felder korrigieren.</p>\n");
		concept_form(&e, &c, seen, is_new, &m);
	}
	datalist_all(&e);
	int status = r->status;
	pg_end(r);
	r->status = status;
	kb_concept_free(&c);
	msgs_free(&m);
	ed_end(&e);
}

/* ---- review and comments ---- */

static int comment_item(const struct kb_comment *c, void *ctx)
{
	pg_printf(ctx, "<article class=\"comment\"><p><strong>%h</strong>, <time>%h</time></p>"
	          "<p>%h</p></article>\n", c->author, c->at, c->text);
	return 0;
}

void h_edit_review(struct req *r)
{
	struct ed e;
	if (ed_begin(r, &e, KB_CAP_EDIT) < 0)
		return;
	const char *key = req_param(r, "key");
	struct kb_concept c;
	struct err err = { "", 0, "" };
	int found = key && kb_is_valid_key(key) ? kb_concept_get(e.kb, key, &c, &err) : 0;
	if (found <= 0) {
		ed_fail(&e, found < 0 ? 503 : 404, found < 0 ? err.msg : "Diesen Begriff gibt es nicht.");
		return;
	}
	const char *m = r->srv->mount;
	long long version = kb_concept_version(e.kb, key, &err);
	page_begin(&e, "Prüfung");
	pg_printf(&r->out, "<h1>%h</h1>\n", c.pref_label);
	const char *done = req_param(r, "done");
	if (done)
		pg_printf(&r->out, "<p class=\"notice\" role=\"status\" id=\"done\">%h</p>\n", done);
	pg_printf(&r->out, "<p>Schlüssel <code>%h</code> · Status: <span class=\"status\" "
	          "id=\"status\" data-status=\"%h\">%h</span> · Version %lld · "
	          "<a href=\"%hedit/concept?key=%u\" "
	          "id=\"edit-link\">Bearbeiten</a> · <a href=\"%hedit/history?key=%u\">Verlauf</a> · "
	          "<a href=\"%h%u\">Öffentliche Seite</a></p>\n",
	          c.key, c.status, srv_status_de(c.status), version, m, c.key, m, c.key, m, c.key);
	int found_appr = 0, found_now = 0;
	char *approved = kb_review_last_approved(e.kb, key, &found_appr, &err);
	char *now = kb_concept_state_at(e.kb, key, version, &found_now, &err);
	pg_printf(&r->out, "<section aria-labelledby=\"diff\"><h2 id=\"diff\">%h</h2>\n",
	          found_appr ? "Änderungen seit der letzten Freigabe" : "Noch nie freigegeben: der "
	                                                                "ganze Begriff");
	render_diff(&e, approved, now);
	pg_printf(&r->out, "</section>\n");
	free(approved);
	free(now);
	int is_author = kb_review_is_author(e.kb, key, e.ses.user.name, &err);
	pg_printf(&r->out, "<section aria-labelledby=\"workflow\"><h2 id=\"workflow\">Freigabe</h2>\n");
	if (!strcmp(c.status, "draft")) {
		pg_printf(&r->out, "<form method=\"post\" action=\"%hedit/submit\">\n", m);
		csrf_field(&e);
		pg_printf(&r->out, "<input type=\"hidden\" name=\"key\" value=\"%h\">"
		          "<input type=\"hidden\" name=\"version\" value=\"%lld\">\n"
		          "<label for=\"submit-comment\">Kommentar (freiwillig)</label><br>"
		          "<textarea id=\"submit-comment\" name=\"comment\" rows=\"2\"></textarea><br>\n"
		          "<button type=\"submit\" id=\"submit-review\">Zur Prüfung senden</button>"
		          "</form>\n", c.key, version);
	} else if (!strcmp(c.status, "review")) {
		if (!kb_role_can(e.ses.user.role, KB_CAP_REVIEW))
			pg_printf(&r->out, "<p>Wartet auf Prüfung durch eine Prüferin oder einen Prüfer.</p>\n");
		else {
			if (is_author == 1)
				pg_printf(&r->out, "<p class=\"warning\" id=\"four-eyes\">Sie haben diesen Begriff "
				          "seit der letzten Freigabe geändert; freigeben muss jemand anderes "
				          "(Vier-Augen-Prinzip).</p>\n");
			pg_printf(&r->out, "<form method=\"post\" action=\"%hedit/approve\">\n", m);
			csrf_field(&e);
			pg_printf(&r->out, "<input type=\"hidden\" name=\"key\" value=\"%h\">"
			          "<input type=\"hidden\" name=\"version\" value=\"%lld\">\n"
			          "<label for=\"review-comment\">Kommentar (bei Ablehnung nötig)</label><br>"
			          "<textarea id=\"review-comment\" name=\"comment\" rows=\"3\"></textarea><br>\n"
			          "<button type=\"submit\" id=\"approve\"%s>Freigeben</button> "
			          "<button type=\"submit\" id=\"reject\" formaction=\"%hedit/reject\">"
			          "Ablehnen</button></form>\n",
			          c.key, version, is_author == 1 ? " disabled" : "", m);
		}
	} else {
		pg_printf(&r->out, "<p>Keine Freigabe offen.</p>\n");
	}
	pg_printf(&r->out, "</section>\n<section aria-labelledby=\"comments\"><h2 id=\"comments\">"
	          "Kommentare</h2>\n<div id=\"thread\">\n");
	kb_comment_list(e.kb, key, comment_item, &r->out, &err);
	pg_printf(&r->out, "</div>\n<form method=\"post\" action=\"%hedit/comment\">\n", m);
	csrf_field(&e);
	pg_printf(&r->out, "<input type=\"hidden\" name=\"key\" value=\"%h\">\n"
	          "<label for=\"comment\">Neuer Kommentar</label><br><textarea id=\"comment\" "
	          "name=\"comment\" rows=\"3\" required></textarea><br>\n"
	          "<button type=\"submit\" id=\"add-comment\">Kommentieren</button></form>\n"
	          "</section>\n", c.key);
	pg_end(r);
	kb_concept_free(&c);
	ed_end(&e);
}

static void back_to_review(struct ed *e, const char *key, const char *done)
{
	struct buf q = { 0 };
	buf_puts(&q, "edit/review?key=");
	pg_urlencode(&q, key);
	buf_puts(&q, "&done=");
	pg_urlencode(&q, done);
	struct req *r = e->r;
	ed_end(e);
	redirect(r, buf_cstr(&q));
	buf_free(&q);
}

static void workflow_post(struct req *r, enum kb_cap cap, int step)
{
	struct ed e;
	if (ed_begin(r, &e, cap) < 0)
		return;
	const char *key = form_get(&e.form, "key"), *vs = form_get(&e.form, "version");
	const char *comment = form_get(&e.form, "comment");
	if (!key || !kb_is_valid_key(key)) {
		ed_fail(&e, 400, "Dem Formular fehlt der Begriff.");
		return;
	}
	char *end = NULL;
	long long seen = vs && *vs ? strtoll(vs, &end, 10) : -1;
	if (step != 0 && (seen < 0 || !end || *end)) {
		ed_fail(&e, 400, "Dem Formular fehlt die Version des Begriffs.");
		return;
	}
	struct err err = { "", 0, "" };
	int rc = step == 0 ? kb_review_submit(e.kb, key, &e.ses.user, comment, &err)
	       : step == 1 ? kb_review_approve(e.kb, key, &e.ses.user, seen, comment, &err)
	                   : kb_review_reject(e.kb, key, &e.ses.user, seen, comment, &err);
	if (rc == 0) {
		back_to_review(&e, key, step == 0 ? "Zur Prüfung gesendet." : step == 1 ? "Freigegeben."
		                                                                        : "Abgelehnt.");
		return;
	}
	const char *msg = err.msg;
	const char *colon = strstr(msg, ": ");
	if (colon && !strncmp(msg, kb_path(e.kb), strlen(kb_path(e.kb))))
		msg = colon + 2; /* the KB's path means nothing to an editor */
	ed_fail(&e, rc == KB_E_FORBIDDEN ? 403 : rc == KB_E_STALE ? 409 : 422, msg);
}

void h_edit_submit(struct req *r)
{
	workflow_post(r, KB_CAP_EDIT, 0);
}

void h_edit_approve(struct req *r)
{
	workflow_post(r, KB_CAP_REVIEW, 1);
}

void h_edit_reject(struct req *r)
{
	workflow_post(r, KB_CAP_REVIEW, 2);
}

void h_edit_comment(struct req *r)
{
	struct ed e;
	if (ed_begin(r, &e, KB_CAP_EDIT) < 0)
		return;
	const char *key = form_get(&e.form, "key"), *text = form_get(&e.form, "comment");
	struct err err = { "", 0, "" };
	if (!key || !kb_is_valid_key(key) || !text) {
		ed_fail(&e, 400, "Dem Formular fehlen Begriff oder Text.");
		return;
	}
	if (kb_comment_add(e.kb, key, e.ses.user.name, text, &err) < 0) {
		const char *colon = strstr(err.msg, ": ");
		ed_fail(&e, 422, colon ? colon + 2 : err.msg);
		return;
	}
	back_to_review(&e, key, "Kommentar gespeichert.");
}

/* ---- history and undo ---- */

struct hist_ctx {
	struct ed *e;
	struct buf *items; /* one rendered entry per change, oldest first */
	size_t n, cap;
};

static int hist_item(const struct kb_change *ch, void *ctx)
{
	struct hist_ctx *h = ctx;
	struct ed *e = h->e;
	const char *m = e->r->srv->mount;
	if (h->n == h->cap) {
		size_t cap = h->cap ? 2 * h->cap : 64;
		struct buf *more = realloc(h->items, cap * sizeof *more);
		if (!more)
			return 1;
		h->items = more;
		h->cap = cap;
	}
	/* render_diff and csrf_field write to the page: point it at this entry */
	struct buf page = e->r->out;
	memset(&e->r->out, 0, sizeof e->r->out);
	struct buf *o = &e->r->out;
	pg_printf(o, "<article class=\"change\" id=\"change-%lld\"><h3>#%lld · <time>%h</time> · "
	          "<span class=\"who\">%h</span> · %h · <a href=\"%hedit/review?key=%u\">%h</a>",
	          ch->id, ch->id, ch->at, ch->editor, ch->action, m, ch->entity, ch->entity);
	if (ch->undoes)
		pg_printf(o, " (macht #%lld rückgängig)", ch->undoes);
	pg_printf(o, "</h3>\n");
	render_diff(e, ch->before, ch->after);
	pg_printf(o, "<form method=\"post\" action=\"%hedit/undo\">", m);
	csrf_field(e);
	pg_printf(o, "<input type=\"hidden\" name=\"change\" value=\"%lld\">"
	          "<input type=\"hidden\" name=\"key\" value=\"%h\">"
	          "<button type=\"submit\" class=\"undo\" id=\"undo-%lld\">Rückgängig</button>"
	          "</form></article>\n", ch->id, ch->entity, ch->id);
	h->items[h->n++] = e->r->out;
	e->r->out = page;
	return 0;
}

void h_edit_history(struct req *r)
{
	struct ed e;
	if (ed_begin(r, &e, KB_CAP_EDIT) < 0)
		return;
	const char *key = req_param(r, "key");
	if (key && !kb_is_valid_key(key)) {
		ed_fail(&e, 404, "Diesen Begriff gibt es nicht.");
		return;
	}
	page_begin(&e, "Verlauf");
	pg_printf(&r->out, key ? "<h1>Verlauf: %h</h1>\n" : "<h1>Verlauf%h</h1>\n", key ? key : "");
	const char *done = req_param(r, "done");
	if (done)
		pg_printf(&r->out, "<p class=\"notice\" role=\"status\" id=\"done\">%h</p>\n", done);
	struct hist_ctx h = { &e, NULL, 0, 0 };
	struct err err = { "", 0, "" };
	if (kb_history(e.kb, key, hist_item, &h, &err) < 0)
		pg_printf(&r->out, "<p class=\"error\">%h</p>\n", err.msg);
	if (!h.n)
		pg_printf(&r->out, "<p>Keine Änderungen.</p>\n");
	/* newest first, at most the latest 300 */
	for (size_t i = h.n; i-- > 0;) {
		if (h.n - i <= 300)
			buf_append(&r->out, buf_cstr(&h.items[i]), h.items[i].len);
		buf_free(&h.items[i]);
	}
	free(h.items);
	pg_end(r);
	ed_end(&e);
}

void h_edit_undo(struct req *r)
{
	struct ed e;
	if (ed_begin(r, &e, KB_CAP_EDIT) < 0)
		return;
	const char *cs = form_get(&e.form, "change"), *key = form_get(&e.form, "key");
	char *end = NULL;
	long long id = cs ? strtoll(cs, &end, 10) : 0;
	if (!cs || !*cs || *end || id <= 0) {
		ed_fail(&e, 400, "Dem Formular fehlt die Änderung.");
		return;
	}
	/* An undo that would bring back an approved state approves: only for
	 * those who may approve (the state itself was approved by someone). */
	if (!kb_role_can(e.ses.user.role, KB_CAP_REVIEW)) {
		sqlite3_stmt *st;
		int approves = 0;
		if (sqlite3_prepare_v2(kb_sqlite(e.kb),
		        "SELECT 1 FROM change WHERE id = ?1 AND json_extract(before, '$.status') = 'approved'"
		        " AND json_extract(after, '$.status') IS NOT 'approved'", -1, &st, NULL) == SQLITE_OK) {
			sqlite3_bind_int64(st, 1, id);
			approves = sqlite3_step(st) == SQLITE_ROW;
			sqlite3_finalize(st);
		}
		if (approves) {
			ed_fail(&e, 403, "Diese Rücknahme würde den Begriff wieder freigeben; das dürfen nur "
			                 "Prüferinnen und Prüfer.");
			return;
		}
	}
	struct err err = { "", 0, "" };
	long long batch = 0;
	int n = kb_undo(e.kb, KB_UNDO_CHANGE, id, 0, &batch, &err);
	if (n < 0) {
		const char *colon = strstr(err.msg, ": ");
		ed_fail(&e, 409, colon ? colon + 2 : err.msg);
		return;
	}
	struct buf q = { 0 };
	buf_puts(&q, "edit/history");
	if (key && kb_is_valid_key(key)) {
		buf_puts(&q, "?key=");
		pg_urlencode(&q, key);
		buf_puts(&q, "&");
	} else {
		buf_puts(&q, "?");
	}
	buf_printf(&q, "done=%%C3%%84nderung%%20%lld%%20r%%C3%%BCckg%%C3%%A4ngig%%20gemacht", id);
	ed_end(&e);
	redirect(r, buf_cstr(&q));
	buf_free(&q);
}

/* ---- candidates ---- */

/* The kinds of candidates that discover finds, in the pages' language. */
static const char *const cand_kinds[][2] = {
	{ "abbreviation", "Abkürzung mit Langform" }, { "acronym", "Akronym" },
	{ "definition", "Definition" }, { "variant", "Schreibvariante" },
	{ "citation", "Rechtszitat" },
};
#define N_CAND_KINDS (sizeof cand_kinds / sizeof cand_kinds[0])
#define CAND_PAGE 200

static size_t cand_kind_index(const char *kind)
{
	size_t i = 0;
	while (i < N_CAND_KINDS && strcmp(kind, cand_kinds[i][0]))
		i++;
	return i;
}

static const char *cand_kind_de(const char *kind)
{
	return srv_name_of(cand_kinds, N_CAND_KINDS, kind);
}

/* One page of the queue: the candidates of one kind (or all) from the
 * from-th on; and every pending candidate counted by kind. */
struct cand_ctx {
	struct ed *e;
	const char *kind;
	size_t from, seen, shown, total, per_kind[N_CAND_KINDS];
	int more;
};

static int cand_count(const struct kb_candidate *c, void *ctx)
{
	struct cand_ctx *x = ctx;
	size_t k = cand_kind_index(c->kind);
	x->total++;
	if (k < N_CAND_KINDS)
		x->per_kind[k]++;
	return 0;
}

/* The queue's "from" parameter: a number of candidates to skip. */
static int parse_from(const char *s, size_t *from)
{
	if (!s || !*s || *s == '-')
		return -1;
	char *end;
	unsigned long long v = strtoull(s, &end, 10);
	if (*end || v > 1000000000)
		return -1;
	*from = (size_t)v;
	return 0;
}

/* The page an accept or reject returns to: the same kind and page. */
static void cand_back_fields(struct buf *o, const struct cand_ctx *x)
{
	if (x->kind)
		pg_printf(o, "<input type=\"hidden\" name=\"kind\" value=\"%h\">", x->kind);
	if (x->from)
		pg_printf(o, "<input type=\"hidden\" name=\"from\" value=\"%zu\">", x->from);
}

static int cand_item(const struct kb_candidate *c, void *ctx)
{
	struct cand_ctx *x = ctx;
	struct ed *e = x->e;
	struct buf *o = &e->r->out;
	const char *m = e->r->srv->mount;
	if (x->kind && strcmp(c->kind, x->kind))
		return 0;
	if (x->seen++ < x->from)
		return 0;
	if (x->shown == CAND_PAGE) {
		x->more = 1;
		return 1;
	}
	x->shown++;
	pg_printf(o, "<tr id=\"cand-%lld\"><td><a href=\"%hedit/candidate?id=%lld\">%lld</a> "
	          "<small>%h</small><br><strong>%h</strong>%s%h</td>"
	          "<td><q>%h</q><br><small>%h:%ld, %ld×</small></td><td>",
	          c->id, m, c->id, c->id, cand_kind_de(c->kind), c->surface,
	          c->expansion[0] ? "<br>" : "", c->expansion, c->context, c->doc, c->line, c->count);
	/* What accepting does, in words of the rules kb_candidate_accept follows;
	 * the candidate's own page shows the exact change. */
	if (!strcmp(c->kind, "variant"))
		pg_printf(o, "versteckte Schreibweise „%h“ für <a href=\"%hedit/review?key=%u\">%h</a>",
		          c->surface, m, c->expansion, c->expansion);
	else if (!strcmp(c->kind, "definition"))
		pg_printf(o, "Definition für „%h“ (oder neuer Entwurf)", c->surface);
	else if (!strcmp(c->kind, "citation"))
		pg_printf(o, "nur als angenommen markiert");
	else
		pg_printf(o, "Benennungen „%h“%s%h%s an einen Begriff, der sie trägt, sonst neuer Entwurf",
		          c->surface, c->expansion[0] ? " / „" : "", c->expansion,
		          c->expansion[0] ? "“" : "");
	pg_printf(o, " · <a href=\"%hedit/candidate?id=%lld\">Vorschau</a>", m, c->id);
	pg_printf(o, "</td><td><form method=\"post\" action=\"%hedit/candidates/accept\">", m);
	csrf_field(e);
	cand_back_fields(o, x);
	pg_printf(o, "<input type=\"hidden\" name=\"id\" value=\"%lld\">"
	          "<input type=\"text\" name=\"as\" list=\"keys\" placeholder=\"in Begriff …\" "
	          "aria-label=\"in einen anderen Begriff übernehmen\" size=\"12\">"
	          "<button type=\"submit\">Annehmen</button></form>"
	          "<form method=\"post\" action=\"%hedit/candidates/reject\">", c->id, m);
	csrf_field(e);
	cand_back_fields(o, x);
	pg_printf(o, "<input type=\"hidden\" name=\"id\" value=\"%lld\">"
	          "<button type=\"submit\">Ablehnen</button></form></td></tr>\n", c->id);
	return 0;
}

/* The link to a page of the queue. */
static void cand_link(struct buf *o, const char *m, const char *kind, size_t from,
                      const char *attrs, const char *text)
{
	pg_printf(o, "<a href=\"%hedit/candidates", m);
	if (kind)
		pg_printf(o, "?kind=%u", kind);
	if (from)
		pg_printf(o, "%sfrom=%zu", kind ? "&amp;" : "?", from);
	pg_printf(o, "\"%s>%h</a>", attrs, text);
}

void h_edit_candidates(struct req *r)
{
	struct ed e;
	if (ed_begin(r, &e, KB_CAP_EDIT) < 0)
		return;
	const char *kind = req_param(r, "kind"), *from_s = req_param(r, "from");
	size_t from = 0;
	if (kind && cand_kind_index(kind) == N_CAND_KINDS) {
		ed_fail(&e, 400, "Diese Art von Kandidaten gibt es nicht.");
		return;
	}
	if (from_s && parse_from(from_s, &from) < 0) {
		ed_fail(&e, 400, "Die Seite ist keine Zahl.");
		return;
	}
	const char *m = r->srv->mount;
	struct buf *o = &r->out;
	page_begin(&e, "Kandidaten");
	pg_printf(o, "<h1>Kandidaten</h1>\n");
	const char *done = req_param(r, "done");
	if (done)
		pg_printf(o, "<p class=\"notice\" role=\"status\" id=\"done\">%h</p>\n", done);
	struct cand_ctx x = { .e = &e, .kind = kind, .from = from };
	struct err err = { "", 0, "" };
	if (kb_candidate_list(e.kb, NULL, "pending", cand_count, &x, &err) < 0) {
		pg_printf(o, "<p class=\"error\">%h</p>\n", err.msg);
	} else {
		/* the kinds, with their counts: a filter */
		char label[96];
		pg_printf(o, "<nav class=\"kinds\" aria-label=\"Arten\"><ul>\n<li>");
		snprintf(label, sizeof label, "Alle (%zu)", x.total);
		cand_link(o, m, NULL, 0, kind ? "" : " aria-current=\"page\"", label);
		for (size_t k = 0; k < N_CAND_KINDS; k++) {
			if (!x.per_kind[k])
				continue;
			snprintf(label, sizeof label, "%s (%zu)", cand_kinds[k][1], x.per_kind[k]);
			pg_printf(o, "</li>\n<li>");
			cand_link(o, m, cand_kinds[k][0], 0,
			          kind && !strcmp(kind, cand_kinds[k][0]) ? " aria-current=\"page\"" : "",
			          label);
		}
		pg_printf(o, "</li></ul></nav>\n");
		pg_printf(o, "<table class=\"cands\"><thead><tr><th>Fund</th><th>Beleg</th>"
		          "<th>Annehmen bewirkt</th><th></th></tr></thead><tbody>\n");
		if (kb_candidate_list(e.kb, NULL, "pending", cand_item, &x, &err) < 0)
			pg_printf(o, "<tr><td colspan=\"4\" class=\"error\">%h</td></tr>\n", err.msg);
		pg_printf(o, "</tbody></table>\n");
		if (!x.shown)
			pg_printf(o, "<p>Keine offenen Kandidaten%s.</p>\n", x.from ? " auf dieser Seite" : "");
		else if (x.from || x.more) {
			pg_printf(o, "<nav class=\"pages\" aria-label=\"Seiten\"><p>Kandidaten %zu–%zu von %zu",
			          x.from + 1, x.from + x.shown,
			          kind ? x.per_kind[cand_kind_index(kind)] : x.total);
			if (x.from) {
				pg_printf(o, " · ");
				cand_link(o, m, kind, x.from > CAND_PAGE ? x.from - CAND_PAGE : 0,
				          " rel=\"prev\"", "← vorherige");
			}
			if (x.more) {
				pg_printf(o, " · ");
				cand_link(o, m, kind, x.from + CAND_PAGE, " rel=\"next\"", "nächste →");
			}
			pg_printf(o, "</p></nav>\n");
		}
	}
	datalist_all(&e);
	pg_end(r);
	ed_end(&e);
}

static void candidate_post(struct req *r, int is_accept)
{
	struct ed e;
	if (ed_begin(r, &e, KB_CAP_EDIT) < 0)
		return;
	const char *ids = form_get(&e.form, "id"), *as = form_get(&e.form, "as");
	const char *name = form_get(&e.form, "name");
	char *end = NULL;
	long long id = ids ? strtoll(ids, &end, 10) : 0;
	if (!ids || !*ids || *end || id <= 0) {
		ed_fail(&e, 400, "Dem Formular fehlt der Kandidat.");
		return;
	}
	if (as && !*as)
		as = NULL;
	if (as && !kb_is_valid_key(as)) {
		ed_fail(&e, 422, "Der Zielbegriff ist kein gültiger Schlüssel.");
		return;
	}
	struct err err = { "", 0, "" };
	char msg[512] = "";
	int rc = is_accept ? kb_candidate_accept(e.kb, id, as, name, msg, &err)
	                   : kb_candidate_reject(e.kb, id, &err);
	if (rc < 0) {
		const char *colon = strstr(err.msg, ": ");
		ed_fail(&e, 422, colon && !strncmp(err.msg, kb_path(e.kb), strlen(kb_path(e.kb)))
		                     ? colon + 2 : err.msg);
		return;
	}
	struct buf q = { 0 };
	buf_puts(&q, "edit/candidates?");
	/* back to the kind and page the editor came from */
	const char *kind = form_get(&e.form, "kind"), *from = form_get(&e.form, "from");
	if (kind && cand_kind_index(kind) < N_CAND_KINDS)
		buf_printf(&q, "kind=%s&", kind);
	size_t back = 0;
	if (from && parse_from(from, &back) == 0 && back)
		buf_printf(&q, "from=%zu&", back);
	buf_puts(&q, "done=");
	if (!is_accept)
		snprintf(msg, sizeof msg, "Kandidat %lld abgelehnt.", id);
	pg_urlencode(&q, msg);
	ed_end(&e);
	redirect(r, buf_cstr(&q));
	buf_free(&q);
}

void h_edit_cand_accept(struct req *r)
{
	candidate_post(r, 1);
}

void h_edit_cand_reject(struct req *r)
{
	candidate_post(r, 0);
}

/* ---- uploads: a glossary CSV to import, a document to discover in ---- */

/* multipart/form-data, read by libmicrohttpd's post processor from the
 * buffered body: the fields go to the form, the one file to up. */
struct upload {
	struct form *form;
	struct buf data;
	char name[128];
	int has_file, is_bad;
};

static enum MHD_Result up_iter(void *cls, enum MHD_ValueKind kind, const char *key,
                               const char *filename, const char *content_type,
                               const char *transfer_encoding, const char *data, uint64_t off,
                               size_t size)
{
	(void)kind;
	(void)content_type;
	(void)transfer_encoding;
	struct upload *u = cls;
	if (filename && !strcmp(key, "file")) {
		if (off == 0) {
			/* keep the base name only, in characters a path may safely have */
			const char *base = strrchr(filename, '/');
			base = base ? base + 1 : filename;
			size_t k = 0;
			for (const char *p = base; *p && k + 1 < sizeof u->name; p++)
				if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
				    (*p >= '0' && *p <= '9') || *p == '.' || *p == '_' || *p == '-')
					u->name[k++] = *p;
			u->name[k] = '\0';
			u->has_file = 1;
		}
		if (size && buf_append(&u->data, data, size) < 0)
			u->is_bad = 1;
		return u->is_bad ? MHD_NO : MHD_YES;
	}
	struct form *f = u->form;
	if (off == 0 || !f->n || strcmp(f->p[f->n - 1].name, key)) {
		struct param *np = f->n < 64 ? realloc(f->p, (f->n + 1) * sizeof *np) : NULL;
		if (!np) {
			u->is_bad = 1;
			return MHD_NO;
		}
		f->p = np;
		f->p[f->n].name = strdup(key);
		f->p[f->n].value = strdup("");
		if (!f->p[f->n].name || !f->p[f->n].value) {
			free(f->p[f->n].name);
			free(f->p[f->n].value);
			u->is_bad = 1;
			return MHD_NO;
		}
		f->n++;
	}
	struct param *p = &f->p[f->n - 1];
	size_t have = strlen(p->value);
	char *more = size < 65536 ? realloc(p->value, have + size + 1) : NULL;
	if (!more) {
		u->is_bad = 1;
		return MHD_NO;
	}
	memcpy(more + have, data, size);
	more[have + size] = '\0';
	p->value = more;
	return MHD_YES;
}

/* Like ed_begin for a multipart POST; the file lands in up. */
static int ed_begin_upload(struct req *r, struct ed *e, struct upload *up)
{
	memset(up, 0, sizeof *up);
	memset(e, 0, sizeof *e);
	e->r = r;
	no_store(r);
	if (editing_off(r))
		return -1;
	const char *ct = req_header(r, MHD_HTTP_HEADER_CONTENT_TYPE);
	if (!ct || strncasecmp(ct, "multipart/form-data", 19)) {
		srv_error(r, 415, "Erwartet wird ein Formular mit Datei (multipart/form-data).");
		return -1;
	}
	/* the session first: nobody's upload is even parsed without one */
	struct kb_session s;
	struct err err = { "", 0, "" };
	pthread_mutex_lock(&r->srv->wlock);
	int got = kb_session_get(r->srv->wkb, cookie_session(r), kb_time_now(), &s, &err);
	pthread_mutex_unlock(&r->srv->wlock);
	memset(&s, 0, sizeof s);
	if (got != 1) {
		struct buf q = { 0 };
		buf_puts(&q, "login?next=edit%2Fupload");
		redirect(r, buf_cstr(&q));
		buf_free(&q);
		return -1;
	}
	up->form = &e->form;
	struct MHD_PostProcessor *pp = mhd.MHD_create_post_processor(r->con, 65536, up_iter, up);
	int bad = !pp || mhd.MHD_post_process(pp, buf_cstr(&r->body), r->body.len) != MHD_YES ||
	          up->is_bad;
	if (pp)
		mhd.MHD_destroy_post_processor(pp);
	if (bad) {
		form_free(&e->form);
		buf_free(&up->data);
		srv_error(r, 400, "Das Formular ist ungültig kodiert.");
		return -1;
	}
	/* now the same checks as every write: session, role, CSRF token */
	struct form keep = e->form;
	memset(&e->form, 0, sizeof e->form);
	int saved_post = r->is_post;
	r->is_post = 0; /* the form is parsed already */
	int rc = ed_begin(r, e, KB_CAP_EDIT);
	r->is_post = saved_post;
	e->form = keep;
	if (rc == 0 && !kb_csrf_ok(&e->ses, form_get(&e->form, "csrf"))) {
		ed_end(e);
		buf_free(&up->data);
		srv_error(r, 403, "Das Formular ist abgelaufen oder stammt nicht von dieser Seite "
		                  "(CSRF-Token fehlt oder ist falsch). Bitte neu laden.");
		return -1;
	}
	if (rc < 0) {
		form_free(&e->form);
		buf_free(&up->data);
	}
	return rc;
}

void h_edit_upload(struct req *r)
{
	struct ed e;
	if (ed_begin(r, &e, KB_CAP_EDIT) < 0)
		return;
	const char *m = r->srv->mount;
	page_begin(&e, "Hochladen");
	pg_printf(&r->out, "<h1>Hochladen</h1>\n");
	const char *done = req_param(r, "done");
	if (done)
		pg_printf(&r->out, "<p class=\"notice\" role=\"status\" id=\"done\">%h</p>\n", done);
	pg_printf(&r->out, "<section aria-labelledby=\"csv\"><h2 id=\"csv\">Glossar-CSV importieren</h2>\n"
	          "<p>Dieselbe Prüfung wie <code>glossar import</code>: ein Fehler weist die ganze "
	          "Datei zurück, mit Datei und Zeile.</p>\n"
	          "<form method=\"post\" action=\"%hedit/upload/csv\" enctype=\"multipart/form-data\">\n",
	          m);
	csrf_field(&e);
	pg_printf(&r->out, "<label for=\"csv-file\">CSV-Datei</label> <input type=\"file\" id=\"csv-file\" "
	          "name=\"file\" accept=\".csv,text/csv\" required>\n<button type=\"submit\" "
	          "id=\"import\">Importieren</button></form></section>\n"
	          "<section aria-labelledby=\"doc\"><h2 id=\"doc\">Dokument auswerten</h2>\n"
	          "<p>Wie <code>glossar discover</code>: neue Abkürzungen, Schreibvarianten, "
	          "Definitionen und Zitate werden zu Kandidaten.</p>\n"
	          "<form method=\"post\" action=\"%hedit/upload/document\" "
	          "enctype=\"multipart/form-data\">\n", m);
	csrf_field(&e);
	pg_printf(&r->out, "<label for=\"doc-file\">Dokument (Word, Writer, PDF, LaTeX, Markdown, "
	          "HTML, XML oder Text)</label> "
	          "<input type=\"file\" id=\"doc-file\" name=\"file\" required>\n<button "
	          "type=\"submit\" id=\"discover\">Auswerten</button></form></section>\n");
	pg_end(r);
	ed_end(&e);
}

static void upload_result(struct ed *e, int status, const char *title, const char *text)
{
	struct req *r = e->r;
	page_begin(e, title);
	pg_printf(&r->out, "<h1>%h</h1>\n<pre class=\"%s\" id=\"result\">%h</pre>\n"
	          "<p><a href=\"%hedit/upload\">Zurück</a> · <a href=\"%hedit/candidates\">Kandidaten</a>"
	          "</p>\n", title, status == 200 ? "notice" : "error", text, r->srv->mount,
	          r->srv->mount);
	pg_end(r);
	r->status = status;
}

void h_edit_upload_csv(struct req *r)
{
	struct ed e;
	struct upload up;
	if (ed_begin_upload(r, &e, &up) < 0)
		return;
	if (!up.has_file) {
		buf_free(&up.data);
		ed_fail(&e, 400, "Keine Datei im Formular.");
		return;
	}
	const char *name = up.name[0] ? up.name : "upload.csv";
	FILE *f = fmemopen(up.data.data ? up.data.data : (char *)"", up.data.len, "rb");
	struct kb_import_stats st = { 0, 0, 0 };
	struct err err = { "", 0, "" };
	int rc = f ? kb_import_csv_stream(e.kb, f, name, &st, &err) : -1;
	if (f)
		fclose(f);
	else
		err_set(&err, name, 0, "cannot read the upload");
	if (rc < 0) {
		/* FILE:LINE: message, as the command line prints it */
		char msg[1700];
		if (err.line)
			snprintf(msg, sizeof msg, "%s:%ld: %s", err.file, err.line, err.msg);
		else
			snprintf(msg, sizeof msg, "%s: %s", err.file[0] ? err.file : name, err.msg);
		upload_result(&e, 422, "Nicht importiert", msg);
	} else {
		char msg[200];
		snprintf(msg, sizeof msg, "%s: %ld neu, %ld geändert, %ld unverändert", name, st.added,
		         st.updated, st.unchanged);
		upload_result(&e, 200, "Importiert", msg);
	}
	buf_free(&up.data);
	ed_end(&e);
}

/* Runs `glossar --db DB discover NAME` in dir (the same discovery as the
 * command line, in its own process); output goes to dir/out. Returns the
 * exit status, or -1. */
static int run_discover(const char *db, const char *dir, const char *name)
{
	char exe[4096], abs_db[4096], out[4200];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0 || !realpath(db, abs_db))
		return -1;
	exe[n] = '\0';
	snprintf(out, sizeof out, "%s/out", dir);
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addchdir_np(&fa, dir);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	posix_spawn_file_actions_adddup2(&fa, 1, 2);
	char *argv[] = { exe, "--db", abs_db, "discover", (char *)name, NULL };
	extern char **environ;
	pid_t pid;
	int rc = posix_spawn(&pid, exe, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0)
		return -1;
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* The readers take any file as text; an upload must say what it is. */
static int document_name_ok(const char *name)
{
	static const char *const ext[] = { ".txt", ".md", ".markdown", ".html", ".htm", ".xhtml",
		                           ".xml", ".docx", ".odt", ".pdf", ".tex", ".latex", NULL };
	size_t n = strlen(name);
	if (!n || name[0] == '.')
		return 0;
	for (int i = 0; ext[i]; i++) {
		size_t k = strlen(ext[i]);
		if (n > k && !strcasecmp(name + n - k, ext[i]))
			return 1;
	}
	return 0;
}

void h_edit_upload_document(struct req *r)
{
	struct ed e;
	struct upload up;
	if (ed_begin_upload(r, &e, &up) < 0)
		return;
	if (!up.has_file || !document_name_ok(up.name)) {
		buf_free(&up.data);
		ed_fail(&e, 422, "Keine Datei, oder ein Format, das glossar nicht liest (.docx, .odt, "
		                 ".pdf, .tex, .md, .html, .xml, .txt).");
		return;
	}
	char dir[] = "/tmp/glossar-upload.XXXXXX";
	char path[256], out_path[256];
	int rc = -1;
	if (mkdtemp(dir)) {
		snprintf(path, sizeof path, "%s/%s", dir, up.name);
		FILE *f = fopen(path, "wb");
		if (f && fwrite(up.data.data ? up.data.data : "", 1, up.data.len, f) == up.data.len &&
		    fclose(f) == 0) {
			f = NULL;
			rc = run_discover(r->srv->opt.db_path, dir, up.name);
		}
		if (f)
			fclose(f);
	}
	struct buf text = { 0 };
	snprintf(out_path, sizeof out_path, "%s/out", dir);
	FILE *o = rc >= 0 ? fopen(out_path, "rb") : NULL;
	char chunk[4096];
	size_t k;
	while (o && (k = fread(chunk, 1, sizeof chunk, o)) > 0 && text.len < (1u << 20))
		buf_append(&text, chunk, k);
	if (o)
		fclose(o);
	unlink(path);
	unlink(out_path);
	rmdir(dir);
	if (rc == 0)
		upload_result(&e, 200, "Ausgewertet", text.len ? buf_cstr(&text) : "Keine Kandidaten.");
	else
		upload_result(&e, rc < 0 ? 503 : 422, "Nicht ausgewertet",
		              text.len ? buf_cstr(&text) : "Die Auswertung ist fehlgeschlagen.");
	buf_free(&text);
	buf_free(&up.data);
	ed_end(&e);
}

/* ---- what accepting a candidate would change, exactly ----
 * The candidate is accepted in a throw-away copy of the knowledge base (the
 * SQLite backup API, into a private directory) by the same kb_candidate_accept
 * as the real thing; the page shows the changes that copy recorded. */

struct preview_ctx {
	struct ed *e;
	long long after_id;
	int n;
};

static int preview_change(const struct kb_change *ch, void *ctx)
{
	struct preview_ctx *p = ctx;
	if (ch->id <= p->after_id)
		return 0;
	p->n++;
	pg_printf(&p->e->r->out, "<h3>%h: %h</h3>\n", ch->entity,
	          ch->before ? "wird geändert" : "wird neu angelegt");
	render_diff(p->e, ch->before, ch->after);
	return 0;
}

static long long last_change_id(struct kb *kb)
{
	sqlite3_stmt *st;
	long long id = -1;
	if (sqlite3_prepare_v2(kb_sqlite(kb), "SELECT coalesce(max(id), 0) FROM change", -1, &st,
	                       NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			id = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	return id;
}

void h_edit_candidate(struct req *r)
{
	struct ed e;
	if (ed_begin(r, &e, KB_CAP_EDIT) < 0)
		return;
	const char *ids = req_param(r, "id"), *as = req_param(r, "as"), *name = req_param(r, "name");
	char *end = NULL;
	long long id = ids ? strtoll(ids, &end, 10) : 0;
	if (!ids || !*ids || *end || id <= 0) {
		ed_fail(&e, 400, "Welcher Kandidat?");
		return;
	}
	if (as && !*as)
		as = NULL;
	if (as && !kb_is_valid_key(as)) {
		ed_fail(&e, 422, "Der Zielbegriff ist kein gültiger Schlüssel.");
		return;
	}
	struct kb_candidate c;
	struct err err = { "", 0, "" };
	int found = kb_candidate_get(e.kb, id, &c, &err);
	if (found <= 0) {
		ed_fail(&e, found < 0 ? 503 : 404, found < 0 ? err.msg : "Diesen Kandidaten gibt es nicht.");
		return;
	}
	const char *m = r->srv->mount;
	page_begin(&e, "Kandidat");
	pg_printf(&r->out, "<h1>Kandidat %lld: %h</h1>\n<dl class=\"facts\"><dt>Art</dt><dd>%h</dd>"
	          "<dt>Langform / Begriff</dt><dd>%h</dd><dt>Beleg</dt><dd><q>%h</q><br>%h, Zeile %ld "
	          "(%ld× gefunden)</dd><dt>Status</dt><dd>%h</dd></dl>\n",
	          c.id, c.surface, cand_kind_de(c.kind), c.expansion, c.context, c.doc, c.line, c.count,
	          c.status);
	pg_printf(&r->out, "<section aria-labelledby=\"vorschau\"><h2 id=\"vorschau\">Annehmen%s%h "
	          "bewirkt</h2>\n<div id=\"preview\">\n", as ? " in " : "", as ? as : "");
	char dir[] = "/tmp/glossar-preview.XXXXXX";
	char path[64];
	int shown = 0;
	if (mkdtemp(dir)) {
		snprintf(path, sizeof path, "%s/copy.db", dir);
		struct kb *copy = NULL;
		char msg[512] = "";
		if (kb_backup(e.kb, path, &err) == 0 && kb_open(&copy, path, &err) == 0) {
			kb_set_actor(copy, e.ses.user.name, &err);
			long long before = last_change_id(copy);
			if (kb_candidate_accept(copy, id, as, name, msg, &err) == 0) {
				struct preview_ctx p = { &e, before, 0 };
				pg_printf(&r->out, "<p>%h</p>\n", msg);
				kb_history(copy, NULL, preview_change, &p, &err);
				if (!p.n)
					pg_printf(&r->out, "<p>Am Wortschatz ändert sich nichts.</p>\n");
			} else {
				const char *colon = strstr(err.msg, ": ");
				pg_printf(&r->out, "<p class=\"error\" role=\"alert\">Annehmen ginge nicht: %h</p>\n",
				          colon ? colon + 2 : err.msg);
			}
			shown = 1;
		}
		kb_close(copy);
		char side[80];
		unlink(path);
		snprintf(side, sizeof side, "%s-wal", path);
		unlink(side);
		snprintf(side, sizeof side, "%s-shm", path);
		unlink(side);
		rmdir(dir);
	}
	if (!shown)
		pg_printf(&r->out, "<p class=\"error\">Die Vorschau ist gerade nicht möglich.</p>\n");
	/* an abbreviation's long form or an acronym's name may be corrected
	 * before accepting: the preview shows the result */
	int nameable = !strcmp(c.kind, "abbreviation") || !strcmp(c.kind, "acronym");
	if (!name)
		name = nameable ? c.expansion : "";
	pg_printf(&r->out, "</div></section>\n<form method=\"get\" action=\"%hedit/candidate\" "
	          "class=\"concept\"><input type=\"hidden\" name=\"id\" value=\"%lld\">", m, c.id);
	if (nameable)
		pg_printf(&r->out, "<label for=\"name\">Benennung (Langform), wie sie übernommen wird"
		          "</label><input type=\"text\" id=\"name\" name=\"name\" value=\"%h\">\n", name);
	pg_printf(&r->out, "<label for=\"as\">In einen anderen Begriff übernehmen (Schlüssel)</label>"
	          "<input type=\"text\" id=\"as\" name=\"as\" list=\"keys\" value=\"%h\">\n"
	          "<p><button type=\"submit\" id=\"show-preview\">Vorschau</button></p></form>\n"
	          "<form method=\"post\" action=\"%hedit/candidates/accept\">", as ? as : "", m);
	csrf_field(&e);
	pg_printf(&r->out, "<input type=\"hidden\" name=\"id\" value=\"%lld\"><input type=\"hidden\" "
	          "name=\"as\" value=\"%h\"><input type=\"hidden\" name=\"name\" value=\"%h\">"
	          "<button type=\"submit\" id=\"accept\">Annehmen</button></form>"
	          "<form method=\"post\" action=\"%hedit/candidates/reject\">", c.id, as ? as : "",
	          nameable ? name : "", m);
	csrf_field(&e);
	pg_printf(&r->out, "<input type=\"hidden\" name=\"id\" value=\"%lld\"><button type=\"submit\" "
	          "id=\"reject\">Ablehnen</button></form>\n", c.id);
	datalist_all(&e);
	pg_end(r);
	kb_candidate_free(&c);
	ed_end(&e);
}
