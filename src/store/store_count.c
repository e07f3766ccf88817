/* store_count — counts over whole tables. */
#include "store/store_count.h"
#include "store/store_int.h"

#include <sqlite3.h>

int store_count_alerts(store *s, int64_t *n)
{
    sqlite3_stmt *st = store_stmt(s, "SELECT count(*) FROM alerts");
    if (!st || sqlite3_step(st) != SQLITE_ROW) return -1;
    *n = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return 0;
}
