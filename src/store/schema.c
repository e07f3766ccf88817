/* The schema and its migrations, in order. A migration is never edited once
 * released: add a new one. */
#include "store/schema.h"

/* Replaces a reference table's three triggers that drop the copy of the
 * reference data (migration 4) by ones that only fire while there is one. */
#define CACHE_TRIGGER(table, op, ev)                                                               \
    "DROP TRIGGER " table "_cache_" op ";"                                                         \
    "CREATE TRIGGER " table "_cache_" op " AFTER " ev " ON " table                                 \
    "  WHEN EXISTS(SELECT 1 FROM refdata_cache) BEGIN DELETE FROM refdata_cache; END;"
#define CACHE_TRIGGERS(table)                                                                      \
    CACHE_TRIGGER(table, "ins", "INSERT")                                                          \
    CACHE_TRIGGER(table, "upd", "UPDATE") CACHE_TRIGGER(table, "del", "DELETE")

static const char *const migrations[] = {
    /* 1: reference data, events, quarantine, alerts, detection state. */
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;"
    "CREATE TABLE actors(actor TEXT PRIMARY KEY, unit TEXT NOT NULL DEFAULT '',"
    "  role TEXT NOT NULL DEFAULT '', start_ts INTEGER, end_ts INTEGER,"
    "  person TEXT NOT NULL DEFAULT '', surname TEXT NOT NULL DEFAULT '',"
    "  postcode TEXT NOT NULL DEFAULT '', house_number TEXT NOT NULL DEFAULT '');"
    "CREATE TABLE subjects(subject TEXT PRIMARY KEY, surname TEXT NOT NULL DEFAULT '',"
    "  postcode TEXT NOT NULL DEFAULT '', house_number TEXT NOT NULL DEFAULT '');"
    "CREATE TABLE cases(case_id TEXT NOT NULL, subject TEXT NOT NULL, opened INTEGER,"
    "  closed INTEGER, PRIMARY KEY(case_id, subject));"
    "CREATE TABLE case_assignments(case_id TEXT NOT NULL, assignee TEXT NOT NULL,"
    "  from_ts INTEGER NOT NULL DEFAULT 0, to_ts INTEGER,"
    "  PRIMARY KEY(case_id, assignee, from_ts));"
    "CREATE TABLE protected(subject TEXT PRIMARY KEY, category TEXT NOT NULL);"
    "CREATE TABLE incidents(incident TEXT NOT NULL, subject TEXT NOT NULL, ts INTEGER NOT NULL,"
    "  kind TEXT NOT NULL DEFAULT '', PRIMARY KEY(incident, subject));"
    /* Events are appended in arrival order (rowid); the dedupe key has an
     * index of its own, small enough to stay in the page cache. */
    "CREATE TABLE events(key INTEGER NOT NULL UNIQUE, id TEXT NOT NULL, ts INTEGER NOT NULL,"
    "  actor TEXT NOT NULL, system TEXT NOT NULL, action TEXT NOT NULL, subject TEXT NOT NULL,"
    "  subject_type TEXT NOT NULL, case_id TEXT NOT NULL, purpose TEXT NOT NULL,"
    "  query TEXT NOT NULL, results INTEGER, client TEXT NOT NULL, attrs TEXT NOT NULL);"
    "CREATE INDEX events_subject ON events(subject, ts);"
    "CREATE INDEX events_actor ON events(actor, ts);"
    "CREATE TABLE quarantine(key INTEGER PRIMARY KEY, source TEXT NOT NULL, line INTEGER NOT NULL,"
    "  reason TEXT NOT NULL, raw BLOB NOT NULL, at INTEGER NOT NULL);"
    "CREATE TABLE alerts(id TEXT PRIMARY KEY, ts INTEGER NOT NULL, actor TEXT NOT NULL,"
    "  rule TEXT NOT NULL, severity INTEGER NOT NULL, score REAL NOT NULL, reason TEXT NOT NULL,"
    "  status TEXT NOT NULL DEFAULT 'new');"
    "CREATE INDEX alerts_actor ON alerts(actor, ts);"
    "CREATE TABLE alert_events(alert_id TEXT NOT NULL, event_id TEXT NOT NULL,"
    "  subject TEXT NOT NULL DEFAULT '', PRIMARY KEY(alert_id, event_id, subject));"
    "CREATE TABLE actor_state(actor TEXT PRIMARY KEY, layout INTEGER NOT NULL, state BLOB NOT "
    "NULL);"
    "CREATE TABLE rule_kv(rule TEXT NOT NULL, key TEXT NOT NULL, layout INTEGER NOT NULL,"
    "  value BLOB NOT NULL, PRIMARY KEY(rule, key)) WITHOUT ROWID;",
    /* 2: what investigations need to answer in milliseconds over years of
     * events without reading them all. actor_day: per actor and UTC day,
     * the distinct subjects looked up and the events (kept by store_tally
     * as batches are stored). tallies: the number of subjects.csv rows
     * (kept by the triggers below), a sketch of the distinct subjects the
     * events name (NULL data = empty; no row = rebuild from events) and the
     * newest event's time (events has no index on ts alone).
     * cases_subject finds one subject's cases without reading all cases. */
    "CREATE INDEX cases_subject ON cases(subject);"
    "CREATE TABLE actor_day(actor TEXT NOT NULL, day INTEGER NOT NULL,"
    "  subjects INTEGER NOT NULL, events INTEGER NOT NULL, PRIMARY KEY(actor, day)) WITHOUT ROWID;"
    "CREATE TABLE tallies(name TEXT PRIMARY KEY, n INTEGER NOT NULL, data BLOB) WITHOUT ROWID;"
    "INSERT INTO actor_day SELECT actor, ts / 86400000,"
    "  count(DISTINCT CASE WHEN subject <> '' THEN subject END), count(*)"
    "  FROM events GROUP BY actor, ts / 86400000;"
    "INSERT INTO tallies SELECT 'ref_subjects', count(*), NULL FROM subjects;"
    "INSERT INTO tallies SELECT 'event_subjects', 0, NULL WHERE NOT EXISTS(SELECT 1 FROM events);"
    "INSERT INTO tallies SELECT 'newest_event', coalesce(max(ts), 0), NULL FROM events;"
    /* BEFORE: an INSERT OR REPLACE of a listed subject finds it still there
     * and does not count it again (REPLACE fires no delete trigger). */
    "CREATE TRIGGER subjects_tally_ins BEFORE INSERT ON subjects"
    "  WHEN NOT EXISTS(SELECT 1 FROM subjects WHERE subject = new.subject) BEGIN"
    "  UPDATE tallies SET n = n + 1 WHERE name = 'ref_subjects';"
    "END;"
    "CREATE TRIGGER subjects_tally_del AFTER DELETE ON subjects BEGIN"
    "  UPDATE tallies SET n = n - 1 WHERE name = 'ref_subjects';"
    "END;",
    /* 3: the dedupe key is unique per time, not alone. Ordered by hash
     * alone, every insert landed on a random page of an index that at ten
     * million events outgrows the CPU caches (and at a year's events, RAM),
     * and inserts slowed several-fold as the store grew. Ordered by time first, inserts
     * from a time-ordered log land at the index's end. An event is now the
     * same event when system, id and time match; a source that reuses an
     * id at another time (a counter reset) no longer loses the new event.
     * The table is rebuilt (keeping rowids: arrival order) since SQLite
     * cannot drop a column constraint. */
    "CREATE TABLE events_v3(key INTEGER NOT NULL, id TEXT NOT NULL, ts INTEGER NOT NULL,"
    "  actor TEXT NOT NULL, system TEXT NOT NULL, action TEXT NOT NULL, subject TEXT NOT NULL,"
    "  subject_type TEXT NOT NULL, case_id TEXT NOT NULL, purpose TEXT NOT NULL,"
    "  query TEXT NOT NULL, results INTEGER, client TEXT NOT NULL, attrs TEXT NOT NULL,"
    "  UNIQUE(ts, key));"
    "INSERT INTO events_v3(rowid, key, id, ts, actor, system, action, subject, subject_type,"
    "  case_id, purpose, query, results, client, attrs)"
    "  SELECT rowid, key, id, ts, actor, system, action, subject, subject_type, case_id,"
    "  purpose, query, results, client, attrs FROM events ORDER BY rowid;"
    "DROP TABLE events;"
    "ALTER TABLE events_v3 RENAME TO events;"
    "CREATE INDEX events_subject ON events(subject, ts);"
    "CREATE INDEX events_actor ON events(actor, ts);",
    /* 4: a compact copy of the reference data (enrich/refdata_cache.h), so
     * that a command does not re-read millions of rows at every start. Any
     * change to a reference table, by wachter or by hand, drops the copy. */
    "CREATE TABLE refdata_cache(part INTEGER PRIMARY KEY, data BLOB NOT NULL);"
    "CREATE TRIGGER actors_cache_ins AFTER INSERT ON actors"
    "  BEGIN DELETE FROM refdata_cache; END;"
    "CREATE TRIGGER actors_cache_upd AFTER UPDATE ON actors"
    "  BEGIN DELETE FROM refdata_cache; END;"
    "CREATE TRIGGER actors_cache_del AFTER DELETE ON actors"
    "  BEGIN DELETE FROM refdata_cache; END;"
    "CREATE TRIGGER subjects_cache_ins AFTER INSERT ON subjects"
    "  BEGIN DELETE FROM refdata_cache; END;"
    "CREATE TRIGGER subjects_cache_upd AFTER UPDATE ON subjects"
    "  BEGIN DELETE FROM refdata_cache; END;"
    "CREATE TRIGGER subjects_cache_del AFTER DELETE ON subjects"
    "  BEGIN DELETE FROM refdata_cache; END;"
    "CREATE TRIGGER protected_cache_ins AFTER INSERT ON protected"
    "  BEGIN DELETE FROM refdata_cache; END;"
    "CREATE TRIGGER protected_cache_upd AFTER UPDATE ON protected"
    "  BEGIN DELETE FROM refdata_cache; END;"
    "CREATE TRIGGER protected_cache_del AFTER DELETE ON protected"
    "  BEGIN DELETE FROM refdata_cache; END;"
    "CREATE TRIGGER cases_cache_ins AFTER INSERT ON cases"
    "  BEGIN DELETE FROM refdata_cache; END;"
    "CREATE TRIGGER cases_cache_upd AFTER UPDATE ON cases"
    "  BEGIN DELETE FROM refdata_cache; END;"
    "CREATE TRIGGER cases_cache_del AFTER DELETE ON cases"
    "  BEGIN DELETE FROM refdata_cache; END;"
    "CREATE TRIGGER case_assignments_cache_ins AFTER INSERT ON case_assignments"
    "  BEGIN DELETE FROM refdata_cache; END;"
    "CREATE TRIGGER case_assignments_cache_upd AFTER UPDATE ON case_assignments"
    "  BEGIN DELETE FROM refdata_cache; END;"
    "CREATE TRIGGER case_assignments_cache_del AFTER DELETE ON case_assignments"
    "  BEGIN DELETE FROM refdata_cache; END;"
    "CREATE TRIGGER incidents_cache_ins AFTER INSERT ON incidents"
    "  BEGIN DELETE FROM refdata_cache; END;"
    "CREATE TRIGGER incidents_cache_upd AFTER UPDATE ON incidents"
    "  BEGIN DELETE FROM refdata_cache; END;"
    "CREATE TRIGGER incidents_cache_del AFTER DELETE ON incidents"
    "  BEGIN DELETE FROM refdata_cache; END;",
    /* 5: a rule's global state as a log (store/store_rulelog.h): one row
     * per save holding every entry that changed, and now and then a full
     * copy that replaces the rows before it. One rule_kv row per changed
     * entry cost a B-tree insert each, nearly one per event in a first
     * load. rule_kv stays for the entries older stores saved; they are read
     * first and dropped at the next full copy. */
    "CREATE TABLE rule_log(seq INTEGER PRIMARY KEY, rule TEXT NOT NULL, layout INTEGER NOT NULL,"
    "  snapshot INTEGER NOT NULL, data BLOB NOT NULL);"
    "CREATE INDEX rule_log_rule ON rule_log(rule, seq);"
    /* The copy's triggers of migration 4 emptied the table for every row
     * written, each time a statement with a write of its own; now only
     * while there is a copy. Loading 1.8M subjects: that write was most of
     * the load with 16 KiB pages. */
    CACHE_TRIGGERS("actors") CACHE_TRIGGERS("subjects") CACHE_TRIGGERS("protected")
        CACHE_TRIGGERS("cases") CACHE_TRIGGERS("case_assignments") CACHE_TRIGGERS("incidents"),
    /* 6: the look-up indexes lead with the UTC day. Ordered by subject
     * (1.8M of them in the bench) or by actor first, a day's ingest into a
     * store of many days landed on nearly every leaf page of both: each
     * commit rewrote hundreds of megabytes of index pages, and the daily
     * path ran several times slower than a first load. Day first, it lands
     * at the indexes' end, in pages of that day alone. A query by subject
     * or actor now seeks once per day of its period (store_events.h). */
    "DROP INDEX IF EXISTS events_subject; DROP INDEX IF EXISTS events_actor;"
    "CREATE INDEX events_subject ON events(ts / 86400000, subject, ts);"
    "CREATE INDEX events_actor ON events(ts / 86400000, actor, ts);",
    /* 7: runs of postings instead of the two look-up indexes
     * (store/store_post.h). Kept row by row, those indexes held the daily
     * path far below SQLite's own row rate, and a first load dropped and
     * rebuilt them. The runs for the events already stored are written
     * by store_post_build after this SQL (store.c). */
    "CREATE TABLE post_runs(run INTEGER PRIMARY KEY, kind INTEGER NOT NULL,"
    "  level INTEGER NOT NULL, n INTEGER NOT NULL);"
    "CREATE TABLE post_parts(id INTEGER PRIMARY KEY, run INTEGER NOT NULL, lo INTEGER NOT NULL,"
    "  data BLOB NOT NULL);"
    "CREATE INDEX post_parts_run ON post_parts(run, lo);"
    "DROP INDEX IF EXISTS events_subject; DROP INDEX IF EXISTS events_actor;",
    /* 8: an event's rowid is its time above 21 bits of its dedupe key
     * (store/store_rowid.h), and the (ts, key) index is gone: the table's
     * own B-tree de-duplicates, and holds the events in time order. Each
     * stored event cost SQLite two B-tree inserts; now one
     * (bench/ANALYSIS.md, item 49).
     * arrival keeps the order in which the store received the events (the
     * old rowid). The copy below, in arrival order as an ingest would
     * store them, skips an event whose slot an earlier one took;
     * store_rowid_upgrade (store_upgrade.c) then stores those in the next
     * free slot, replaces the table and rebuilds the postings, whose
     * rowids changed. */
    "CREATE TABLE events_v8(id TEXT NOT NULL, ts INTEGER NOT NULL, actor TEXT NOT NULL,"
    "  system TEXT NOT NULL, action TEXT NOT NULL, subject TEXT NOT NULL,"
    "  subject_type TEXT NOT NULL, case_id TEXT NOT NULL, purpose TEXT NOT NULL,"
    "  query TEXT NOT NULL, results INTEGER, client TEXT NOT NULL, attrs TEXT NOT NULL,"
    "  arrival INTEGER NOT NULL);"
    "INSERT OR IGNORE INTO events_v8(rowid, id, ts, actor, system, action, subject,"
    "  subject_type, case_id, purpose, query, results, client, attrs, arrival)"
    "  SELECT (ts << 21) | (key & 2097151), id, ts, actor, system, action, subject,"
    "  subject_type, case_id, purpose, query, results, client, attrs, rowid"
    "  FROM events ORDER BY rowid;"
    "INSERT OR REPLACE INTO tallies(name, n) SELECT 'arrivals', coalesce(max(rowid), 0) + 1"
    "  FROM events;",
    /* 9: ts is no longer stored: since schema 8 it is the rowid's high
     * bits, so it is a column computed from the rowid, named rowkey here
     * (SQLite's generated columns cannot read "rowid" itself). Each event
     * is 7 bytes smaller, and an insert binds and encodes one value less
     * (bench/ANALYSIS item 52). Queries read ts as before. The copy is in
     * rowid order, so it appends. The 21 is STORE_ROWID_SLOT_BITS, fixed
     * in the schema from here on (store_upgrade.c asserts it). */
    "CREATE TABLE events_v9(rowkey INTEGER PRIMARY KEY, id TEXT NOT NULL,"
    "  ts INTEGER GENERATED ALWAYS AS (rowkey >> 21) VIRTUAL, actor TEXT NOT NULL,"
    "  system TEXT NOT NULL, action TEXT NOT NULL, subject TEXT NOT NULL,"
    "  subject_type TEXT NOT NULL, case_id TEXT NOT NULL, purpose TEXT NOT NULL,"
    "  query TEXT NOT NULL, results INTEGER, client TEXT NOT NULL, attrs TEXT NOT NULL,"
    "  arrival INTEGER NOT NULL);"
    "INSERT INTO events_v9(rowkey, id, actor, system, action, subject, subject_type, case_id,"
    "  purpose, query, results, client, attrs, arrival)"
    "  SELECT rowid, id, actor, system, action, subject, subject_type, case_id, purpose, query,"
    "  results, client, attrs, arrival FROM events ORDER BY rowid;"
    "DROP TABLE events;"
    "ALTER TABLE events_v9 RENAME TO events;",
    /* 10: an alert about one subject may name several actors (several
     * staff on one protected record within a day), each with what it
     * weighs in their risk. An alert with no rows here is alerts.actor's
     * alone. */
    "CREATE TABLE alert_actors(alert_id TEXT NOT NULL, actor TEXT NOT NULL, score REAL NOT NULL,"
    "  PRIMARY KEY(alert_id, actor));"
    "CREATE INDEX alert_actors_actor ON alert_actors(actor);",
    /* 11: late reference data is re-judged (investigate/rejudge.h). HR's
     * resignations: each actor's notice, last working day and contract
     * end, which set the end date detection uses (store_ref_actors). An
     * alert that a case loaded after it explains keeps status
     * 'explained-later' and says why; the re-judging finds the alerts of
     * the subjects a load touched through alert_events' subject. */
    "CREATE TABLE resignations(actor TEXT PRIMARY KEY, notified INTEGER,"
    "  last_working_day INTEGER, contract_end INTEGER);"
    "CREATE TRIGGER resignations_cache_ins AFTER INSERT ON resignations"
    "  WHEN EXISTS(SELECT 1 FROM refdata_cache) BEGIN DELETE FROM refdata_cache; END;"
    "CREATE TRIGGER resignations_cache_upd AFTER UPDATE ON resignations"
    "  WHEN EXISTS(SELECT 1 FROM refdata_cache) BEGIN DELETE FROM refdata_cache; END;"
    "CREATE TRIGGER resignations_cache_del AFTER DELETE ON resignations"
    "  WHEN EXISTS(SELECT 1 FROM refdata_cache) BEGIN DELETE FROM refdata_cache; END;"
    "ALTER TABLE alerts ADD COLUMN why TEXT NOT NULL DEFAULT '';"
    "CREATE INDEX alert_events_subject ON alert_events(subject);",
    /* 12: the rules configuration in force (store/store_ruleconf.h): the
     * values an operator set for the rules' parameters, each with the
     * file and line it was set on. No row: the default. */
    "CREATE TABLE rule_params(rule TEXT NOT NULL, param TEXT NOT NULL,"
    "  value REAL NOT NULL, origin TEXT NOT NULL,"
    "  PRIMARY KEY(rule, param)) WITHOUT ROWID;",
    /* 13: an alert that merges several findings names all of them
     * (detect/alert_text.h): the strongest one's reason, what they were
     * about. reason is the sentence made of those; a finding
     * merged in a later commit adds to them. An alert stored before reads
     * as one finding whose lead is its reason. */
    "ALTER TABLE alerts ADD COLUMN lead TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE alerts ADD COLUMN items TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE alerts ADD COLUMN more INTEGER NOT NULL DEFAULT 0;",
    /* 14: the kind of organisation of the rules configuration in force
     * (detect/rule_kinds.h), with the file and line it was set on: a
     * parameter without a row in rule_params takes that kind's default.
     * No row: no kind, the municipality's defaults (as before). */
    "CREATE TABLE rule_kind(one INTEGER PRIMARY KEY CHECK(one = 1),"
    "  kind TEXT NOT NULL,"
    "  origin TEXT NOT NULL);",
    /* 15: the retention policy (store/store_retention.h): how many days
     * each kind of record is kept, and when that was set; a kind without
     * a row is kept for ever. And the event fields dropped at ingest
     * (minimisation): one row per field. */
    "CREATE TABLE retention(kind TEXT PRIMARY KEY,"
    "  days INTEGER NOT NULL CHECK(days > 0),"
    "  set_at INTEGER NOT NULL) WITHOUT ROWID;"
    "CREATE TABLE minimise(field TEXT PRIMARY KEY) WITHOUT ROWID;",
    /* 16: requests to see the identity behind a pseudonym
     * (store/store_unmask.h): status 'pending', 'approved' (until
     * expires) or 'refused'; an expired approval is one whose expires has
     * passed. */
    "CREATE TABLE unmask(id INTEGER PRIMARY KEY, actor TEXT NOT NULL, requester TEXT NOT NULL,"
    "  reason TEXT NOT NULL, concerns TEXT NOT NULL DEFAULT '', asked INTEGER NOT NULL,"
    "  status TEXT NOT NULL DEFAULT 'pending', decider TEXT NOT NULL DEFAULT '',"
    "  decided INTEGER NOT NULL DEFAULT 0, note TEXT NOT NULL DEFAULT '',"
    "  expires INTEGER NOT NULL DEFAULT 0);"
    "CREATE INDEX unmask_requester ON unmask(requester, id);",
    /* 17: analysts' accounts (ops/ops_accounts.h): a role and an
     * Argon2id hash of the password, never the password. (The audit
     * trail is a file of its own beside the store: store/store_audit.h.) */
    "CREATE TABLE accounts(name TEXT PRIMARY KEY,"
    "  role TEXT NOT NULL, hash TEXT NOT NULL,"
    "  disabled INTEGER NOT NULL DEFAULT 0, created INTEGER NOT NULL) WITHOUT ROWID;",
    /* 18: the integrity office's workflow (ops/ops_workflow.h,
     * ops_dossier.h, ops_suppress.h). An alert's status moves new ->
     * acknowledged -> investigating -> closed (with a disposition:
     * confirmed, benign, false_positive, duplicate); 'explained-later'
     * stays what detection makes of it, closed by detection. Notes are
     * appended, never edited (the triggers refuse an UPDATE); every
     * change is a row of a history. Dossiers are integrity cases about one
     * person (the table cases is the organisation's work cases, zaken).
     * A suppression hides the alerts of a rule about one actor, subject or
     * unit from the queue until it ends (until passes, or ended). */
    "ALTER TABLE alerts ADD COLUMN disposition TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE alerts ADD COLUMN assignee TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE alerts ADD COLUMN updated INTEGER NOT NULL DEFAULT 0;"
    "CREATE INDEX alerts_status ON alerts(status, score);"
    "CREATE INDEX alerts_rule ON alerts(rule, actor);"
    "CREATE TABLE alert_notes(seq INTEGER PRIMARY KEY, alert_id TEXT NOT NULL,"
    "  at INTEGER NOT NULL, account TEXT NOT NULL, text TEXT NOT NULL);"
    "CREATE INDEX alert_notes_alert ON alert_notes(alert_id, seq);"
    "CREATE TRIGGER alert_notes_never_edited BEFORE UPDATE ON alert_notes"
    "  BEGIN SELECT RAISE(ABORT, 'notes are never edited'); END;"
    "CREATE TABLE alert_history(seq INTEGER PRIMARY KEY, alert_id TEXT NOT NULL,"
    "  at INTEGER NOT NULL, account TEXT NOT NULL, action TEXT NOT NULL,"
    "  from_value TEXT NOT NULL DEFAULT '', to_value TEXT NOT NULL DEFAULT '',"
    "  detail TEXT NOT NULL DEFAULT '');"
    "CREATE INDEX alert_history_alert ON alert_history(alert_id, seq);"
    "CREATE TABLE dossiers(id TEXT PRIMARY KEY, actor TEXT NOT NULL, title TEXT NOT NULL,"
    "  status TEXT NOT NULL DEFAULT 'open', investigator TEXT NOT NULL DEFAULT '',"
    "  opened INTEGER NOT NULL, closed INTEGER, outcome TEXT NOT NULL DEFAULT '');"
    "CREATE TABLE dossier_alerts(dossier_id TEXT NOT NULL, alert_id TEXT NOT NULL,"
    "  added INTEGER NOT NULL, PRIMARY KEY(dossier_id, alert_id));"
    "CREATE INDEX dossier_alerts_alert ON dossier_alerts(alert_id);"
    "CREATE TABLE dossier_notes(seq INTEGER PRIMARY KEY, dossier_id TEXT NOT NULL,"
    "  at INTEGER NOT NULL, account TEXT NOT NULL, text TEXT NOT NULL);"
    "CREATE INDEX dossier_notes_dossier ON dossier_notes(dossier_id, seq);"
    "CREATE TRIGGER dossier_notes_never_edited BEFORE UPDATE ON dossier_notes"
    "  BEGIN SELECT RAISE(ABORT, 'notes are never edited'); END;"
    "CREATE TABLE dossier_history(seq INTEGER PRIMARY KEY, dossier_id TEXT NOT NULL,"
    "  at INTEGER NOT NULL, account TEXT NOT NULL, action TEXT NOT NULL,"
    "  from_value TEXT NOT NULL DEFAULT '', to_value TEXT NOT NULL DEFAULT '',"
    "  detail TEXT NOT NULL DEFAULT '');"
    "CREATE INDEX dossier_history_dossier ON dossier_history(dossier_id, seq);"
    "CREATE TABLE suppressions(id INTEGER PRIMARY KEY, rule TEXT NOT NULL,"
    "  scope TEXT NOT NULL CHECK(scope IN ('actor', 'subject', 'unit')), value TEXT NOT NULL,"
    "  reason TEXT NOT NULL, until INTEGER NOT NULL, account TEXT NOT NULL, at INTEGER NOT NULL,"
    "  ended INTEGER);",
    /* 19: the workbench's look-ups through indexes, not passes over a
     * table: the others at a subject's address (investigate/subject.h),
     * the alert queue's first page in its order (store_workflow.h). */
    ("CREATE INDEX subjects_address ON subjects(postcode, house_number) WHERE postcode <> '';"
     "CREATE INDEX alerts_queue ON alerts(score DESC, ts DESC);"),
    /* 20: reference data for insider-risk management beyond the log
     * (README, "Reference data"): rights (rights.csv: who may do what on
     * which system, from granted until revoked, given by whom), HR's
     * moves to another unit or role (moves.csv) and screenings
     * (screenings.csv: VOG, VOG-P, security clearance, with their
     * outcome). A right's action is the log's (view, export), or * for
     * every action on its system. */
    "CREATE TABLE rights(actor TEXT NOT NULL, system TEXT NOT NULL, action TEXT NOT NULL,"
    "  granted INTEGER NOT NULL, revoked INTEGER, granted_by TEXT NOT NULL DEFAULT '',"
    "  PRIMARY KEY(actor, system, action, granted));"
    "CREATE INDEX rights_system ON rights(system, action);"
    "CREATE TRIGGER rights_cache_ins AFTER INSERT ON rights"
    "  WHEN EXISTS(SELECT 1 FROM refdata_cache) BEGIN DELETE FROM refdata_cache; END;"
    "CREATE TRIGGER rights_cache_upd AFTER UPDATE ON rights"
    "  WHEN EXISTS(SELECT 1 FROM refdata_cache) BEGIN DELETE FROM refdata_cache; END;"
    "CREATE TRIGGER rights_cache_del AFTER DELETE ON rights"
    "  WHEN EXISTS(SELECT 1 FROM refdata_cache) BEGIN DELETE FROM refdata_cache; END;"
    "CREATE TABLE moves(actor TEXT NOT NULL, moved INTEGER NOT NULL,"
    "  from_unit TEXT NOT NULL DEFAULT '', from_role TEXT NOT NULL DEFAULT '',"
    "  to_unit TEXT NOT NULL DEFAULT '', to_role TEXT NOT NULL DEFAULT '',"
    "  PRIMARY KEY(actor, moved));"
    "CREATE TABLE screenings(actor TEXT NOT NULL, kind TEXT NOT NULL, screened INTEGER NOT NULL,"
    "  outcome TEXT NOT NULL, PRIMARY KEY(actor, kind, screened));",
    /* 21: authorisation reports (ops/ops_rights.h). conflicts: pairs of
     * rights no one may hold together (conflicts.csv, segregation of
     * duties), each right written system:action. right_use: the newest
     * event per (actor, system, action), kept by store_tally as batches
     * are stored, so that the last use of every right is found without a
     * pass over the events; filled here once from the events there are. */
    "CREATE TABLE conflicts(right_a TEXT NOT NULL, right_b TEXT NOT NULL,"
    "  reason TEXT NOT NULL DEFAULT '', PRIMARY KEY(right_a, right_b));"
    "CREATE TABLE right_use(actor TEXT NOT NULL, system TEXT NOT NULL, action TEXT NOT NULL,"
    "  last INTEGER NOT NULL, PRIMARY KEY(actor, system, action)) WITHOUT ROWID;"
    "INSERT INTO right_use(actor, system, action, last)"
    "  SELECT actor, system, action, max(rowkey >> 21) FROM events GROUP BY actor, system, action;",
    /* 22: the risk analysis of functions (issue 36): the versioned analyses of each
     * function (unit, role of actors.csv) with its process, the answers
     * to the questionnaire (score/funcrisk.h: one digit a question), the
     * scores computed from them, the open measures (one a line) and who
     * entered it when. A new analysis adds a version; none is changed. */
    "CREATE TABLE function_analyses(unit TEXT NOT NULL, role TEXT NOT NULL,"
    "  version INTEGER NOT NULL, process TEXT NOT NULL DEFAULT '', analysed INTEGER NOT NULL,"
    "  next_review INTEGER NOT NULL, answers TEXT NOT NULL, impact INTEGER NOT NULL,"
    "  resilience INTEGER NOT NULL, risk INTEGER NOT NULL, band TEXT NOT NULL,"
    "  measures TEXT NOT NULL DEFAULT '', account TEXT NOT NULL, at INTEGER NOT NULL,"
    "  PRIMARY KEY(unit, role, version));"
    "CREATE TRIGGER function_analyses_never_edited BEFORE UPDATE ON function_analyses"
    "  BEGIN SELECT RAISE(ABORT, 'analyses are never edited: add a version'); END;",
    /* 23: what screening each function
     * needs (screening_requirements.csv): staff in unit and role need a
     * positive screening of kind no older than every_months, from from_ts
     * (0: always) on. */
    "CREATE TABLE screening_requirements(unit TEXT NOT NULL, role TEXT NOT NULL,"
    "  kind TEXT NOT NULL, every_months INTEGER NOT NULL, from_ts INTEGER NOT NULL DEFAULT 0,"
    "  PRIMARY KEY(unit, role, kind));",
    /* 24: recertification campaigns (ops/ops_recert.h): a campaign for
     * a system or a unit, owned by the account that reviews it, with a
     * due date; one review item per right held when it started, decided
     * keep or revoke with a reason. A decision may change until the
     * campaign closes, never silently: the trigger writes every change
     * of an item's decision or reason as a row of the history, which is
     * never edited; a closed campaign's items do not change. */
    "CREATE TABLE recert_campaigns(id INTEGER PRIMARY KEY, title TEXT NOT NULL,"
    "  scope TEXT NOT NULL CHECK(scope IN ('system', 'unit')), value TEXT NOT NULL,"
    "  owner TEXT NOT NULL, due INTEGER NOT NULL, created_by TEXT NOT NULL,"
    "  created INTEGER NOT NULL,"
    "  status TEXT NOT NULL DEFAULT 'open' CHECK(status IN ('open', 'closed')),"
    "  closed INTEGER, closed_by TEXT NOT NULL DEFAULT '');"
    "CREATE TABLE recert_items(id INTEGER PRIMARY KEY, campaign INTEGER NOT NULL,"
    "  actor TEXT NOT NULL, system TEXT NOT NULL, action TEXT NOT NULL,"
    "  granted INTEGER NOT NULL, last_use INTEGER NOT NULL DEFAULT 0,"
    "  decision TEXT NOT NULL DEFAULT '' CHECK(decision IN ('', 'keep', 'revoke')),"
    "  reason TEXT NOT NULL DEFAULT '', decided_by TEXT NOT NULL DEFAULT '',"
    "  decided INTEGER NOT NULL DEFAULT 0);"
    "CREATE INDEX recert_items_campaign ON recert_items(campaign, id);"
    "CREATE TABLE recert_history(seq INTEGER PRIMARY KEY, campaign INTEGER NOT NULL,"
    "  item INTEGER NOT NULL DEFAULT 0, at INTEGER NOT NULL, account TEXT NOT NULL,"
    "  action TEXT NOT NULL, from_value TEXT NOT NULL DEFAULT '',"
    "  to_value TEXT NOT NULL DEFAULT '', detail TEXT NOT NULL DEFAULT '');"
    "CREATE INDEX recert_history_campaign ON recert_history(campaign, seq);"
    "CREATE TRIGGER recert_history_never_edited BEFORE UPDATE ON recert_history"
    "  BEGIN SELECT RAISE(ABORT, 'history is never edited'); END;"
    "CREATE TRIGGER recert_items_closed BEFORE UPDATE ON recert_items"
    "  WHEN (SELECT status FROM recert_campaigns WHERE id = OLD.campaign) = 'closed'"
    "  BEGIN SELECT RAISE(ABORT, 'the campaign is closed'); END;"
    "CREATE TRIGGER recert_items_history AFTER UPDATE OF decision, reason ON recert_items"
    "  BEGIN INSERT INTO recert_history(campaign, item, at, account, action, from_value,"
    "   to_value, detail) VALUES(NEW.campaign, NEW.id, NEW.decided, NEW.decided_by, 'decide',"
    "   OLD.decision, NEW.decision, NEW.reason); END;",
    /* 25: everyone rights.csv and moves.csv name (staff the pseudonyms
     * must know of even when no register lists them and they caused no
     * event: store_staff.c), kept by a trigger per row inserted, so that
     * naming them reads these few rows, not every right. A superset: a
     * name stays when its rights go. */
    "CREATE TABLE ref_staff(actor TEXT PRIMARY KEY) WITHOUT ROWID;"
    "INSERT OR IGNORE INTO ref_staff SELECT actor FROM rights UNION SELECT actor FROM moves;"
    "CREATE TRIGGER rights_staff_ins AFTER INSERT ON rights"
    "  BEGIN INSERT OR IGNORE INTO ref_staff(actor) VALUES(new.actor); END;"
    "CREATE TRIGGER moves_staff_ins AFTER INSERT ON moves"
    "  BEGIN INSERT OR IGNORE INTO ref_staff(actor) VALUES(new.actor); END;",
    /* 26: alerts in the SOC's tools (issue 37). raised: when the alert
     * was first stored (epoch ms); an alert stored before this migration
     * reads its event's time. alert_order: the order alerts were first
     * stored in, by a sequence that only grows (AUTOINCREMENT: a purged
     * newest alert's number is never given again), which forwarding's
     * cursors (forward_cursors, one per destination: the last seq
     * delivered) count on; an alert deleted leaves it. A new alert's
     * row is written by store_put_alert, not by a trigger on alerts: a
     * trigger there made SQLite keep a statement journal for every
     * alert written (bench/README.md has what that cost an ingest). */
    "ALTER TABLE alerts ADD COLUMN raised INTEGER NOT NULL DEFAULT 0;"
    "UPDATE alerts SET raised = ts;"
    "CREATE TABLE alert_order(seq INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  alert_id TEXT NOT NULL UNIQUE);"
    "INSERT INTO alert_order(alert_id) SELECT id FROM alerts ORDER BY ts, id;"
    "CREATE TRIGGER alert_order_del AFTER DELETE ON alerts"
    "  BEGIN DELETE FROM alert_order WHERE alert_id = old.id; END;"
    "CREATE TABLE forward_cursors(dest TEXT PRIMARY KEY, payload TEXT NOT NULL,"
    "  seq INTEGER NOT NULL DEFAULT 0, sent INTEGER NOT NULL DEFAULT 0,"
    "  last_ok INTEGER NOT NULL DEFAULT 0, last_error TEXT NOT NULL DEFAULT '',"
    "  error_at INTEGER NOT NULL DEFAULT 0);",
    /* 27: issue 37's receiver. The register of
     * processing activities (activities.csv: an activity's id, the URI
     * that dpl.core.processing_activity_id names, and its name, the
     * purpose an event shows), and the records of the Logboek
     * Dataverwerkingen receiver waiting for their other half (a span for
     * its audit record or the reverse: ops/ops_receive.h), each with
     * when it arrived, the record as it will be joined, and its raw
     * bytes for the quarantine once it waited too long. */
    "CREATE TABLE activities(id TEXT PRIMARY KEY, name TEXT NOT NULL) WITHOUT ROWID;"
    "CREATE TABLE otlp_pending(kind TEXT NOT NULL CHECK(kind IN ('span', 'audit')),"
    "  trace_id TEXT NOT NULL, operation_id TEXT NOT NULL, received INTEGER NOT NULL,"
    "  record TEXT NOT NULL, raw BLOB NOT NULL,"
    "  PRIMARY KEY(kind, trace_id, operation_id)) WITHOUT ROWID;"
    "CREATE INDEX otlp_pending_received ON otlp_pending(received);",
};

size_t schema_count(void)
{
    return sizeof migrations / sizeof *migrations;
}

const char *schema_migration(size_t i)
{
    return i < schema_count() ? migrations[i] : NULL;
}
