// libxml2's HTML parser (Debian's libxml2-dev): `dossier import articles` reads web pages with it.
#include <libxml/xmlversion.h>
// Debian builds libxml2 with ICU, whose headers clash with the copy of ICU inside Swift's Foundation
// (two definitions of UErrorCode). Dossier never uses libxml2's ICU converters, so the ICU-only
// members are left out of this view of the headers; only pointers to those structures are passed.
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/parserInternals.h>
