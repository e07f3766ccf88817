#include "emit/emit_recert.h"

#include <stdio.h>
#include <string.h>

#include "emit/emit_int.h"
#include "normalise/ts.h"
#include "util/esc.h"

static int str_member(buf *b, const char *key, const char *v)
{
    int rc = buf_printf(b, ",\"%s\":", key);
    return rc | buf_json_str(b, v ? v : "");
}

int emit_recert_campaigns_begin(buf *b, enum emit_format f)
{
    if (f != EMIT_TABLE) return 0;
    return esc_printf(b, "%-4s  %-6s  %-12s  %-20s  %-22s  %5s  %7s  %5s  %7s  %4s  %7s  %s\n",
                      "ID", "STATUS", "OWNER", "DUE", "SCOPE", "ITEMS", "DECIDED", "KEPT",
                      "REVOKED", "OPEN", "OVERDUE", "TITLE");
}

int emit_recert_campaign(buf *b, enum emit_format f, const store_recert_campaign *c, int64_t now)
{
    char due[40], created[40], closed[40];
    int json = f == EMIT_JSONL;
    emit_when(c->due, json, due);
    emit_when(c->created, json, created);
    emit_when(c->closed, json, closed);
    int64_t open = c->items - c->decided;
    int64_t overdue = strcmp(c->status, "open") == 0 && now > c->due ? open : 0;
    if (!json) {
        char scope[160];
        snprintf(scope, sizeof scope, "%s %s", c->scope, c->value);
        return esc_printf(
            b, "%-4lld  %-6s  %-12s  %-20s  %-22s  %5lld  %7lld  %5lld  %7lld  %4lld  %7lld  %s\n",
            (long long)c->id, c->status, c->owner, due, scope, (long long)c->items,
            (long long)c->decided, (long long)c->kept, (long long)c->revoked, (long long)open,
            (long long)overdue, c->title);
    }
    int rc = buf_printf(b, "{\"id\":%lld", (long long)c->id);
    rc |= str_member(b, "title", c->title);
    rc |= str_member(b, "scope", c->scope);
    rc |= str_member(b, "value", c->value);
    rc |= str_member(b, "owner", c->owner);
    rc |= buf_printf(b, ",\"due\":%s", due);
    rc |= str_member(b, "created_by", c->created_by);
    rc |= buf_printf(b, ",\"created\":%s", created);
    rc |= str_member(b, "status", c->status);
    rc |= buf_printf(b, ",\"closed\":%s", closed);
    rc |= str_member(b, "closed_by", c->closed_by);
    return rc | buf_printf(b,
                           ",\"items\":%lld,\"decided\":%lld,\"kept\":%lld,\"revoked\":%lld,"
                           "\"open\":%lld,\"overdue\":%lld}\n",
                           (long long)c->items, (long long)c->decided, (long long)c->kept,
                           (long long)c->revoked, (long long)open, (long long)overdue);
}

int emit_recert_items_begin(buf *b, enum emit_format f)
{
    if (f != EMIT_TABLE) return 0;
    return esc_printf(b, "%-5s  %-14s  %-14s  %-20s  %-20s  %-8s  %-12s  %s\n", "ITEM", "ACTOR",
                      "RIGHT", "GRANTED", "LAST USE", "DECISION", "DECIDED BY", "REASON");
}

/* The item's members after its id (without the closing brace). */
static int item_members(buf *b, const store_recert_item *it)
{
    char granted[40], last[40], decided[40];
    emit_when(it->granted, 1, granted);
    emit_when(it->last_use, 1, last);
    emit_when(it->decided, 1, decided);
    int rc =
        buf_printf(b, "{\"id\":%lld,\"campaign\":%lld", (long long)it->id, (long long)it->campaign);
    rc |= str_member(b, "actor", it->actor);
    rc |= str_member(b, "system", it->system);
    rc |= str_member(b, "action", it->action);
    rc |= buf_puts(b, ",\"right\":");
    buf r = {0};
    rc |= buf_printf(&r, "%s:%s", it->system, it->action);
    rc |= buf_json_str(b, r.data ? (const char *)r.data : "");
    buf_free(&r);
    rc |= buf_printf(b, ",\"granted\":%s,\"last_use\":%s", granted, last);
    rc |= str_member(b, "decision", it->decision);
    rc |= str_member(b, "reason", it->reason);
    rc |= str_member(b, "decided_by", it->decided_by);
    return rc | buf_printf(b, ",\"decided\":%s", decided);
}

