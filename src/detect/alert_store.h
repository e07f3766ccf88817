/* alert_store — writing an alert that merges findings into the store,
 * merged with what the store holds of it already (a later commit's
 * findings, or `incident add`'s, add to the same alert and words). */
#ifndef WACHTER_ALERT_STORE_H
#define WACHTER_ALERT_STORE_H
#include <stdint.h>

#include "detect/alert_text.h"
#include "store/store.h"
#include "store/store_alerts.h"
#include "util/buf.h"

/* Memory alert_store_put reuses from one alert to the next (zeroed first;
 * alert_store_bufs_free when done). */
typedef struct alert_store_bufs {
    buf reason, lead, items;
} alert_store_bufs;
/* Writes a into s, merged with the stored alert of the same id: t (what
 * a's findings were about, alert_text.h) is merged with what the stored one merged, and a's reason
 * is set to the sentence of the whole (borrowing m until the next call). *is_new as
 * store_put_alert's. 0, or -1 (the store's error, or out of memory). */
int alert_store_put(store *s, store_alert *a, const alert_text *t, alert_store_bufs *m,
                    int *is_new);
void alert_store_bufs_free(alert_store_bufs *m);
#endif
