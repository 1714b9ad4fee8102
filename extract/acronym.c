/* acronym.c - acronym tokens and the German stop list (discover.h).
 *
 * An acronym is a token with at least two capitals that make up half its
 * letters or more (or one of at most five letters): BMDS, MPK, XÖV, KONSENS, EfA, IDNrG, BayDiG;
 * not ReggMobild (an ASR slip), GitHub or Verwaltung. Whether the knowledge base
 * knows it is for the caller to decide; this file knows only the text and
 * the stop list below. */
#include "discover.h"

#include <string.h>

#include "dc_text.h"

/* All-caps tokens that are no terms of the field: units, currencies, country
 * and language codes, legal and bibliographic abbreviations, file formats,
 * company forms, and everyday words written in capitals. "EU" is here: it is
 * everywhere in laws and no candidate an editor wants to review each time. */
static const char *const stop_words[] = {
	/* units and currencies */
	"KB", "MB", "GB", "TB", "PB", "KBit", "MBit", "GBit", "KHz", "MHz", "GHz", "KW", "MW",
	"GW", "kWh", "MWh", "GWh", "TWh", "EUR", "USD", "GBP", "CHF", "DM", "PS", "KM",
	/* countries, unions, languages */
	"EU", "EG", "EWG", "EWR", "UN", "UNO", "USA", "US", "UK", "GB", "DE", "AT", "CH", "FR",
	"NL", "IT", "EN", "BRD", "DDR",
	/* legal and bibliographic */
	"BGBl", "ABl", "GVBl", "GBl", "GMBl", "VkBl", "BAnz", "BT", "BR", "Drs", "AZ", "ID", "NR",
	"ABS", "ART", "PLZ", "JA", "NEIN",
	/* standards bodies and international organisations outside the field */
	"DIN", "ISO", "EN", "IEC", "NATO", "OECD", "UNESCO", "UNICEF", "WHO",
	/* company and legal forms */
	"AG", "GmbH", "KG", "OHG", "SE", "eG", "eV", "AöR", "KdöR", "gGmbH", "UG",
	/* formats, protocols, everyday technology */
	"PDF", "HTML", "XML", "JSON", "CSV", "URL", "URI", "HTTP", "HTTPS", "WWW", "FAQ", "PC",
	"TV", "CD", "DVD", "USB", "SMS", "GPS", "LTE", "GSM", "IP", "IPv4", "IPv6", "OK", "CEO",
	"PR", "TU", "TUM", "PS", "DNS", "VPN", "WLAN", "LAN", "API", "APIs", "CSS", "JS",
	/* capitals in headings and shouting */
	"AND", "OR", "NOT", "THE", "DER", "DIE", "DAS", "UND", "ODER", "NICHT", "XXXX", "ZB",
	"CO", "II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII", NULL,
};

/* "XIV", and numbered sections like "VIIIa" */
static int is_roman(const char *s, size_t len)
{
	if (len > 1 && s[len - 1] >= 'a' && s[len - 1] <= 'z')
		len--;
	for (size_t i = 0; i < len; i++)
		if (!strchr("IVXLCDM", s[i]))
			return 0;
	return len > 0;
}

int dc_acronym_is_stopword(const char *s, size_t len)
{
	if (is_roman(s, len))
		return 1;
	for (size_t i = 0; stop_words[i]; i++)
		if (strlen(stop_words[i]) == len && !memcmp(stop_words[i], s, len))
			return 1;
	return 0;
}

int dc_is_acronym(const char *s, size_t len)
{
	if (len < 2 || len > 12)
		return 0;
	size_t upper = 0, letters = 0, i = 0;
	while (i < len) {
		size_t n;
		int32_t c = dc_cp(s, len, i, &n);
		if (dc_is_letter(c)) {
			letters++;
			upper += dc_is_upper(c) != 0;
		} else if (!dc_is_digit(c)) {
			return 0;
		}
		if (i == 0 && !dc_is_upper(c))
			return 0;
		i += n;
	}
	/* "GitHub", "ReggMobild": two capitals in a long word are camel case */
	return upper >= 2 && (upper * 2 >= letters || letters <= 5);
}

int dc_acronym_scan(const char *text, size_t len, dc_token_fn fn, void *ctx)
{
	size_t i = 0;
	while (i < len) {
		size_t n;
		int32_t c = dc_cp(text, len, i, &n);
		if (!dc_is_letter(c) && !dc_is_digit(c)) {
			i += n;
			continue;
		}
		/* A token: letters and digits; hyphens, dots and underscores end it. */
		size_t start = i;
		int in_word = 0;
		while (i < len) {
			c = dc_cp(text, len, i, &n);
			if (!dc_is_letter(c) && !dc_is_digit(c))
				break;
			i += n;
		}
		/* Inside a longer run ("www.x.de", "a_b", e-mail, paths) it is no word of prose. */
		if (start > 0 && (text[start - 1] == '_' || text[start - 1] == '/' ||
		                  text[start - 1] == '@' || text[start - 1] == '\\'))
			in_word = 1;
		if (i < len && (text[i] == '_' || text[i] == '/' || text[i] == '@' ||
		                (text[i] == '.' && i + 1 < len && dc_is_letter((unsigned char)text[i + 1]))))
			in_word = 1;
		struct dc_span tok = { start, i };
		/* "NRWs", "OZGs": a plural or genitive s after capitals. */
		if (tok.end - tok.start >= 3 && text[tok.end - 1] == 's') {
			int caps = 1;
			for (size_t k = tok.start; k < tok.end - 1; k++)
				caps &= (text[k] >= 'A' && text[k] <= 'Z');
			if (caps)
				tok.end--;
		}
		if (in_word || !dc_is_acronym(text + tok.start, tok.end - tok.start) ||
		    dc_acronym_is_stopword(text + tok.start, tok.end - tok.start))
			continue;
		int rc = fn(text, tok, ctx);
		if (rc)
			return rc;
	}
	return 0;
}
