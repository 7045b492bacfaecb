-- Puts the connection's search_path back to what it was (searchPathFor's answer), for the session: honker
-- changes your connection's search_path only while its own statements run.
SELECT set_config('search_path', :path, false)
