-- What one durable commit costs on this server: one client, a transaction that takes a
-- transaction id and therefore writes and flushes a commit record (fsync-bound when
-- synchronous_commit=on). run.sh prints the rate beside the settings.
SELECT txid_current();
