/* graph.c - pictures of the concept graph with Graphviz: the whole scheme,
 * one subtree, or one concept's neighbourhood, as DOT (written here, every
 * label escaped for a DOT string) and as SVG (libgvc lays the DOT out and
 * renders it; its SVG writer escapes text for XML). `glossar export
 * --format dot|svg` and the server's pictures both come from here.
 * libgvc keeps global state, so rendering is serialised by one lock.
 * libgvc is opened with the first SVG (../common/solib.h), not linked: it
 * and what it pulls in cost every run of glossar about 1.5 ms to load. */
#include <graphviz/gvc.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "../common/solib.h"
#include "exports.h"

#ifndef GVC_SONAME
#define GVC_SONAME "libgvc.so.6"
#endif

/* ag* come from libcgraph, which libgvc pulls in */
#define GVLIB_FUNCS(F)                                                                     \
	F(gvContext) F(gvLayout) F(gvRenderData) F(gvFreeRenderData) F(gvFreeLayout)           \
	F(agmemread) F(agclose)
static struct {
	GVLIB_FUNCS(SOLIB_SLOT)
} gv;
#define GV_SYM(f) { #f, &gv.f },
static const struct solib_sym gv_syms[] = { GVLIB_FUNCS(GV_SYM) };
static struct solib gv_lib = SOLIB_INIT("Graphviz (libgvc)", GVC_SONAME, "libgvc6", gv_syms);

static pthread_mutex_t gv_lock = PTHREAD_MUTEX_INITIALIZER;

enum { MAX_NEAR = 30 };

/* The inside of a DOT "..." string: " and \ escaped, line breaks as \n. */
static int dot_str(struct buf *b, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		int rc = 0;
		if (*p == '"' || *p == '\\')
			rc = buf_putc(b, '\\') || buf_putc(b, *p);
		else if (*p == '\n')
			rc = buf_puts(b, "\\n");
		else if (*p < 0x20 || *p == 0x7f)
			rc = buf_putc(b, ' ');
		else
			rc = buf_putc(b, *p);
		if (rc)
			return -1;
	}
	return 0;
}

struct pick {
	const struct kb_vocab *v;
	unsigned char *in;        /* per concept: drawn */
	struct strv *narrower;    /* per concept */
};

static long idx(const struct kb_vocab *v, const char *key)
{
	const struct kb_concept *c = kb_vocab_find(v, key);
	return c ? (long)(c - v->items) : -1;
}

static int pick_init(struct pick *p, const struct kb_vocab *v)
{
	p->v = v;
	p->in = calloc(v->n ? v->n : 1, 1);
	p->narrower = calloc(v->n ? v->n : 1, sizeof *p->narrower);
	if (!p->in || !p->narrower)
		return -1;
	for (size_t i = 0; i < v->n; i++)
		for (size_t j = 0; j < v->items[i].broader.n; j++) {
			long o = idx(v, v->items[i].broader.v[j]);
			if (o >= 0 && strv_push(&p->narrower[o], v->items[i].key) < 0)
				return -1;
		}
	return 0;
}

static void pick_free(struct pick *p)
{
	for (size_t i = 0; p->narrower && i < p->v->n; i++)
		strv_free(&p->narrower[i]);
	free(p->narrower);
	free(p->in);
}

/* Marks concept i and what lies within steps along broader, narrower and
 * related (both directions); with tree_only, only narrower (a subtree). */
static void mark(struct pick *p, long i, int steps, int tree_only)
{
	if (i < 0 || (tree_only && p->in[i]))
		return; /* a cycle of broader links ends here */
	p->in[i] = 1;
	if (steps == 0)
		return;
	const struct kb_concept *c = &p->v->items[i];
	for (size_t j = 0; j < p->narrower[i].n; j++)
		mark(p, idx(p->v, p->narrower[i].v[j]), steps - 1, tree_only);
	if (tree_only)
		return;
	for (size_t j = 0; j < c->broader.n; j++)
		mark(p, idx(p->v, c->broader.v[j]), steps - 1, 0);
	for (size_t j = 0; j < c->related.n; j++)
		mark(p, idx(p->v, c->related.v[j]), steps - 1, 0);
	for (size_t k = 0; k < p->v->n; k++)
		if (strv_contains(&p->v->items[k].related, c->key))
			mark(p, (long)k, steps - 1, 0);
}

