-- Jobs schema, migration 2: storage settings for a queue table. Every job is inserted, updated
-- when it is locked (never a HOT update: locked_by is indexed) and deleted or updated again when
-- it ends, so dead row versions pile up at the rate jobs run. With PostgreSQL's defaults a table
-- of a million jobs is vacuumed only after 200,000 dead rows, and meanwhile every fetch walks
-- their index entries. These settings change no behaviour; the same statements can be run on a
-- pgpm-deployed schema (README: "Tuning a pgpm-deployed schema").
--   * fillfactor 85: room on each page for the locked version of its own rows, so locking a
--     batch dirties (and writes in full after a checkpoint) fewer pages;
--   * vacuum after 2% of the table has changed (plus 1,000 rows), at full speed, so dead
--     versions are cleaned while they are few; analyze as often, so plans follow a table that
--     fills and drains in minutes;
--   * job_queues, a handful of rows updated with every named-queue job: vacuumed every 1,000
--     changes.
ALTER TABLE __SCHEMA__.jobs SET (
  fillfactor = 85,
  autovacuum_vacuum_scale_factor = 0.02,
  autovacuum_vacuum_threshold = 1000,
  autovacuum_vacuum_insert_scale_factor = 0.02,
  autovacuum_analyze_scale_factor = 0.02,
  autovacuum_analyze_threshold = 1000,
  autovacuum_vacuum_cost_delay = 0
);

ALTER TABLE __SCHEMA__.job_queues SET (
  fillfactor = 70,
  autovacuum_vacuum_scale_factor = 0,
  autovacuum_vacuum_threshold = 1000,
  autovacuum_vacuum_cost_delay = 0
);
