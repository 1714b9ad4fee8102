/* tbx.c - the vocabulary as TBX-Basic (ISO 30042:2019, DCA style), written
 * with libxml2's xmlTextWriter and valid against the TBX-Basic RelaxNG schema
 * (tests/schemas/tbx-basic/). One conceptEntry per concept, one German
 * langSec with the definition (descripGrp with its admin source, and an
 * externalCrossReference to the source URL) and a termSec per label:
 * preferred label fullForm, abbreviations acronym (abbreviation when they
 * hold a full stop), alternative labels variant. Hidden labels
 * (misspellings, speech-recognition errors) are left out: terminology tools
 * show every term they hold, and those are not terms anyone should use.
 * Before the langSec, the concept-level data categories TBX-Basic allows:
 * the type as subjectField and, as crossReference refs to the other
 * conceptEntry, its broader, narrower and related concepts; TBX-Basic has
 * no kinds of cross-reference, so the ref's text names the kind in German
 * ("Oberbegriff: ", "Unterbegriff: ", "Siehe auch: ") for the people who
 * read it in a terminology tool, and for glossar's TBX import. English
 * labels and definition (pref_label_en, ...) go to a second langSec
 * xml:lang="en". */
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include "escape.h"
#include "exports.h"

#define TBX_NS "urn:iso:std:iso:30042:ed-2"

/* The type's German name; the type itself when the table lacks it. */
static const char *subject_field(const char *type)
{
	const struct gl_type_names *n = gl_type_names(type);
	return n ? n->de : type;
}

struct tbx {
	xmlTextWriterPtr w;
	struct buf clean;
};

static const xmlChar *clean(struct tbx *t, const char *s)
{
	buf_reset(&t->clean);
	return esc_xml_chars(&t->clean, s) ? NULL : (const xmlChar *)buf_cstr(&t->clean);
}

static int element(struct tbx *t, const char *name, const char *type, const char *text)
{
	const xmlChar *x;
	return xmlTextWriterStartElement(t->w, BAD_CAST name) < 0 ||
	       (type && xmlTextWriterWriteAttribute(t->w, BAD_CAST "type", BAD_CAST type) < 0) ||
	       !(x = clean(t, text)) || xmlTextWriterWriteString(t->w, x) < 0 ||
	       xmlTextWriterEndElement(t->w) < 0;
}

static int term(struct tbx *t, const char *text, const char *term_type, const char *status)
{
	return xmlTextWriterStartElement(t->w, BAD_CAST "termSec") < 0 ||
	       element(t, "term", NULL, text) ||
	       element(t, "termNote", "termType", term_type) ||
	       element(t, "termNote", "administrativeStatus", status) ||
	       xmlTextWriterEndElement(t->w) < 0;
}

const char *const tbx_relation_prefix[] = { "Oberbegriff: ", "Unterbegriff: ", "Siehe auch: " };

/* One crossReference ref per key of keys that the exported vocabulary holds. */
static int cross_refs(struct tbx *t, const struct kb_vocab *v, const struct strv *keys,
                      const char *prefix)
{
	struct buf id = BUF_INIT, text = BUF_INIT;
	int rc = 0;
	for (size_t i = 0; i < keys->n && rc == 0; i++) {
		const struct kb_concept *o = kb_vocab_find(v, keys->v[i]);
		if (!o)
			continue;
		const xmlChar *x;
		buf_reset(&id);
		buf_reset(&text);
		rc = esc_ident(&id, o->key) || buf_puts(&text, prefix) || buf_puts(&text, o->pref_label) ||
		     xmlTextWriterStartElement(t->w, BAD_CAST "ref") < 0 ||
		     xmlTextWriterWriteAttribute(t->w, BAD_CAST "type", BAD_CAST "crossReference") < 0 ||
		     xmlTextWriterWriteAttribute(t->w, BAD_CAST "target", BAD_CAST buf_cstr(&id)) < 0 ||
		     !(x = clean(t, buf_cstr(&text))) || xmlTextWriterWriteString(t->w, x) < 0 ||
		     xmlTextWriterEndElement(t->w) < 0;
	}
	buf_free(&id);
	buf_free(&text);
	return rc;
}

