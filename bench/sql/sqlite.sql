-- wachter's detection set (docs/design.md "Detections") as the SQL an
-- organisation would write today over its access log in SQLite.  Runs after
-- sqlite_import.sql; every detection leaves a table d_*; the last statement
-- prints one "rule|rows" line per detection, which run.sh compares with the
-- PostgreSQL version (postgres.sql), which must print the same numbers.
--
-- Times are epoch seconds (UTC); a day is ts/86400, an hour of day
-- (ts/3600)%24.  Reference-data times are instants, compared inclusively.
.bail on
PRAGMA cache_size = -1048576;   -- 1 GiB page cache
PRAGMA temp_store = FILE;       -- big sorts spill to disk instead of RAM

-- (a) Unexplained access: no case links the subject to the actor or to the
-- actor's unit around the access (opened - 3 days .. closed + 7 days: a
-- case is often registered after an on-the-spot look-up) and inside the
-- assignment period.
CREATE TABLE d_unexplained AS
SELECT e.id, e.ts, e.actor, e.subject, a.unit
FROM events e LEFT JOIN actors a ON a.actor = e.actor
WHERE e.subject IS NOT NULL
  AND NOT EXISTS (
    SELECT 1 FROM cases c JOIN case_assignments ca ON ca.case_id = c.case_id
    WHERE c.subject = e.subject
      AND (ca.assignee = e.actor OR ca.assignee = 'unit:' || a.unit)
      AND e.ts >= c.opened - 3 * 86400
      AND (c.closed IS NULL OR e.ts <= c.closed + 7 * 86400)
      AND e.ts >= ca.valid_from
      AND (ca.valid_to IS NULL OR e.ts <= ca.valid_to));
CREATE INDEX d_unexplained_subject ON d_unexplained(subject);

-- (b) Protected subjects (VIPs, colleagues, sensitive persons) looked up
-- without explanation.
CREATE TABLE d_protected AS
SELECT u.id, u.ts, u.actor, u.subject, p.category
FROM d_unexplained u JOIN protected p ON p.subject = u.subject;

-- (c) Personal interest: one's own record, anyone at one's own address
-- (explained or not: a conflict of interest either way), and, among the
-- unexplained look-ups, people with one's surname living elsewhere (on all
-- look-ups namesakes of common names would drown everything else).
CREATE TABLE d_personal AS
SELECT e.id, e.ts, e.actor, e.subject, 'self' AS kind
FROM actors a JOIN events e ON e.subject = a.person
WHERE e.actor = a.actor
UNION ALL
SELECT e.id, e.ts, e.actor, e.subject, 'household'
FROM actors a
JOIN subjects s ON s.postcode = a.postcode AND s.house_number = a.house_number
JOIN events e ON e.subject = s.subject AND e.actor = a.actor
WHERE s.subject IS NOT a.person
UNION ALL
SELECT u.id, u.ts, u.actor, u.subject, 'namesake'
FROM d_unexplained u
JOIN actors a ON a.actor = u.actor
JOIN subjects s ON s.subject = u.subject
WHERE s.surname = a.surname
  AND NOT (s.postcode = a.postcode AND s.house_number = a.house_number);

-- (d) Volume: an actor's count of the day against the median of their own
-- previous 28 days (at least 3 of them with activity) and against the
-- median of their peer group (same unit and role) that day.  SQLite has no
-- median aggregate: the middle rows are found with row_number().
CREATE TABLE actor_day AS
SELECT actor, ts / 86400 AS day, count(*) AS n FROM events GROUP BY actor, ts / 86400;
CREATE UNIQUE INDEX actor_day_key ON actor_day(actor, day);

CREATE TABLE own_median AS
WITH hist AS (
  SELECT d.actor, d.day, h.n,
         row_number() OVER (PARTITION BY d.actor, d.day ORDER BY h.n) AS rn,
         count(*) OVER (PARTITION BY d.actor, d.day) AS cnt
  FROM actor_day d
  JOIN actor_day h ON h.actor = d.actor AND h.day BETWEEN d.day - 28 AND d.day - 1)
SELECT actor, day, avg(n) AS med, max(cnt) AS ndays
FROM hist WHERE rn IN ((cnt + 1) / 2, (cnt + 2) / 2)
GROUP BY actor, day;

CREATE TABLE peer_median AS
WITH g AS (
  SELECT a.unit, a.role, d.day, d.n,
         row_number() OVER (PARTITION BY a.unit, a.role, d.day ORDER BY d.n) AS rn,
         count(*) OVER (PARTITION BY a.unit, a.role, d.day) AS cnt
  FROM actor_day d JOIN actors a ON a.actor = d.actor)
SELECT unit, role, day, avg(n) AS med
FROM g WHERE rn IN ((cnt + 1) / 2, (cnt + 2) / 2)
GROUP BY unit, role, day;

CREATE TABLE d_volume AS
SELECT d.actor, d.day, d.n, o.med AS own_median, p.med AS peer_median
FROM actor_day d
JOIN actors a ON a.actor = d.actor
JOIN own_median o ON o.actor = d.actor AND o.day = d.day
JOIN peer_median p ON p.unit = a.unit AND p.role = a.role AND p.day = d.day
WHERE o.ndays >= 3 AND d.n >= 20 AND d.n > 3 * o.med AND d.n > 3 * p.med;

-- (e) Hours of the day the actor rarely works in (< 1% of their accesses):
-- a night shift is normal for a night worker, not for a clerk.
CREATE TABLE d_rare_hour AS
WITH per_hour AS (
  SELECT actor, (ts / 3600) % 24 AS hour, count(*) AS n FROM events GROUP BY actor, hour),
