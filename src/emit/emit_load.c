#include "emit/emit_load.h"

int emit_load(buf *b, enum emit_format f, const refload_counts *n)
{
    if (!n->refused)
        return buf_printf(b, "loaded %ld rows from %ld files; %ld bad rows skipped\n", n->rows,
                          n->files, n->bad);
    /* A file with a bad row is not loaded at all (refload.h). */
    return buf_printf(b, "loaded %ld rows from %ld files; %ld files not loaded (%ld bad rows)\n",
                      n->rows, n->files, n->refused, n->bad);
}