static int relations(struct tbx *t, const struct kb_vocab *v, const struct kb_concept *c)
{
	struct strv narrower = { NULL, 0 }, related = { NULL, 0 };
	int rc = kb_vocab_narrower(v, c->key, &narrower) < 0 ||
	         kb_vocab_related_all(v, c, &related) < 0 ||
	         element(t, "descrip", "subjectField", subject_field(c->type)) ||
	         cross_refs(t, v, &c->broader, tbx_relation_prefix[0]) ||
	         cross_refs(t, v, &narrower, tbx_relation_prefix[1]) ||
	         cross_refs(t, v, &related, tbx_relation_prefix[2]);
	strv_free(&narrower);
	strv_free(&related);
	return rc;
}

/* A second langSec for the English labels and definition; TBX-Basic wants a
 * term in every langSec, so a concept without an English label has none. */
static int english(struct tbx *t, const struct kb_concept *c, int deprecated)
{
	const char *pref = c->pref_label_en && c->pref_label_en[0] ? c->pref_label_en : NULL;
	if (!pref && !c->alt_labels_en.n)
		return 0;
	const char *admitted = deprecated ? "deprecatedTerm-admn-sts" : "admittedTerm-admn-sts";
	int rc = xmlTextWriterStartElement(t->w, BAD_CAST "langSec") < 0 ||
	         xmlTextWriterWriteAttribute(t->w, BAD_CAST "xml:lang", BAD_CAST "en") < 0;
	if (rc == 0 && c->definition_en && c->definition_en[0])
		rc = xmlTextWriterStartElement(t->w, BAD_CAST "descripGrp") < 0 ||
		     element(t, "descrip", "definition", c->definition_en) ||
		     xmlTextWriterEndElement(t->w) < 0;
	if (rc == 0 && pref)
		rc = term(t, pref, "fullForm",
		          deprecated ? "deprecatedTerm-admn-sts" : "preferredTerm-admn-sts");
	for (size_t i = 0; i < c->alt_labels_en.n && rc == 0; i++)
		rc = term(t, c->alt_labels_en.v[i], "variant", admitted);
	return rc || xmlTextWriterEndElement(t->w) < 0;
}

static int concept(struct tbx *t, const struct kb_vocab *v, const struct kb_concept *c)
{
	int deprecated = !strcmp(c->status, "deprecated");
	const char *admitted = deprecated ? "deprecatedTerm-admn-sts" : "admittedTerm-admn-sts";
	struct buf id = BUF_INIT, url = BUF_INIT;
	int rc = esc_ident(&id, c->key) ||
	         xmlTextWriterStartElement(t->w, BAD_CAST "conceptEntry") < 0 ||
	         xmlTextWriterWriteAttribute(t->w, BAD_CAST "id", BAD_CAST buf_cstr(&id)) < 0 ||
	         relations(t, v, c) ||
	         xmlTextWriterStartElement(t->w, BAD_CAST "langSec") < 0 ||
	         xmlTextWriterWriteAttribute(t->w, BAD_CAST "xml:lang", BAD_CAST "de") < 0;
	if (rc == 0 && c->definition[0]) {
		rc = xmlTextWriterStartElement(t->w, BAD_CAST "descripGrp") < 0 ||
		     element(t, "descrip", "definition", c->definition) ||
		     (c->source[0] && element(t, "admin", "source", c->source)) ||
		     xmlTextWriterEndElement(t->w) < 0;
	}
	if (rc == 0 && esc_is_link(c->source_url)) {
		const xmlChar *x;
		rc = esc_iri(&url, c->source_url) ||
		     xmlTextWriterStartElement(t->w, BAD_CAST "xref") < 0 ||
		     xmlTextWriterWriteAttribute(t->w, BAD_CAST "type", BAD_CAST "externalCrossReference") < 0 ||
		     xmlTextWriterWriteAttribute(t->w, BAD_CAST "target", BAD_CAST buf_cstr(&url)) < 0 ||
		     !(x = clean(t, c->source[0] ? c->source : c->source_url)) ||
		     xmlTextWriterWriteString(t->w, x) < 0 || xmlTextWriterEndElement(t->w) < 0;
	}
	rc = rc || term(t, c->pref_label, "fullForm",
	                deprecated ? "deprecatedTerm-admn-sts" : "preferredTerm-admn-sts");
	for (size_t i = 0; i < c->abbreviations.n && rc == 0; i++)
		rc = term(t, c->abbreviations.v[i],
		          strchr(c->abbreviations.v[i], '.') ? "abbreviation" : "acronym", admitted);
	for (size_t i = 0; i < c->alt_labels.n && rc == 0; i++)
		rc = term(t, c->alt_labels.v[i], "variant", admitted);
	rc = rc || xmlTextWriterEndElement(t->w) < 0 || english(t, c, deprecated) ||
	     xmlTextWriterEndElement(t->w) < 0;
	buf_free(&id);
	buf_free(&url);
	return rc;
}

