-- Sets how long the history keeps completed jobs; the next prune applies it.
-- $1 retention interval: more than zero (the table's check refuses anything else)
UPDATE __HISTORY__.settings SET retention = $1
