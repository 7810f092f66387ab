#ifndef AUTODEBIT_CLIBXML2_SHIM_H
#define AUTODEBIT_CLIBXML2_SHIM_H
// Debian's libxml2 is built with ICU; its ICU headers clash with Foundation's own ICU.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlerror.h>

// xmlFree is a macro over a thread-local accessor that Swift cannot see.
static inline void autodebit_xmlFree(void *p) { xmlFree(p); }
#endif
