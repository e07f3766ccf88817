#include "emit/emit_load.h"

int emit_load(buf *b, enum emit_format f, const refload_counts *n)
{
    return buf_printf(b, "loaded %ld rows from %ld files; %ld bad rows skipped\n", n->rows,
                      n->files, n->bad);
}
