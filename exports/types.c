/* types.c - the names of the concept types of glossary.csv for people and
 * for linked data: one table, used by the TBX subjectField, the SKOS class
 * vocabulary and its collections. */
#include <string.h>

#include "exports.h"

static const struct gl_type_names names[] = {
	{ "organisation", "Organisation", "Organisation", "Organisation", "Organisationen", "Organisations" },
	{ "body", "Body", "Gremium", "Body", "Gremien", "Bodies" },
	{ "law", "Law", "Gesetz", "Law", "Gesetze und Vorschriften", "Laws and regulations" },
	{ "programme", "Programme", "Programm", "Programme", "Programme", "Programmes" },
	{ "principle", "Principle", "Prinzip", "Principle", "Prinzipien", "Principles" },
	{ "service", "Service", "Dienst", "Service", "Dienste und Leistungen", "Services" },
	{ "register", "Register", "Register", "Register", "Register", "Registers" },
	{ "standard", "Standard", "Standard", "Standard", "Standards", "Standards" },
	{ "process", "Process", "Prozess", "Process", "Prozesse", "Processes" },
	{ "role", "Role", "Rolle", "Role", "Rollen", "Roles" },
	{ "place", "Place", "Ort", "Place", "Orte", "Places" },
	{ "person", "Person", "Person", "Person", "Personen", "People" },
	{ "concept", "Term", "Begriff", "Term", "Begriffe", "Terms" },
};

const struct gl_type_names *gl_type_names(const char *type)
{
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (!strcmp(names[i].type, type))
			return &names[i];
	return NULL;
}

const struct gl_type_names *gl_type_names_at(size_t i)
{
	return i < sizeof names / sizeof names[0] ? &names[i] : NULL;
}
