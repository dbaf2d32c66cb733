-- How long the history keeps completed jobs.
SELECT s.retention FROM __HISTORY__.settings s
