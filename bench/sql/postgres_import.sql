-- Loads one generated data set into a fresh PostgreSQL database, the way a
-- DBA would: COPY the raw JSON lines, parse them once each with
-- jsonb_to_record into a typed events table, COPY the reference CSVs, then
-- the indexes the detection queries (postgres.sql) need.
-- psql -v dir=DATA_DIR (the server reads the files itself: COPY FROM file).
\set ON_ERROR_STOP on
SET timezone = 'UTC';
SET maintenance_work_mem = '1GB';

\set events_file :dir '/events.jsonl'
\set actors_file :dir '/actors.csv'
\set subjects_file :dir '/subjects.csv'
\set cases_file :dir '/cases.csv'
\set assign_file :dir '/case_assignments.csv'
\set protected_file :dir '/protected.csv'
\set incidents_file :dir '/incidents.csv'

-- 1. The log.  CSV format with quote and delimiter bytes that never occur
-- in the file takes each line verbatim (text format would eat backslashes).
-- Creating the tables in the loading transaction lets wal_level=minimal
-- skip the WAL.
BEGIN;
CREATE UNLOGGED TABLE raw(line text);
COPY raw FROM :'events_file' WITH (FORMAT csv, QUOTE E'\x01', DELIMITER E'\x02');

CREATE TABLE events(
  id           text NOT NULL,      -- primary key: see below
  ts           timestamptz NOT NULL,
  actor        text NOT NULL,
  system       text,
  action       text NOT NULL,
  subject      text,
  subject_type text,
  case_id      text,
  purpose      text,
  query        text,
  results      bigint,
  client       text);
INSERT INTO events
SELECT j.id, j.ts, j.actor, j.system, j.action, j.subject, j.subject_type, j."case",
       j.purpose, j.query, j.results, j.client
FROM raw, jsonb_to_record(raw.line::jsonb) AS j(
  id text, ts timestamptz, actor text, system text, action text, subject text,
  subject_type text, "case" text, purpose text, query text, results bigint, client text);
DROP TABLE raw;

-- 2. Reference data.  Empty CSV fields load as NULL.
CREATE TABLE actors(actor text NOT NULL, unit text, role text, start_ts timestamptz,
                    end_ts timestamptz, person text, surname text, postcode text,
                    house_number text);
COPY actors FROM :'actors_file' WITH (FORMAT csv, HEADER);
CREATE TABLE subjects(subject text NOT NULL, surname text, postcode text, house_number text);
COPY subjects FROM :'subjects_file' WITH (FORMAT csv, HEADER);
CREATE TABLE cases(case_id text, subject text, opened timestamptz, closed timestamptz);
COPY cases FROM :'cases_file' WITH (FORMAT csv, HEADER);
CREATE TABLE case_assignments(case_id text, assignee text, valid_from timestamptz,
                              valid_to timestamptz);
COPY case_assignments FROM :'assign_file' WITH (FORMAT csv, HEADER);
CREATE TABLE protected(subject text, category text);
COPY protected FROM :'protected_file' WITH (FORMAT csv, HEADER);
CREATE TABLE incidents(incident text, subject text, ts timestamptz, kind text);
COPY incidents FROM :'incidents_file' WITH (FORMAT csv, HEADER);

-- 3. Keys and indexes, built after the load (one sort each instead of
-- row-by-row inserts into random places of a b-tree): ids (re-importing a
-- batch must not duplicate it), per-actor history, per-subject look-ups
-- (also what a "who accessed X" query needs), and the join keys of the
-- reference data.
ALTER TABLE events ADD PRIMARY KEY (id);
ALTER TABLE actors ADD PRIMARY KEY (actor);
ALTER TABLE subjects ADD PRIMARY KEY (subject);
CREATE INDEX events_actor_ts ON events(actor, ts);
CREATE INDEX events_subject_ts ON events(subject, ts);
CREATE INDEX cases_subject ON cases(subject);
CREATE INDEX assign_case ON case_assignments(case_id);
CREATE INDEX subjects_address ON subjects(postcode, house_number);
CREATE INDEX protected_subject ON protected(subject);
CREATE INDEX incidents_subject ON incidents(subject);
COMMIT;
-- Bulk-loaded tables need a visibility map (index-only scans) and
-- statistics (join plans) before anyone queries them.
VACUUM ANALYZE;
