// Numbered schema migrations of the SQLite task hub store. Append only: a file written by an older host
// must keep loading (PRAGMA user_version records how far a file has been migrated).
export const MIGRATIONS: readonly string[] = [
  // 1: instances, their history (one row per event, appended), entities, and every undelivered message
  `CREATE TABLE instances (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     execution_id TEXT NOT NULL,
     status TEXT NOT NULL,
     input TEXT,
     output TEXT,
     custom_status TEXT,
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL,
     engine TEXT NOT NULL
   ) WITHOUT ROWID;
   CREATE INDEX instances_by_created ON instances(created_at);
   CREATE TABLE history (
     instance_id TEXT NOT NULL,
     seq INTEGER NOT NULL,
     event TEXT NOT NULL,
     PRIMARY KEY (instance_id, seq)
   ) WITHOUT ROWID;
   CREATE TABLE entities (
     id TEXT PRIMARY KEY,
     exists_ INTEGER NOT NULL,
     state TEXT,
     locked_by TEXT
   ) WITHOUT ROWID;
   CREATE TABLE messages (
     id INTEGER PRIMARY KEY,
     kind TEXT NOT NULL,
     target TEXT NOT NULL,
     due INTEGER,
     body TEXT NOT NULL
   );`,
];