share AS (
  SELECT actor, hour, n, sum(n) OVER (PARTITION BY actor) AS total FROM per_hour)
SELECT e.id, e.ts, e.actor, s.hour
FROM share s JOIN events e ON e.actor = s.actor AND (e.ts / 3600) % 24 = s.hour
WHERE s.n * 100 < s.total;

-- Each actor's first event: the first day of an actor's history is the
-- baseline for (f) and (i), not an anomaly.
CREATE TABLE actor_first AS SELECT actor, min(ts) AS first_ts FROM events GROUP BY actor;
CREATE UNIQUE INDEX actor_first_key ON actor_first(actor);

-- (f) A client (workstation, VPN endpoint) the actor never used before.
CREATE TABLE d_new_client AS
SELECT c.actor, c.client, c.first_ts
FROM (SELECT actor, client, min(ts) AS first_ts FROM events
      WHERE client IS NOT NULL GROUP BY actor, client) c
JOIN actor_first f ON f.actor = c.actor
WHERE c.first_ts >= f.first_ts + 86400;

-- (g) Access after employment ended.
CREATE TABLE d_after_end AS
SELECT e.id, e.ts, e.actor
FROM actors a JOIN events e ON e.actor = a.actor AND e.ts > a.end_ts
WHERE a.end_ts IS NOT NULL;

-- (h) Bulk export / print, and enumeration: > 100 distinct subjects in one
-- (clock) hour.
CREATE TABLE d_bulk AS
SELECT id, ts, actor, action, results FROM events
WHERE action IN ('export', 'print') AND results > 100;

CREATE TABLE d_enumeration AS
SELECT actor, ts / 3600 AS hour_bucket, count(DISTINCT subject) AS subjects
FROM events WHERE subject IS NOT NULL
GROUP BY actor, ts / 3600
HAVING count(DISTINCT subject) > 100;

-- (i) First use of a system, or of an action, by this actor.
CREATE TABLE d_first_use AS
SELECT u.actor, 'system' AS what, u.val, u.first_ts
FROM (SELECT actor, system AS val, min(ts) AS first_ts FROM events
      WHERE system IS NOT NULL GROUP BY actor, system) u
JOIN actor_first f ON f.actor = u.actor
WHERE u.first_ts >= f.first_ts + 86400
UNION ALL
SELECT u.actor, 'action', u.val, u.first_ts
FROM (SELECT actor, action AS val, min(ts) AS first_ts FROM events GROUP BY actor, action) u
JOIN actor_first f ON f.actor = u.actor
WHERE u.first_ts >= f.first_ts + 86400;

-- (j) Convergence: pairs of actors from different units who share >= 3
-- unexplained subjects that at most 5 distinct actors ever touched.
CREATE TABLE d_convergence AS
WITH rare AS (
  SELECT e.subject FROM events e
  WHERE e.subject IN (SELECT subject FROM d_unexplained)
  GROUP BY e.subject HAVING count(DISTINCT e.actor) <= 5),
ua AS (
  SELECT DISTINCT u.actor, u.unit, u.subject
  FROM d_unexplained u JOIN rare r ON r.subject = u.subject)
SELECT x.actor AS actor1, y.actor AS actor2, count(*) AS shared,
       group_concat(x.subject, ' ') AS subjects
FROM ua x JOIN ua y ON y.subject = x.subject AND x.actor < y.actor AND x.unit <> y.unit
GROUP BY x.actor, y.actor
HAVING count(*) >= 3;

-- (k) Look-ups of subjects that had an incident up to 30 days later, and
-- the actors ranked by how many incidents they had looked up.
CREATE TABLE d_incident_lookups AS
SELECT e.id, e.ts, e.actor, e.subject, i.incident
FROM incidents i
JOIN events e ON e.subject = i.subject AND e.ts BETWEEN i.ts - 30 * 86400 AND i.ts;

CREATE TABLE d_incident_actors AS
SELECT actor, count(DISTINCT incident) AS hits, count(*) AS lookups
FROM d_incident_lookups GROUP BY actor;

-- One line per detection: rule|rows.
.mode list
.separator "|"
SELECT 'events', count(*) FROM events
UNION ALL SELECT 'accesses_with_subject', count(*) FROM events WHERE subject IS NOT NULL
UNION ALL SELECT 'a_unexplained', count(*) FROM d_unexplained
UNION ALL SELECT 'b_protected', count(*) FROM d_protected
UNION ALL SELECT 'c_self', count(*) FROM d_personal WHERE kind = 'self'
UNION ALL SELECT 'c_household', count(*) FROM d_personal WHERE kind = 'household'
UNION ALL SELECT 'c_namesake', count(*) FROM d_personal WHERE kind = 'namesake'
UNION ALL SELECT 'd_volume', count(*) FROM d_volume
UNION ALL SELECT 'e_rare_hour', count(*) FROM d_rare_hour
UNION ALL SELECT 'f_new_client', count(*) FROM d_new_client
UNION ALL SELECT 'g_after_end', count(*) FROM d_after_end
UNION ALL SELECT 'h_bulk', count(*) FROM d_bulk
UNION ALL SELECT 'h_enumeration', count(*) FROM d_enumeration
UNION ALL SELECT 'i_first_use', count(*) FROM d_first_use
UNION ALL SELECT 'j_convergence', count(*) FROM d_convergence
UNION ALL SELECT 'k_incident_lookups', count(*) FROM d_incident_lookups
UNION ALL SELECT 'k_incident_actors', count(*) FROM d_incident_actors WHERE hits >= 2;
