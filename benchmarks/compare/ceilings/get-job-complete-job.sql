-- Ceiling for a worker built on the schema's own functions (Jobs' SchemaFunctions strategy, the
-- reference worker): get_job, then complete_job, as two autocommit statements, so two commits per
-- job like a real worker, minus the worker's own code and network hops beyond pgbench's.
-- run.sh: pgbench -n -M prepared -c 8 -j 2 -t <jobs / 8> on a table pre-filled with more jobs than
-- that takes (an empty get_job would leave :id unset and abort the client).
SELECT id FROM app_jobs.get_job('ceiling' || :client_id, NULL) \gset
SELECT app_jobs.complete_job('ceiling' || :client_id, :id);
