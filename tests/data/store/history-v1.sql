-- FAN Studio history database, schema version 1: the fixture for the v1 -> v2 migration test.
-- Built into history-v1.sqlite with:  sqlite3 history-v1.sqlite < history-v1.sql
-- The CREATE statements are exactly those of core/store/StoreSchema.cpp at version 1
-- (MigrationTest checks that they still are).
PRAGMA foreign_keys = ON;
BEGIN;
CREATE TABLE profiles (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('user', 'group', 'brand')),
  name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
  description TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL);
CREATE TABLE profile_members (
  library_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
  member_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
  weight REAL NOT NULL DEFAULT 1.0 CHECK (weight >= 0),
  PRIMARY KEY (library_id, member_id),
  CHECK (library_id <> member_id)) WITHOUT ROWID;
CREATE INDEX profile_members_member ON profile_members(member_id);
CREATE TRIGGER profile_members_library_kind BEFORE INSERT ON profile_members
  WHEN (SELECT kind FROM profiles WHERE id = NEW.library_id) = 'user'
  BEGIN SELECT RAISE(ABORT, 'only groups and brands have members'); END;
CREATE TABLE images (
  hash TEXT PRIMARY KEY,
  format TEXT NOT NULL,
  width INTEGER NOT NULL CHECK (width > 0),
  height INTEGER NOT NULL CHECK (height > 0),
  byte_size INTEGER NOT NULL,
  created_at INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE generations (
  id INTEGER PRIMARY KEY,
  profile_id INTEGER REFERENCES profiles(id) ON DELETE CASCADE,
  prompt TEXT NOT NULL,
  negative_prompt TEXT NOT NULL DEFAULT '',
  model_fingerprint TEXT NOT NULL,
  scheduler TEXT NOT NULL,
  steps INTEGER NOT NULL CHECK (steps > 0),
  guidance REAL NOT NULL,
  width INTEGER NOT NULL CHECK (width > 0),
  height INTEGER NOT NULL CHECK (height > 0),
  seed INTEGER NOT NULL,
  alpha REAL NOT NULL CHECK (alpha >= 0 AND alpha <= 1),
  sample_size REAL NOT NULL CHECK (sample_size >= 0 AND sample_size <= 1),
  duration_ms INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL);
CREATE INDEX generations_profile ON generations(profile_id, created_at);
CREATE TABLE history_entries (
  id INTEGER PRIMARY KEY,
  profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
  prompt TEXT NOT NULL,
  negative_prompt TEXT NOT NULL DEFAULT '',
  rating INTEGER CHECK (rating BETWEEN 1 AND 5),
  weight REAL CHECK (weight >= 0),
  image_hash TEXT REFERENCES images(hash),
  source TEXT NOT NULL CHECK (source IN ('typed', 'imported', 'generated')),
  generation_id INTEGER REFERENCES generations(id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL);
CREATE INDEX history_entries_profile ON history_entries(profile_id, created_at);
CREATE INDEX history_entries_image ON history_entries(image_hash);
CREATE INDEX history_entries_generation ON history_entries(generation_id);
CREATE TABLE entry_tags (
  entry_id INTEGER NOT NULL REFERENCES history_entries(id) ON DELETE CASCADE,
  tag TEXT NOT NULL,
  PRIMARY KEY (entry_id, tag)) WITHOUT ROWID;
CREATE INDEX entry_tags_tag ON entry_tags(tag);
CREATE TABLE generation_references (
  generation_id INTEGER NOT NULL REFERENCES generations(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  entry_id INTEGER REFERENCES history_entries(id) ON DELETE SET NULL,
  prompt TEXT NOT NULL,
  weight REAL NOT NULL CHECK (weight >= 0),
  PRIMARY KEY (generation_id, position)) WITHOUT ROWID;
CREATE INDEX generation_references_entry ON generation_references(entry_id);
CREATE TABLE generation_outputs (
  generation_id INTEGER NOT NULL REFERENCES generations(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  image_hash TEXT NOT NULL REFERENCES images(hash),
  PRIMARY KEY (generation_id, position)) WITHOUT ROWID;
CREATE INDEX generation_outputs_image ON generation_outputs(image_hash);
CREATE TABLE embedding_cache (
  encoder TEXT NOT NULL,
  text TEXT NOT NULL,
  dim INTEGER NOT NULL CHECK (dim > 0),
  vector BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (encoder, text)) WITHOUT ROWID;
CREATE TABLE pairwise_choices (
  id INTEGER PRIMARY KEY,
  profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
  winner_entry_id INTEGER REFERENCES history_entries(id) ON DELETE CASCADE,
  winner_generation_id INTEGER REFERENCES generations(id) ON DELETE CASCADE,
  loser_entry_id INTEGER REFERENCES history_entries(id) ON DELETE CASCADE,
  loser_generation_id INTEGER REFERENCES generations(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  CHECK ((winner_entry_id IS NULL) <> (winner_generation_id IS NULL)),
  CHECK ((loser_entry_id IS NULL) <> (loser_generation_id IS NULL)));
CREATE INDEX pairwise_choices_profile ON pairwise_choices(profile_id);
CREATE INDEX pairwise_choices_winner_entry ON pairwise_choices(winner_entry_id);
CREATE INDEX pairwise_choices_winner_generation ON pairwise_choices(winner_generation_id);
CREATE INDEX pairwise_choices_loser_entry ON pairwise_choices(loser_entry_id);
CREATE INDEX pairwise_choices_loser_generation ON pairwise_choices(loser_generation_id);

-- Data as FAN Studio 0.1 (schema v1) wrote it. Times are ms since the epoch, UTC.
-- 'Émile' and 'émile' were distinct under v1's ASCII-only NOCASE; v2 must keep both.
INSERT INTO profiles VALUES (1, 'user', 'Ana', 'paints with watercolour', 1714564800000, 1714564800000);
INSERT INTO profiles VALUES (2, 'user', 'Émile', '', 1714564801000, 1714564801000);
INSERT INTO profiles VALUES (3, 'user', 'émile', 'the other one', 1714564802000, 1714564802000);
INSERT INTO profiles VALUES (4, 'group', 'Crew', 'friends', 1714564803000, 1714564809000);
INSERT INTO profile_members VALUES (4, 1, 1.0);
INSERT INTO profile_members VALUES (4, 3, 0.5);
INSERT INTO history_entries VALUES (1, 1, 'watercolor lighthouse at dawn', 'blurry', 5, NULL, NULL, 'typed', NULL, 1714564810000);
INSERT INTO history_entries VALUES (2, 1, 'ink forest in fog', '', NULL, 0.75, NULL, 'imported', NULL, 1714564811000);
INSERT INTO history_entries VALUES (3, 3, '山の上の古い寺、水彩画', '', 2, NULL, NULL, 'typed', NULL, 1714564812000);
INSERT INTO history_entries VALUES (4, 4, 'retro travel poster', '', 4, 0.0, NULL, 'typed', NULL, 1714564813000);
INSERT INTO entry_tags VALUES (1, 'coast');
INSERT INTO entry_tags VALUES (1, 'watercolor');
INSERT INTO entry_tags VALUES (3, '寺');
INSERT INTO generations VALUES (1, 1, 'lighthouse in a storm', '', 'sd15:3f2a', 'ddim', 30, 7.5, 512, 512, 42, 0.4, 0.1, 9000, 1714564820000);
INSERT INTO generation_references VALUES (1, 0, 1, 'watercolor lighthouse at dawn', 1.0);
INSERT INTO generation_references VALUES (1, 1, 2, 'ink forest in fog', 0.75);
INSERT INTO pairwise_choices VALUES (1, 1, 1, NULL, 2, NULL, 1714564830000);
INSERT INTO pairwise_choices VALUES (2, 1, NULL, 1, 1, NULL, 1714564831000);
INSERT INTO embedding_cache VALUES ('clip-l:ab12', 'ink forest in fog', 2, X'0000803F000000C0', 1714564840000);
PRAGMA user_version = 1;
COMMIT;
