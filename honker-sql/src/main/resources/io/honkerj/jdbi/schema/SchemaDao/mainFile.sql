-- The file of the main database ('' for a memory database), to find the file the change watcher watches.
SELECT file FROM pragma_database_list WHERE name = 'main'