static int item_row(buf *b, const store_recert_item *it, const char *tail)
{
    char granted[40], last[40], right[160];
    emit_when(it->granted, 0, granted);
    emit_when(it->last_use, 0, last);
    snprintf(right, sizeof right, "%s:%s", it->system, it->action);
    return esc_printf(b, "%-5lld  %-14s  %-14s  %-20s  %-20s  %-8s  %-12s  %s%s\n",
                      (long long)it->id, it->actor, right, granted, it->last_use ? last : "never",
                      *it->decision ? it->decision : "-", *it->decided_by ? it->decided_by : "-",
                      it->reason, tail);
}

int emit_recert_item(buf *b, enum emit_format f, const store_recert_item *it, int overdue)
{
    if (f != EMIT_JSONL) return item_row(b, it, overdue ? "  (overdue)" : "");
    return item_members(b, it) | buf_printf(b, ",\"overdue\":%s}\n", overdue ? "true" : "false");
}

int emit_recert_history_begin(buf *b, enum emit_format f)
{
    if (f != EMIT_TABLE) return 0;
    return esc_printf(b, "%-20s  %-12s  %-7s  %5s  %s\n", "AT", "ACCOUNT", "ACTION", "ITEM",
                      "CHANGE");
}

int emit_recert_change(buf *b, enum emit_format f, const store_recert_change *c)
{
    char at[40];
    emit_when(c->at, f == EMIT_JSONL, at);
    if (f != EMIT_JSONL) {
        char item[24] = "-";
        if (c->item) snprintf(item, sizeof item, "%lld", (long long)c->item);
        if (strcmp(c->action, "decide") == 0)
            return esc_printf(b, "%-20s  %-12s  %-7s  %5s  %s -> %s  %s\n", at, c->account,
                              c->action, item, *c->from ? c->from : "-", c->to, c->detail);
        return esc_printf(b, "%-20s  %-12s  %-7s  %5s  %s\n", at, c->account, c->action, item,
                          c->detail);
    }
    int rc = buf_printf(b, "{\"seq\":%lld,\"item\":%lld,\"at\":%s", (long long)c->seq,
                        (long long)c->item, at);
    rc |= str_member(b, "account", c->account);
    rc |= str_member(b, "action", c->action);
    rc |= str_member(b, "from", c->from);
    rc |= str_member(b, "to", c->to);
    rc |= str_member(b, "detail", c->detail);
    return rc | buf_puts(b, "}\n");
}

int emit_recert_overdue_begin(buf *b, enum emit_format f)
{
    if (f != EMIT_TABLE) return 0;
    return esc_printf(b, "%-8s  %-12s  %-20s  ", "CAMPAIGN", "OWNER", "DUE") |
           emit_recert_items_begin(b, f);
}

int emit_recert_overdue(buf *b, enum emit_format f, const store_recert_item *it,
                        const store_recert_campaign *c)
{
    char due[40];
    emit_when(c->due, f == EMIT_JSONL, due);
    if (f != EMIT_JSONL)
        return esc_printf(b, "%-8lld  %-12s  %-20s  ", (long long)c->id, c->owner, due) |
               item_row(b, it, "");
    int rc = item_members(b, it);
    rc |= str_member(b, "owner", c->owner);
    return rc | buf_printf(b, ",\"due\":%s,\"overdue\":true}\n", due);
}

/* One CSV field (see emit_recert_csv). */
static int csv_field(buf *b, const char *v, int last)
{
    int quote = strpbrk(v, ",\"") != NULL;
    int rc = quote ? buf_puts(b, "\"") : 0;
    if (*v == '=' || *v == '+' || *v == '-' || *v == '@') rc |= buf_puts(b, "'");
    for (const char *p = v; *p; p++) {
        unsigned char ch = (unsigned char)*p;
        if (ch < 0x20 || ch == 0x7f)
            rc |= buf_puts(b, " ");
        else if (ch == '"')
            rc |= buf_puts(b, "\"\"");
        else
            rc |= buf_put(b, p, 1);
    }
    if (quote) rc |= buf_puts(b, "\"");
    return rc | buf_puts(b, last ? "\n" : ",");
}

int emit_recert_csv(buf *b, const store_recert_item *v, size_t n)
{
    int rc = buf_puts(b, "actor,system,right,granted,reason,decided_by,decided_at\n");
    for (size_t i = 0; i < n; i++) {
        char granted[32], decided[32];
        ts_format(v[i].granted, granted);
        granted[10] = 0; /* the date */
        ts_format(v[i].decided, decided);
        rc |= csv_field(b, v[i].actor, 0);
        rc |= csv_field(b, v[i].system, 0);
        rc |= csv_field(b, v[i].action, 0);
        rc |= csv_field(b, granted, 0);
        rc |= csv_field(b, v[i].reason, 0);
        rc |= csv_field(b, v[i].decided_by, 0);
        rc |= csv_field(b, decided, 1);
    }
    return rc;
}