int tbx_write(FILE *out, const struct kb_vocab *v, struct err *err)
{
	struct tbx t = { NULL, BUF_INIT };
	xmlBufferPtr xbuf = xmlBufferCreate();
	int rc = !xbuf || !(t.w = xmlNewTextWriterMemory(xbuf, 0));
	if (rc == 0) {
		xmlTextWriterSetIndent(t.w, 1);
		xmlTextWriterSetIndentString(t.w, BAD_CAST "  ");
	}
	rc = rc || xmlTextWriterStartDocument(t.w, "1.0", "UTF-8", NULL) < 0 ||
	     xmlTextWriterStartElementNS(t.w, NULL, BAD_CAST "tbx", BAD_CAST TBX_NS) < 0 ||
	     xmlTextWriterWriteAttribute(t.w, BAD_CAST "type", BAD_CAST "TBX-Basic") < 0 ||
	     xmlTextWriterWriteAttribute(t.w, BAD_CAST "style", BAD_CAST "dca") < 0 ||
	     xmlTextWriterWriteAttribute(t.w, BAD_CAST "xml:lang", BAD_CAST "de") < 0 ||
	     xmlTextWriterStartElement(t.w, BAD_CAST "tbxHeader") < 0 ||
	     xmlTextWriterStartElement(t.w, BAD_CAST "fileDesc") < 0 ||
	     xmlTextWriterStartElement(t.w, BAD_CAST "sourceDesc") < 0 ||
	     element(&t, "p", NULL, "Glossar Verwaltungsdigitalisierung, exportiert von glossar") ||
	     xmlTextWriterEndElement(t.w) < 0 || xmlTextWriterEndElement(t.w) < 0 ||
	     xmlTextWriterEndElement(t.w) < 0 ||
	     xmlTextWriterStartElement(t.w, BAD_CAST "text") < 0 ||
	     xmlTextWriterStartElement(t.w, BAD_CAST "body") < 0;
	for (size_t i = 0; i < v->n && rc == 0; i++)
		rc = concept(&t, v, &v->items[i]);
	rc = rc || xmlTextWriterEndDocument(t.w) < 0 || xmlTextWriterFlush(t.w) < 0;
	if (rc == 0 && fwrite(xmlBufferContent(xbuf), 1, (size_t)xmlBufferLength(xbuf), out) !=
	                       (size_t)xmlBufferLength(xbuf))
		rc = -1;
	if (t.w)
		xmlFreeTextWriter(t.w);
	if (xbuf)
		xmlBufferFree(xbuf);
	buf_free(&t.clean);
	if (rc)
		return err_set(err, NULL, 0, "cannot write the TBX output");
	return 0;
}