static int write_dot(struct buf *b, const struct pick *p, const char *focus,
                     const struct graph_options *opt)
{
	const struct kb_vocab *v = p->v;
	int rc = buf_puts(b, "digraph glossar {\n  graph [rankdir=BT, fontname=\"sans-serif\", "
	                     "bgcolor=\"transparent\"");
	/* a neighbourhood is drawn radially (twopi) around its concept */
	if (rc == 0 && focus)
		rc = buf_puts(b, ", overlap=false, ranksep=1.4, root=\"") || dot_str(b, focus) ||
		     buf_putc(b, '"');
	rc = rc || buf_puts(b, "];\n  node [shape=box, style=\"rounded,filled\", "
	                     "fillcolor=\"#eef3fb\", color=\"#0b4f9c\", fontname=\"sans-serif\", "
	                     "fontsize=11];\n  edge [color=\"#555555\", fontsize=9, fontname=\"sans-serif\"];\n");
	for (size_t i = 0; i < v->n && rc == 0; i++) {
		if (!p->in[i])
			continue;
		const struct kb_concept *c = &v->items[i];
		rc = buf_puts(b, "  \"") || dot_str(b, c->key) || buf_puts(b, "\" [label=\"") ||
		     dot_str(b, c->pref_label) || buf_putc(b, '"');
		if (rc == 0 && opt && opt->link_base)
			rc = buf_puts(b, ", URL=\"") || dot_str(b, opt->link_base) || dot_str(b, c->key) ||
			     buf_puts(b, "\", target=\"_top\"");
		if (rc == 0 && focus && !strcmp(focus, c->key))
			rc = buf_puts(b, ", fillcolor=\"#0b4f9c\", fontcolor=\"white\"");
		if (rc == 0 && !strcmp(c->status, "deprecated"))
			rc = buf_puts(b, ", style=\"rounded,dashed\"");
		rc = rc || buf_puts(b, "];\n");
	}
	for (size_t i = 0; i < v->n && rc == 0; i++) {
		if (!p->in[i])
			continue;
		const struct kb_concept *c = &v->items[i];
		for (size_t j = 0; j < c->broader.n && rc == 0; j++) {
			long o = idx(v, c->broader.v[j]);
			if (o >= 0 && p->in[o])
				rc = buf_puts(b, "  \"") || dot_str(b, c->key) || buf_puts(b, "\" -> \"") ||
				     dot_str(b, c->broader.v[j]) || buf_puts(b, "\";\n");
		}
		for (size_t j = 0; j < c->related.n && rc == 0; j++) {
			long o = idx(v, c->related.v[j]);
			/* a relation declared on both sides is drawn once */
			if (o >= 0 && p->in[o] && strv_contains(&v->items[o].related, c->key) &&
			    strcmp(v->items[o].key, c->key) < 0)
				continue;
			if (o >= 0 && p->in[o])
				rc = buf_puts(b, "  \"") || dot_str(b, c->key) || buf_puts(b, "\" -> \"") ||
				     dot_str(b, c->related.v[j]) ||
				     buf_puts(b, "\" [dir=none, style=dashed, constraint=false];\n");
		}
	}
	return rc || buf_puts(b, "}\n");
}

/* One Graphviz context for the process: a context freed and made anew
 * leaves the pango plugin's font cache pointing at freed memory. */
static GVC_t *gvc;

static int render_svg(struct buf *out, const char *dot, const char *layout, struct err *err)
{
	if (solib_load(&gv_lib, "draw SVG pictures", NULL, err) < 0)
		return -1;
	pthread_mutex_lock(&gv_lock);
	int rc = -1;
	if (!gvc)
		gvc = gv.gvContext();
	Agraph_t *g = gvc ? gv.agmemread(dot) : NULL;
	if (g && gv.gvLayout(gvc, g, layout) == 0) {
		char *data = NULL;
		unsigned int len = 0;
		if (gv.gvRenderData(gvc, g, "svg", &data, &len) == 0 && data)
			rc = buf_append(out, data, len);
		gv.gvFreeRenderData(data);
		gv.gvFreeLayout(gvc, g);
	}
	if (g)
		gv.agclose(g);
	pthread_mutex_unlock(&gv_lock);
	if (rc < 0)
		return err_set(err, NULL, 0, "Graphviz could not render the graph (is libgvc's dot "
		                             "plugin installed? Debian: libgraphviz-dev graphviz)");
	return 0;
}

int graph_write(struct buf *out, const struct kb_vocab *v, const struct graph_options *opt,
                struct err *err)
{
	struct pick p;
	memset(&p, 0, sizeof p);
	p.v = v;
	if (pick_init(&p, v) < 0) {
		pick_free(&p);
		return err_set(err, NULL, 0, "out of memory");
	}
	const char *focus = NULL;
	if (opt && opt->root) {
		long r = idx(v, opt->root);
		if (r < 0) {
			pick_free(&p);
			return err_set(err, NULL, 0, "no concept '%s'", opt->root);
		}
		if (opt->steps > 0) {
			/* a picture of more than MAX_NEAR concepts is unreadable: fewer steps */
			for (int steps = opt->steps; steps > 0; steps--) {
				memset(p.in, 0, v->n);
				mark(&p, r, steps, 0);
				size_t n = 0;
				for (size_t i = 0; i < v->n; i++)
					n += p.in[i];
				if (n <= MAX_NEAR)
					break;
			}
			focus = opt->root;
		} else {
			mark(&p, r, (int)v->n + 1, 1);
		}
	} else {
		memset(p.in, 1, v->n);
	}
	struct buf dot = BUF_INIT;
	int rc = write_dot(&dot, &p, focus, opt) ? err_set(err, NULL, 0, "out of memory") : 0;
	pick_free(&p);
	if (rc == 0) {
		if (opt && opt->svg)
			rc = render_svg(out, buf_cstr(&dot), focus ? "twopi" : "dot", err);
		else if (buf_append(out, dot.data, dot.len) < 0)
			rc = err_set(err, NULL, 0, "out of memory");
	}
	buf_free(&dot);
	return rc;
}
