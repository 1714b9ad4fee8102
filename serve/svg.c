/* svg.c - the server's pictures: a concept's neighbourhood (Graphviz,
 * through exports/graph.c, the renderer of `export --format svg`) and the
 * start page's bar chart of the most-mentioned concepts (plain SVG, text
 * escaped for XML). Served as images: an SVG in <img> runs no script. */
#include <stdlib.h>
#include <string.h>

#include "../exports/escape.h"
#include "srv.h"

int svg_neighbourhood(struct srv *s, struct snap *sn, size_t i, struct buf *out)
{
	struct graph_options go = { sn->v.items[i].key, 2, 1, s->mount };
	struct err err;
	return graph_write(out, &sn->v, &go, &err);
}

int svg_scheme(struct srv *s, struct snap *sn, const char *root, int as_svg, struct buf *out,
               struct err *err)
{
	struct graph_options go = { root, 0, as_svg, s->mount };
	return graph_write(out, &sn->v, &go, err);
}

static const struct snap *chart_snap;

static int by_mentions(const void *a, const void *b)
{
	long long x = chart_snap->cv[*(const size_t *)a].mentions;
	long long y = chart_snap->cv[*(const size_t *)b].mentions;
	return x < y ? 1 : x > y ? -1 : (*(const size_t *)a > *(const size_t *)b) - (*(const size_t *)a < *(const size_t *)b);
}

enum { CHART_MAX = 12 };

int svg_chart(struct srv *s, struct snap *sn, struct buf *out)
{
	size_t top[CHART_MAX], n = 0;
	/* the CHART_MAX largest, by insertion: the vocabulary may be large */
	chart_snap = sn;
	for (size_t i = 0; i < sn->v.n; i++) {
		if (!sn->cv[i].mentions)
			continue;
		size_t k = n < CHART_MAX ? n++ : CHART_MAX;
		if (k == CHART_MAX) {
			if (by_mentions(&i, &top[CHART_MAX - 1]) >= 0)
				continue;
			k = CHART_MAX - 1;
		}
		while (k > 0 && by_mentions(&i, &top[k - 1]) < 0) {
			top[k] = top[k - 1];
			k--;
		}
		top[k] = i;
	}
	long long max = n ? sn->cv[top[0]].mentions : 1;
	int row = 26, label_w = 300, bar_w = 360, h = (int)n * row + 20;
	int rc = pg_printf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
	                        "viewBox=\"0 0 %d %d\" role=\"img\" font-family=\"sans-serif\" font-size=\"13\">\n"
	                        "<title>Am häufigsten genannte Begriffe</title>\n",
	                   label_w + bar_w + 80, h, label_w + bar_w + 80, h);
	for (size_t k = 0; k < n && rc == 0; k++) {
		const struct kb_concept *c = &sn->v.items[top[k]];
		long long m = sn->cv[top[k]].mentions;
		int w = (int)(bar_w * m / (max ? max : 1));
		if (w < 2)
			w = 2;
		int y = 10 + (int)k * row;
		/* labels longer than the column are cut at a character boundary */
		char label[64];
		size_t len = strlen(c->pref_label);
		if (len >= 40) {
			size_t cut = 37;
			while (cut > 0 && ((unsigned char)c->pref_label[cut] & 0xC0) == 0x80)
				cut--;
			snprintf(label, sizeof label, "%.*s…", (int)cut, c->pref_label);
		} else {
			snprintf(label, sizeof label, "%s", c->pref_label);
		}
		rc = pg_printf(out, "<a href=\"%h%u\"><text x=\"%d\" y=\"%d\" text-anchor=\"end\">%h</text></a>\n"
		                    "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"18\" fill=\"#0b4f9c\"/>\n"
		                    "<text x=\"%d\" y=\"%d\">%lld</text>\n",
		               s->mount, c->key, label_w - 8, y + 14, label, label_w, y, w,
		               label_w + w + 6, y + 14, m);
	}
	return rc || pg_printf(out, "</svg>\n");
}

void h_chart(struct req *r)
{
	struct buf b = BUF_INIT;
	/* charts are built per snapshot; one lock keeps chart_snap for qsort-free ranking */
	static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
	pthread_mutex_lock(&lock);
	int rc = svg_chart(r->srv, r->snap, &b);
	pthread_mutex_unlock(&lock);
	if (rc < 0) {
		buf_free(&b);
		srv_error(r, 500, "Die Grafik konnte nicht erzeugt werden.");
		return;
	}
	buf_free(&r->out);
	r->out = b;
	r->status = 200;
	r->ctype = "image/svg+xml";
	r->is_cacheable = 1;
	r->variant = "chart";
}
