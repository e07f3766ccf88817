/* store_count — how much a store holds, for summaries (`wachter demo`). */
#ifndef WACHTER_STORE_COUNT_H
#define WACHTER_STORE_COUNT_H
#include "store/store.h"

#include <stdint.h>

/* Counts the alerts stored, of every rule and actor: 0 or -1. */
int store_count_alerts(store *s, int64_t *n);
#endif
