#include "detect/alert_store.h"

int alert_store_put(store *s, store_alert *a, const alert_text *t, alert_store_bufs *m, int *is_new)
{
    int found = 0;
    alert_text all = {0};
    m->lead.len = m->items.len = m->reason.len = 0;
    if (store_alert_parts(s, a->id, &found, &all.score, &all.more, &m->lead, &m->items) < 0)
        return -1;
    if (found) {
        all.lead = m->lead.data ? m->lead.data : "";
        alert_text_split(&all, m->items.data);
    }
    /* An alert naming actors: its newest reason names them all, whatever
     * the scores. */
    if (a->nactors) all.lead = NULL;
    alert_text_merge(&all, t);
    /* all borrows m's lead and items: the new ones go into m's reason,
     * the items first, then the sentence. */
    if (alert_text_join(&m->reason, &all) < 0 || buf_put(&m->reason, "", 1) < 0) return -1;
    size_t joined = m->reason.len;
    if (alert_text_compose(&m->reason, &all) < 0 || buf_put(&m->reason, "", 1) < 0) return -1;
    a->reason = m->reason.data + joined;
    store_alert_merge parts = {all.lead, m->reason.data, all.more};
    return store_put_alert_merged(s, a, &parts, is_new);
}

void alert_store_bufs_free(alert_store_bufs *m)
{
    buf_free(&m->reason);
    buf_free(&m->lead);
    buf_free(&m->items);
}
