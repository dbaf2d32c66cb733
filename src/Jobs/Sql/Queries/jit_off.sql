-- Sent ahead of the ready-count query (fetches use fetch_planner_settings.sql). Generic plans (auto-prepare)
-- are costed for a table of unknown size, which crosses jit_above_cost: on a table of a million
-- rows each fetch then spent 0.8 s compiling a plan that runs in 2 ms. Local to the transaction.
SELECT set_config('jit', 'off', true)
