-- The schema of a wachter store (SQLite), schema version 27
-- (PRAGMA user_version): what a new store holds, and what an older store
-- holds once wachter has opened it (the migrations are in
-- src/store/schema.c; tests/test_schema.c checks that both equal this
-- file). How the tables are used: docs/storage.md.
--
-- When a migration changes the schema, write this file again from a new
-- store (any command creates one):
--     build/wachter --db /tmp/new.db alerts && sqlite3 /tmp/new.db .schema
-- then tidy it: line breaks, indentation and comments are free, the
-- statements' words are not.

------------------------------------------------------------ reference data
-- Loaded by `wachter load` from the CSVs of the same names. Times are UTC
-- epoch milliseconds; an end or closing time of NULL is open.

CREATE TABLE actors(
  actor TEXT PRIMARY KEY,
  unit TEXT NOT NULL DEFAULT '',
  role TEXT NOT NULL DEFAULT '',
  start_ts INTEGER,
  end_ts INTEGER,
  person TEXT NOT NULL DEFAULT '',        -- the employee's own subject id
  surname TEXT NOT NULL DEFAULT '',
  postcode TEXT NOT NULL DEFAULT '',
  house_number TEXT NOT NULL DEFAULT ''
);

CREATE TABLE subjects(
  subject TEXT PRIMARY KEY,
  surname TEXT NOT NULL DEFAULT '',
  postcode TEXT NOT NULL DEFAULT '',
  house_number TEXT NOT NULL DEFAULT ''
);
-- The others at one address (the workbench's subject page).
CREATE INDEX subjects_address ON subjects(postcode, house_number) WHERE postcode <> '';

CREATE TABLE cases(
  case_id TEXT NOT NULL,
  subject TEXT NOT NULL,
  opened INTEGER,
  closed INTEGER,
  PRIMARY KEY(case_id, subject)
);
CREATE INDEX cases_subject ON cases(subject);

CREATE TABLE case_assignments(
  case_id TEXT NOT NULL,
  assignee TEXT NOT NULL,                 -- an actor, or unit:NAME
  from_ts INTEGER NOT NULL DEFAULT 0,
  to_ts INTEGER,
  PRIMARY KEY(case_id, assignee, from_ts)
);

CREATE TABLE protected(
  subject TEXT PRIMARY KEY,
  category TEXT NOT NULL                  -- vip, employee, sensitive, ...
);

CREATE TABLE incidents(
  incident TEXT NOT NULL,
  subject TEXT NOT NULL,
  ts INTEGER NOT NULL,
  kind TEXT NOT NULL DEFAULT '',
  PRIMARY KEY(incident, subject)
);

-- HR's resignations (resignations.csv): the end date detection uses is
-- the earliest of actors.end_ts and last_working_day (contract_end when
-- no last working day is given); src/store/store_ref.c.
CREATE TABLE resignations(
  actor TEXT PRIMARY KEY,
  notified INTEGER,
  last_working_day INTEGER,
  contract_end INTEGER
);

-- Rights (rights.csv): actor may do action (the log's: view, export; *
-- for every action) on system from granted until revoked (NULL: still
-- held), given by granted_by.
CREATE TABLE rights(
  actor TEXT NOT NULL,
  system TEXT NOT NULL,
  action TEXT NOT NULL,
  granted INTEGER NOT NULL,
  revoked INTEGER,
  granted_by TEXT NOT NULL DEFAULT '',
  PRIMARY KEY(actor, system, action, granted)
);
CREATE INDEX rights_system ON rights(system, action);

-- Everyone rights.csv and moves.csv name, kept by the triggers below:
-- the pseudonyms name them even when no register lists them and they
-- caused no event (src/store/store_staff.c). A name stays when its rights
-- go.
CREATE TABLE ref_staff(actor TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TRIGGER rights_staff_ins AFTER INSERT ON rights
  BEGIN INSERT OR IGNORE INTO ref_staff(actor) VALUES(new.actor); END;

-- HR's moves (moves.csv): actor moved on moved (ms) from one unit and
-- role to another.
CREATE TABLE moves(
  actor TEXT NOT NULL,
  moved INTEGER NOT NULL,
  from_unit TEXT NOT NULL DEFAULT '',
  from_role TEXT NOT NULL DEFAULT '',
  to_unit TEXT NOT NULL DEFAULT '',
  to_role TEXT NOT NULL DEFAULT '',
  PRIMARY KEY(actor, moved)
);
CREATE TRIGGER moves_staff_ins AFTER INSERT ON moves
  BEGIN INSERT OR IGNORE INTO ref_staff(actor) VALUES(new.actor); END;

-- The register of processing activities (activities.csv): an activity's
-- id (the URI spans name in dpl.core.processing_activity_id) and its
-- name, the purpose the receiver's events show (migration 27 of issue 37).
CREATE TABLE activities(id TEXT PRIMARY KEY, name TEXT NOT NULL) WITHOUT ROWID;

-- Screenings (screenings.csv): actor's screening of kind (VOG, VOG-P,
-- clearance) on screened (ms), with its outcome.
CREATE TABLE screenings(
  actor TEXT NOT NULL,
  kind TEXT NOT NULL,
  screened INTEGER NOT NULL,
  outcome TEXT NOT NULL,
  PRIMARY KEY(actor, kind, screened)
);

-- Segregation of duties (conflicts.csv): no one may hold right_a and
-- right_b (each system:action; * for every action) at once.
CREATE TABLE conflicts(
  right_a TEXT NOT NULL,
  right_b TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  PRIMARY KEY(right_a, right_b)
);
-- The risk analyses of functions (`wachter functions`, README "Risk
-- analysis of functions"): a function is a (unit, role) of actors.csv.
-- Each analysis is a version of its own (1, 2, ...), never edited:
-- process, analysed and next_review (ms, the start of the day), the
-- answers (one digit 0-3 a question, in src/score/funcrisk.c's order),
-- the scores computed from them (impact and resilience 1-5, risk 1-25,
-- band low/medium/high/very high), the open measures (one a line), and
-- the account that entered it at `at`.
CREATE TABLE function_analyses(
  unit TEXT NOT NULL,
  role TEXT NOT NULL,
  version INTEGER NOT NULL,
  process TEXT NOT NULL DEFAULT '',
  analysed INTEGER NOT NULL,
  next_review INTEGER NOT NULL,
  answers TEXT NOT NULL,
  impact INTEGER NOT NULL,
  resilience INTEGER NOT NULL,
  risk INTEGER NOT NULL,
  band TEXT NOT NULL,
  measures TEXT NOT NULL DEFAULT '',
  account TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY(unit, role, version)
);
CREATE TRIGGER function_analyses_never_edited BEFORE UPDATE ON function_analyses
  BEGIN SELECT RAISE(ABORT, 'analyses are never edited: add a version'); END;
-- What screening each function needs (screening_requirements.csv): staff
-- in unit and role need a positive screening of kind no older than
-- every_months, from from_ts (ms; 0: always) on.
CREATE TABLE screening_requirements(
  unit TEXT NOT NULL,
  role TEXT NOT NULL,
  kind TEXT NOT NULL,
  every_months INTEGER NOT NULL,
  from_ts INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY(unit, role, kind)
);

-- A compact copy of all reference data, written at the end of a load or
-- by the next ingest, read at every start (src/enrich/refdata_cache.c).
CREATE TABLE refdata_cache(
  part INTEGER PRIMARY KEY,
  data BLOB NOT NULL
);

-- Any change to a reference table drops the copy (only while there is one).
CREATE TRIGGER actors_cache_ins AFTER INSERT ON actors
  WHEN EXISTS(SELECT 1 FROM refdata_cache) BEGIN DELETE FROM refdata_cache; END;
CREATE TRIGGER actors_cache_upd AFTER UPDATE ON actors
  WHEN EXISTS(SELECT 1 FROM refdata_cache) BEGIN DELETE FROM refdata_cache; END;
CREATE TRIGGER actors_cache_del AFTER DELETE ON actors
  WHEN EXISTS(SELECT 1 FROM refdata_cache) BEGIN DELETE FROM refdata_cache; END;
CREATE TRIGGER subjects_cache_ins AFTER INSERT ON subjects
  WHEN EXISTS(SELECT 1 FROM refdata_cache) BEGIN DELETE FROM refdata_cache; END;
CREATE TRIGGER subjects_cache_upd AFTER UPDATE ON subjects
  WHEN EXISTS(SELECT 1 FROM refdata_cache) BEGIN DELETE FROM refdata_cache; END;
CREATE TRIGGER subjects_cache_del AFTER DELETE ON subjects
  WHEN EXISTS(SELECT 1 FROM refdata_cache) BEGIN DELETE FROM refdata_cache; END;
CREATE TRIGGER protected_cache_ins AFTER INSERT ON protected
  WHEN EXISTS(SELECT 1 FROM refdata_cache) BEGIN DELETE FROM refdata_cache; END;
CREATE TRIGGER protected_cache_upd AFTER UPDATE ON protected
  WHEN EXISTS(SELECT 1 FROM refdata_cache) BEGIN DELETE FROM refdata_cache; END;
CREATE TRIGGER protected_cache_del AFTER DELETE ON protected
  WHEN EXISTS(SELECT 1 FROM refdata_cache) BEGIN DELETE FROM refdata_cache; END;
CREATE TRIGGER cases_cache_ins AFTER INSERT ON cases
  WHEN EXISTS(SELECT 1 FROM refdata_cache) BEGIN DELETE FROM refdata_cache; END;
CREATE TRIGGER cases_cache_upd AFTER UPDATE ON cases
  WHEN EXISTS(SELECT 1 FROM refdata_cache) BEGIN DELETE FROM refdata_cache; END;
CREATE TRIGGER cases_cache_del AFTER DELETE ON cases
  WHEN EXISTS(SELECT 1 FROM refdata_cache) BEGIN DELETE FROM refdata_cache; END;
CREATE TRIGGER case_assignments_cache_ins AFTER INSERT ON case_assignments
  WHEN EXISTS(SELECT 1 FROM refdata_cache) BEGIN DELETE FROM refdata_cache; END;
CREATE TRIGGER case_assignments_cache_upd AFTER UPDATE ON case_assignments
  WHEN EXISTS(SELECT 1 FROM refdata_cache) BEGIN DELETE FROM refdata_cache; END;
CREATE TRIGGER case_assignments_cache_del AFTER DELETE ON case_assignments
  WHEN EXISTS(SELECT 1 FROM refdata_cache) BEGIN DELETE FROM refdata_cache; END;
CREATE TRIGGER incidents_cache_ins AFTER INSERT ON incidents
  WHEN EXISTS(SELECT 1 FROM refdata_cache) BEGIN DELETE FROM refdata_cache; END;
CREATE TRIGGER incidents_cache_upd AFTER UPDATE ON incidents
  WHEN EXISTS(SELECT 1 FROM refdata_cache) BEGIN DELETE FROM refdata_cache; END;
CREATE TRIGGER incidents_cache_del AFTER DELETE ON incidents
  WHEN EXISTS(SELECT 1 FROM refdata_cache) BEGIN DELETE FROM refdata_cache; END;
CREATE TRIGGER resignations_cache_ins AFTER INSERT ON resignations
  WHEN EXISTS(SELECT 1 FROM refdata_cache) BEGIN DELETE FROM refdata_cache; END;
CREATE TRIGGER resignations_cache_upd AFTER UPDATE ON resignations
  WHEN EXISTS(SELECT 1 FROM refdata_cache) BEGIN DELETE FROM refdata_cache; END;
CREATE TRIGGER resignations_cache_del AFTER DELETE ON resignations
  WHEN EXISTS(SELECT 1 FROM refdata_cache) BEGIN DELETE FROM refdata_cache; END;
CREATE TRIGGER rights_cache_ins AFTER INSERT ON rights
  WHEN EXISTS(SELECT 1 FROM refdata_cache) BEGIN DELETE FROM refdata_cache; END;
CREATE TRIGGER rights_cache_upd AFTER UPDATE ON rights
  WHEN EXISTS(SELECT 1 FROM refdata_cache) BEGIN DELETE FROM refdata_cache; END;
CREATE TRIGGER rights_cache_del AFTER DELETE ON rights
  WHEN EXISTS(SELECT 1 FROM refdata_cache) BEGIN DELETE FROM refdata_cache; END;

-------------------------------------------------------------------- events
-- One row per access event. The rowid (rowkey) is the event's time in ms
-- above 21 bits of a hash of its system and id (src/store/store_rowid.h):
-- the table's own B-tree finds duplicates and keeps time order; ts is
-- computed from it. arrival: the order in which the store received them.

CREATE TABLE events(
  rowkey INTEGER PRIMARY KEY,
  id TEXT NOT NULL,
  ts INTEGER GENERATED ALWAYS AS (rowkey >> 21) VIRTUAL,
  actor TEXT NOT NULL,
  system TEXT NOT NULL,
  action TEXT NOT NULL,
  subject TEXT NOT NULL,
  subject_type TEXT NOT NULL,
  case_id TEXT NOT NULL,
  purpose TEXT NOT NULL,
  query TEXT NOT NULL,
  results INTEGER,
  client TEXT NOT NULL,
  attrs TEXT NOT NULL,                    -- unknown fields, a JSON object
  arrival INTEGER NOT NULL
);

-- Postings: events found by subject (kind 0) or actor (kind 1) through
-- sorted runs of (hash, rowid), merged as an LSM tree does
-- (src/store/store_post.h). A run is stored in parts; lo is the first
-- hash of a part.
CREATE TABLE post_runs(
  run INTEGER PRIMARY KEY,
  kind INTEGER NOT NULL,
  level INTEGER NOT NULL,
  n INTEGER NOT NULL
);
CREATE TABLE post_parts(
  id INTEGER PRIMARY KEY,
  run INTEGER NOT NULL,
  lo INTEGER NOT NULL,
  data BLOB NOT NULL
);
CREATE INDEX post_parts_run ON post_parts(run, lo);

-- Lines that could not be read as events, with their raw bytes.
CREATE TABLE quarantine(
  key INTEGER PRIMARY KEY,
  source TEXT NOT NULL,
  line INTEGER NOT NULL,
  reason TEXT NOT NULL,
  raw BLOB NOT NULL,
  at INTEGER NOT NULL
);

-- The receiver's records (wachter receive) waiting for their other half:
-- a span (kind 'span') for the audit record that names its user, or an
-- audit record for its span, by trace and operation (span) id; received
-- (ms) is when it came; record is the record as it will be joined (JSON),
-- raw its bytes as received, quarantined once it waited too long.
CREATE TABLE otlp_pending(
  kind TEXT NOT NULL CHECK(kind IN ('span', 'audit')),
  trace_id TEXT NOT NULL,
  operation_id TEXT NOT NULL,
  received INTEGER NOT NULL,
  record TEXT NOT NULL,
  raw BLOB NOT NULL,
  PRIMARY KEY(kind, trace_id, operation_id)
) WITHOUT ROWID;
CREATE INDEX otlp_pending_received ON otlp_pending(received);

------------------------------------------------------------------- tallies
-- Per actor and UTC day: distinct subjects and events (src/store/store_tally.c).
CREATE TABLE actor_day(
  actor TEXT NOT NULL,
  day INTEGER NOT NULL,
  subjects INTEGER NOT NULL,
  events INTEGER NOT NULL,
  PRIMARY KEY(actor, day)
) WITHOUT ROWID;

-- Per actor, system and action: the newest event's time (ms), the last
-- use of a right (src/store/store_lastuse.c, written by an ingest once
-- a minute and at its end).
CREATE TABLE right_use(
  actor TEXT NOT NULL,
  system TEXT NOT NULL,
  action TEXT NOT NULL,
  last INTEGER NOT NULL,
  PRIMARY KEY(actor, system, action)
) WITHOUT ROWID;

-- Named counts: ref_subjects (rows of subjects, kept by the triggers
-- below), event_subjects (a sketch of the distinct subjects in events),
-- newest_event (the newest event's time), arrivals (the next arrival).
CREATE TABLE tallies(
  name TEXT PRIMARY KEY,
  n INTEGER NOT NULL,
  data BLOB
) WITHOUT ROWID;

CREATE TRIGGER subjects_tally_ins BEFORE INSERT ON subjects
  WHEN NOT EXISTS(SELECT 1 FROM subjects WHERE subject = new.subject) BEGIN
  UPDATE tallies SET n = n + 1 WHERE name = 'ref_subjects';
END;
CREATE TRIGGER subjects_tally_del AFTER DELETE ON subjects BEGIN
  UPDATE tallies SET n = n - 1 WHERE name = 'ref_subjects';
END;

-------------------------------------------------------------------- alerts
-- severity: 1 low, 2 medium, 3 high, 4 critical. status: 'new', or
-- 'explained-later' when a case loaded after the alert explains all its
-- events (`wachter load` re-judges, src/investigate/rejudge.c); why says
-- which case. An explained-later alert leaves the risk score.
CREATE TABLE alerts(
  id TEXT PRIMARY KEY,
  ts INTEGER NOT NULL,
  actor TEXT NOT NULL,
  rule TEXT NOT NULL,
  severity INTEGER NOT NULL,
  score REAL NOT NULL,
  reason TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'new',
  why TEXT NOT NULL DEFAULT '',
  -- An alert merging several findings (same rule, actor and day or
  -- group): reason is the strongest one's reason (lead), then what they
  -- were about (items, one per line, the first 8 distinct; more: 1 when
  -- there were others).
  lead TEXT NOT NULL DEFAULT '',
  items TEXT NOT NULL DEFAULT '',
  more INTEGER NOT NULL DEFAULT 0,
  -- The integrity office's workflow (schema 18, src/ops/ops_workflow.h):
  -- status is 'new', 'acknowledged', 'investigating', 'closed', or
  -- 'explained-later' (closed by detection, above); a closed alert's
  -- disposition: confirmed, benign, false_positive or duplicate; the
  -- account it is assigned to ('' none); updated: epoch ms of the last
  -- change (0 none).
  disposition TEXT NOT NULL DEFAULT '',
  assignee TEXT NOT NULL DEFAULT '',
  updated INTEGER NOT NULL DEFAULT 0,
  -- When the alert was first stored (schema 26; epoch ms): an alert
  -- stored before that reads its event's time (ts).
  raised INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX alerts_actor ON alerts(actor, ts);
CREATE INDEX alerts_status ON alerts(status, score);
-- The queue's first page in its order (highest risk first).
CREATE INDEX alerts_queue ON alerts(score DESC, ts DESC);
CREATE INDEX alerts_rule ON alerts(rule, actor);

-- The events and subjects behind each alert.
CREATE TABLE alert_events(
  alert_id TEXT NOT NULL,
  event_id TEXT NOT NULL,
  subject TEXT NOT NULL DEFAULT '',
  PRIMARY KEY(alert_id, event_id, subject)
);
CREATE INDEX alert_events_subject ON alert_events(subject);

-- The actors an alert about one subject names (several staff on one
-- protected record within a day), each with what the alert weighs in
-- their risk. An alert with no rows here is alerts.actor's alone.
CREATE TABLE alert_actors(
  alert_id TEXT NOT NULL,
  actor TEXT NOT NULL,
  score REAL NOT NULL,
  PRIMARY KEY(alert_id, actor)
);
CREATE INDEX alert_actors_actor ON alert_actors(actor);

-- The order alerts were first stored in (schema 26): seq only grows
-- (AUTOINCREMENT: never given again, even when the newest alert is
-- purged). Forwarding's cursors count on it (src/ops/ops_forward.h). A
-- new alert's row is written with it (store_put_alert); a deleted one's
-- goes by the trigger.
CREATE TABLE alert_order(
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  alert_id TEXT NOT NULL UNIQUE
);
CREATE TRIGGER alert_order_del AFTER DELETE ON alerts
  BEGIN DELETE FROM alert_order WHERE alert_id = old.id; END;

-- `wachter forward`'s destinations (schema 26): dest is the URL (without
-- a password), payload the format sent, seq the last alert_order.seq
-- delivered (confirmed), sent how many in all; last_ok when the last
-- delivery was, last_error and error_at the last failure ('' none).
CREATE TABLE forward_cursors(
  dest TEXT PRIMARY KEY,
  payload TEXT NOT NULL,
  seq INTEGER NOT NULL DEFAULT 0,
  sent INTEGER NOT NULL DEFAULT 0,
  last_ok INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  error_at INTEGER NOT NULL DEFAULT 0
);

----------------------------------------------------------- detection state
-- What detection learned, saved with each commit. layout names the shape
-- of the saved state: state saved under another layout is not read.

-- Per actor: baselines of every rule, one blob.
CREATE TABLE actor_state(
  actor TEXT PRIMARY KEY,
  layout INTEGER NOT NULL,
  state BLOB NOT NULL
);

-- A rule's state shared across actors (convergence's accessors per
-- subject) as a log: one row per commit with the entries that changed, and
-- now and then a full copy (snapshot = 1) that replaces the rows before it
-- (src/store/store_rulelog.h).
CREATE TABLE rule_log(
  seq INTEGER PRIMARY KEY,
  rule TEXT NOT NULL,
  layout INTEGER NOT NULL,
  snapshot INTEGER NOT NULL,
  data BLOB NOT NULL
);
CREATE INDEX rule_log_rule ON rule_log(rule, seq);

-- The same state one row per entry, as stores before schema 5 saved it:
-- read first, emptied at the next full copy.
CREATE TABLE rule_kv(
  rule TEXT NOT NULL,
  key TEXT NOT NULL,
  layout INTEGER NOT NULL,
  value BLOB NOT NULL,
  PRIMARY KEY(rule, key)
) WITHOUT ROWID;

-------------------------------------------------------- rules configuration
-- The values an operator set for the rules' parameters (`wachter rules
-- load FILE`, src/detect/rule_conf.h), each with the file and line it was
-- set on ("rules.conf:3"). A parameter without a row is at its default
-- (its kind's, below, where the kind has one).
CREATE TABLE rule_params(
  rule TEXT NOT NULL,
  param TEXT NOT NULL,
  value REAL NOT NULL,
  origin TEXT NOT NULL,
  PRIMARY KEY(rule, param)
) WITHOUT ROWID;

-- The kind of organisation the configuration names (`kind = port`,
-- src/detect/rule_kinds.h), with the file and line it was set on: a
-- parameter without a row above takes that kind's default. No row: no
-- kind, the municipality's defaults. One row at most.
CREATE TABLE rule_kind(
  one INTEGER PRIMARY KEY CHECK(one = 1),
  kind TEXT NOT NULL,
  origin TEXT NOT NULL
);

------------------------------------------------------ retention, minimising
-- The retention policy (`wachter retention set KIND DURATION`,
-- src/store/store_retention.h): how many days a kind of record (events,
-- quarantine, alerts, cases, audit) is kept before `wachter purge` deletes
-- it, and when that was set (epoch ms). A kind without a row is kept for
-- ever.
CREATE TABLE retention(
  kind TEXT PRIMARY KEY,
  days INTEGER NOT NULL CHECK(days > 0),
  set_at INTEGER NOT NULL
) WITHOUT ROWID;

-- The event fields dropped at ingest (`wachter minimise drop LIST`): never
-- stored. One row per field (query, client, purpose, ...).
CREATE TABLE minimise(
  field TEXT PRIMARY KEY
) WITHOUT ROWID;

------------------------------------------------------------------- privacy
-- Requests to see the identity behind one pseudonym (`wachter unmask`,
-- src/ops/ops_unmask.h): who asked (requester, an account), for whom
-- (actor), why and about what alert or case (concerns); who decided
-- (another account, a senior analyst or privacy officer), when, with what
-- note, and until when an approval holds (expires, ms).
CREATE TABLE unmask(
  id INTEGER PRIMARY KEY,
  actor TEXT NOT NULL,
  requester TEXT NOT NULL,
  reason TEXT NOT NULL,
  concerns TEXT NOT NULL DEFAULT '',
  asked INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending',
  decider TEXT NOT NULL DEFAULT '',
  decided INTEGER NOT NULL DEFAULT 0,
  note TEXT NOT NULL DEFAULT '',
  expires INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX unmask_requester ON unmask(requester, id);

---------------------------------------------------------------------- meta
-- Settings of the store, key and value (store_meta_get/set).
CREATE TABLE meta(
  key TEXT PRIMARY KEY,
  value TEXT
) WITHOUT ROWID;

------------------------------------------------------------------ accounts
-- The analysts' accounts (`wachter account`, src/ops/ops_accounts.h): the
-- role (analyst, senior-analyst, investigator, privacy-officer, auditor,
-- administrator) and an Argon2id hash of the password in libsodium's
-- string form ("$argon2id$..."); the password itself is never stored.
-- disabled = 1: the account may no longer act. created: epoch ms.
CREATE TABLE accounts(
  name TEXT PRIMARY KEY,
  role TEXT NOT NULL,
  hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
  created INTEGER NOT NULL
) WITHOUT ROWID;

------------------------------------------------------------------ workflow
-- Notes on an alert, appended, never edited (the trigger refuses an
-- UPDATE); at: epoch ms; account: who wrote it.
CREATE TABLE alert_notes(
  seq INTEGER PRIMARY KEY,
  alert_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  account TEXT NOT NULL,
  text TEXT NOT NULL
);
CREATE INDEX alert_notes_alert ON alert_notes(alert_id, seq);
CREATE TRIGGER alert_notes_never_edited BEFORE UPDATE ON alert_notes
  BEGIN SELECT RAISE(ABORT, 'notes are never edited'); END;

-- Every change to an alert: who, when, what (status, assign, note), from
-- and to which value, and a detail (the disposition, the note's start).
CREATE TABLE alert_history(
  seq INTEGER PRIMARY KEY,
  alert_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  account TEXT NOT NULL,
  action TEXT NOT NULL,
  from_value TEXT NOT NULL DEFAULT '',
  to_value TEXT NOT NULL DEFAULT '',
  detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX alert_history_alert ON alert_history(alert_id, seq);

-- Integrity cases ("dossiers"; the table cases holds the organisation's
-- work cases): id "D-0001", the person (actor) it is about, a title,
-- status 'open' or 'closed', the investigator (an account), when opened
-- and closed (epoch ms), and the outcome written at closing.
CREATE TABLE dossiers(
  id TEXT PRIMARY KEY,
  actor TEXT NOT NULL,
  title TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open',
  investigator TEXT NOT NULL DEFAULT '',
  opened INTEGER NOT NULL,
  closed INTEGER,
  outcome TEXT NOT NULL DEFAULT ''
);
-- The alerts merged into a dossier.
CREATE TABLE dossier_alerts(
  dossier_id TEXT NOT NULL,
  alert_id TEXT NOT NULL,
  added INTEGER NOT NULL,
  PRIMARY KEY(dossier_id, alert_id)
);
CREATE INDEX dossier_alerts_alert ON dossier_alerts(alert_id);
-- A dossier's notes and history, as an alert's.
CREATE TABLE dossier_notes(
  seq INTEGER PRIMARY KEY,
  dossier_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  account TEXT NOT NULL,
  text TEXT NOT NULL
);
CREATE INDEX dossier_notes_dossier ON dossier_notes(dossier_id, seq);
CREATE TRIGGER dossier_notes_never_edited BEFORE UPDATE ON dossier_notes
  BEGIN SELECT RAISE(ABORT, 'notes are never edited'); END;
CREATE TABLE dossier_history(
  seq INTEGER PRIMARY KEY,
  dossier_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  account TEXT NOT NULL,
  action TEXT NOT NULL,
  from_value TEXT NOT NULL DEFAULT '',
  to_value TEXT NOT NULL DEFAULT '',
  detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX dossier_history_dossier ON dossier_history(dossier_id, seq);

-- Suppressions (src/ops/ops_suppress.h): a rule's alerts about one actor,
-- subject or unit (scope, value) leave the queue while the suppression
-- is active: not ended and until (epoch ms) not passed. They stay stored.
-- account and at: who made it and when; ended: when it was ended by hand.
CREATE TABLE suppressions(
  id INTEGER PRIMARY KEY,
  rule TEXT NOT NULL,
  scope TEXT NOT NULL CHECK(scope IN ('actor', 'subject', 'unit')),
  value TEXT NOT NULL,
  reason TEXT NOT NULL,
  until INTEGER NOT NULL,
  account TEXT NOT NULL,
  at INTEGER NOT NULL,
  ended INTEGER
);

------------------------------------------------ recertification campaigns
-- (Schema 21 is another part's of issue 36; schema 22 adds these.)
-- A campaign asks its owner (an account) to review the rights held on a
-- system, or by a unit's staff, when it started (scope 'system' or
-- 'unit', value its name), by due (ms, the end of the due day). It is
-- open until closed (closed, closed_by). src/ops/ops_recert.h.
CREATE TABLE recert_campaigns(
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  scope TEXT NOT NULL CHECK(scope IN ('system', 'unit')),
  value TEXT NOT NULL,
  owner TEXT NOT NULL,
  due INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  created INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'open' CHECK(status IN ('open', 'closed')),
  closed INTEGER,
  closed_by TEXT NOT NULL DEFAULT ''
);

-- One review item per right held when the campaign started (rights'
-- actor, system, action, granted), with its last use then (ms, 0 never);
-- decision '' (open), keep or revoke, with reason, decided_by, decided.
CREATE TABLE recert_items(
  id INTEGER PRIMARY KEY,
  campaign INTEGER NOT NULL,
  actor TEXT NOT NULL,
  system TEXT NOT NULL,
  action TEXT NOT NULL,
  granted INTEGER NOT NULL,
  last_use INTEGER NOT NULL DEFAULT 0,
  decision TEXT NOT NULL DEFAULT '' CHECK(decision IN ('', 'keep', 'revoke')),
  reason TEXT NOT NULL DEFAULT '',
  decided_by TEXT NOT NULL DEFAULT '',
  decided INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX recert_items_campaign ON recert_items(campaign, id);

-- Every change of a campaign: 'start', 'decide' (item, from_value and
-- to_value the decisions, detail the reason: written by the trigger
-- below, so that no decision changes silently), 'close'. Never edited.
CREATE TABLE recert_history(
  seq INTEGER PRIMARY KEY,
  campaign INTEGER NOT NULL,
  item INTEGER NOT NULL DEFAULT 0,
  at INTEGER NOT NULL,
  account TEXT NOT NULL,
  action TEXT NOT NULL,
  from_value TEXT NOT NULL DEFAULT '',
  to_value TEXT NOT NULL DEFAULT '',
  detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX recert_history_campaign ON recert_history(campaign, seq);
CREATE TRIGGER recert_history_never_edited BEFORE UPDATE ON recert_history
  BEGIN SELECT RAISE(ABORT, 'history is never edited'); END;
CREATE TRIGGER recert_items_closed BEFORE UPDATE ON recert_items
  WHEN (SELECT status FROM recert_campaigns WHERE id = OLD.campaign) = 'closed'
  BEGIN SELECT RAISE(ABORT, 'the campaign is closed'); END;
CREATE TRIGGER recert_items_history AFTER UPDATE OF decision, reason ON recert_items
  BEGIN INSERT INTO recert_history(campaign, item, at, account, action, from_value,
   to_value, detail) VALUES(NEW.campaign, NEW.id, NEW.decided, NEW.decided_by, 'decide',
   OLD.decision, NEW.decision, NEW.reason); END;

--------------------------------------------------------------- audit trail
-- The audit trail is not in the store file but in a file of its own
-- beside it, STORE.audit (src/store/store_audit.h), so that recording an
-- action never waits for an ingest that holds the store. Its one table:
--
--   CREATE TABLE audit(
--     seq INTEGER PRIMARY KEY,    -- 1, 2, ... in the order appended
--     at INTEGER NOT NULL,        -- epoch ms
--     account TEXT NOT NULL,      -- "alice", or "os:USER" on a store without accounts
--     action TEXT NOT NULL,       -- the command ("alerts", "account add"), "refused", "ingest done"
--     params TEXT NOT NULL,       -- its parameters, a JSON object
--     prev TEXT NOT NULL,         -- the previous entry's hash (64 zeros for the first)
--     hash TEXT NOT NULL          -- hex BLAKE2b-256 of prev and the entry's fields
--   );
--
-- `wachter audit verify` recomputes the chain (src/ops/ops_audit.c).
