#ifndef AUTODEBIT_CLIBXML2_SHIM_H
#define AUTODEBIT_CLIBXML2_SHIM_H
// Debian's libxml2 is built with ICU; its ICU headers clash with Foundation's own ICU.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlerror.h>
#include <libxml/globals.h>
// zlib (a dependency of libxml2, on every system that has it) inflates XLSX parts: several
// times faster than ZIPFoundation's pure-Swift inflate.
#include <zlib.h>

// xmlFree is a macro over a thread-local accessor that Swift cannot see.
static inline void autodebit_xmlFree(void *p) { xmlFree(p); }

// libxml2 reports some errors with no parser attached (encoding conversion, I/O): those go to
// the thread's generic and structured handlers, which print to stderr by default. A reader
// installs its own for the time it parses and puts the previous ones back; both are per
// thread in a threaded libxml2, so files read in parallel do not see each other's handlers.
static void autodebit_xmlSilentGenericError(void *context, const char *message, ...) { (void)context; (void)message; }

typedef struct {
    xmlGenericErrorFunc generic;
    void *genericContext;
    xmlStructuredErrorFunc structured;
    void *structuredContext;
} autodebit_xmlErrorHandlers;

static inline autodebit_xmlErrorHandlers autodebit_xmlInstallErrorHandler(xmlStructuredErrorFunc handler, void *context) {
    autodebit_xmlErrorHandlers saved = { xmlGenericError, xmlGenericErrorContext, xmlStructuredError, xmlStructuredErrorContext };
    xmlSetGenericErrorFunc(context, autodebit_xmlSilentGenericError);
    xmlSetStructuredErrorFunc(context, handler);
    return saved;
}

static inline void autodebit_xmlRestoreErrorHandlers(autodebit_xmlErrorHandlers saved) {
    xmlSetGenericErrorFunc(saved.genericContext, saved.generic);
    xmlSetStructuredErrorFunc(saved.structuredContext, saved.structured);
}
#endif
