-- Loads one generated data set into a fresh SQLite file, the way a DBA
-- would: JSON lines in, parsed with SQLite's JSON functions into a typed
-- events table, reference CSVs alongside, then the indexes the detection
-- queries (sqlite.sql) need.  run.sh replaces @DIR@ with the data directory.
.bail on
-- A fresh file that is thrown away on failure: no journal to roll back to.
.output /dev/null
PRAGMA journal_mode = OFF;
.output stdout
PRAGMA synchronous = OFF;
PRAGMA cache_size = -1048576;   -- 1 GiB page cache

-- 1. The log, one JSON object per line.  .import writes each line into a
-- view whose INSTEAD OF trigger parses it straight into the typed table, so
-- the raw text is never stored (a raw table would double the file on disk:
-- 20 GB more at 100M events).  ASCII mode turns off CSV quoting, so every
-- line arrives whole.
CREATE TABLE events(
  id           TEXT NOT NULL,      -- unique: see the indexes below
  ts           INTEGER NOT NULL,   -- epoch seconds, UTC
  actor        TEXT NOT NULL,
  system       TEXT,
  action       TEXT NOT NULL,
  subject      TEXT,
  subject_type TEXT,
  case_id      TEXT,
  purpose      TEXT,
  query        TEXT,
  results      INTEGER,
  client       TEXT);
CREATE TEMP VIEW raw(line) AS SELECT NULL;
CREATE TEMP TRIGGER raw_parse INSTEAD OF INSERT ON raw BEGIN
  INSERT INTO events
  VALUES (NEW.line->>'id', unixepoch(NEW.line->>'ts'), NEW.line->>'actor',
          NEW.line->>'system', NEW.line->>'action', NEW.line->>'subject',
          NEW.line->>'subject_type', NEW.line->>'case', NEW.line->>'purpose',
          NEW.line->>'query', NEW.line->>'results', NEW.line->>'client');
END;
.mode ascii
.separator "\037" "\n"
.import '@DIR@/events.jsonl' raw
.mode list

-- 2. Reference data.  .import keeps empty CSV fields as '', so staging
-- tables take the text and the real tables turn '' into NULL.
CREATE TABLE actors_csv(actor, unit, role, start, "end", person, surname, postcode, house_number);
CREATE TABLE subjects_csv(subject, surname, postcode, house_number);
CREATE TABLE cases_csv(case_id, subject, opened, closed);
CREATE TABLE assign_csv(case_id, assignee, valid_from, valid_to);
CREATE TABLE protected_csv(subject, category);
CREATE TABLE incidents_csv(incident, subject, ts, kind);
.import --csv --skip 1 '@DIR@/actors.csv' actors_csv
.import --csv --skip 1 '@DIR@/subjects.csv' subjects_csv
.import --csv --skip 1 '@DIR@/cases.csv' cases_csv
.import --csv --skip 1 '@DIR@/case_assignments.csv' assign_csv
.import --csv --skip 1 '@DIR@/protected.csv' protected_csv
.import --csv --skip 1 '@DIR@/incidents.csv' incidents_csv

CREATE TABLE actors(actor TEXT NOT NULL, unit TEXT, role TEXT, start_ts INTEGER,
                    end_ts INTEGER, person TEXT, surname TEXT, postcode TEXT, house_number TEXT);
INSERT INTO actors SELECT actor, unit, role, unixepoch(start), unixepoch(NULLIF("end", '')),
                          NULLIF(person, ''), surname, postcode, house_number FROM actors_csv;
CREATE TABLE subjects(subject TEXT NOT NULL, surname TEXT, postcode TEXT, house_number TEXT);
INSERT INTO subjects SELECT subject, NULLIF(surname, ''), postcode, house_number FROM subjects_csv;
CREATE TABLE cases(case_id TEXT, subject TEXT, opened INTEGER, closed INTEGER);
INSERT INTO cases SELECT case_id, subject, unixepoch(opened), unixepoch(NULLIF(closed, '')) FROM cases_csv;
CREATE TABLE case_assignments(case_id TEXT, assignee TEXT, valid_from INTEGER, valid_to INTEGER);
INSERT INTO case_assignments SELECT case_id, assignee, unixepoch(valid_from),
                                    unixepoch(NULLIF(valid_to, '')) FROM assign_csv;
CREATE TABLE protected(subject TEXT, category TEXT);
INSERT INTO protected SELECT subject, category FROM protected_csv;
CREATE TABLE incidents(incident TEXT, subject TEXT, ts INTEGER, kind TEXT);
INSERT INTO incidents SELECT incident, subject, unixepoch(ts), kind FROM incidents_csv;
DROP TABLE actors_csv; DROP TABLE subjects_csv; DROP TABLE cases_csv;
DROP TABLE assign_csv; DROP TABLE protected_csv; DROP TABLE incidents_csv;

-- 3. Keys and indexes, built after the load (one sort each instead of
-- row-by-row inserts into random places of a b-tree): ids (re-importing a
-- batch must not duplicate it), per-actor history, per-subject look-ups
-- (also what a "who accessed X" query needs), and the join keys of the
-- reference data.
CREATE UNIQUE INDEX events_id ON events(id);
CREATE UNIQUE INDEX actors_key ON actors(actor);
CREATE UNIQUE INDEX subjects_key ON subjects(subject);
CREATE INDEX events_actor_ts ON events(actor, ts);
CREATE INDEX events_subject_ts ON events(subject, ts);
CREATE INDEX cases_subject ON cases(subject);
CREATE INDEX assign_case ON case_assignments(case_id);
CREATE INDEX subjects_address ON subjects(postcode, house_number);
CREATE INDEX protected_subject ON protected(subject);
CREATE INDEX incidents_subject ON incidents(subject);
ANALYZE;
