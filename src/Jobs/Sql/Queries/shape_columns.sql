-- Schema shape, part 1: the columns of the jobs table ($1: the qualified table name), so the
-- framework can tell an availability column or attribution columns apart from the 0.16 table.
-- $1 table_name text: the qualified name of the jobs table
SELECT a.attname::text
  FROM pg_attribute a
 WHERE a.attrelid = to_regclass($1)
   AND a.attnum > 0
   AND NOT a.attisdropped
 ORDER BY a.attnum
