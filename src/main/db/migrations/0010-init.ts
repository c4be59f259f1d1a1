import type { Migration } from './index'

export const m0010Init: Migration = {
  version: 1,
  name: 'init',
  up(db) {
    db.exec(`
      CREATE TABLE digests (
        id          INTEGER PRIMARY KEY,
        name        TEXT NOT NULL,
        source      TEXT,
        format      TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        found       INTEGER NOT NULL,
        added       INTEGER NOT NULL,
        duplicates  INTEGER NOT NULL,
        warnings    TEXT NOT NULL DEFAULT '[]'
      );

      CREATE TABLE papers (
        id              INTEGER PRIMARY KEY,
        title           TEXT NOT NULL CHECK (length(title) > 0),
        authors         TEXT NOT NULL DEFAULT '[]',
        abstract        TEXT NOT NULL DEFAULT '',
        url             TEXT,
        arxiv_id        TEXT,
        doi             TEXT,
        title_key       TEXT NOT NULL,
        links           TEXT NOT NULL DEFAULT '[]',
        added_at        TEXT NOT NULL,
        first_digest_id INTEGER NOT NULL REFERENCES digests(id),
        read            INTEGER NOT NULL DEFAULT 0 CHECK (read IN (0, 1)),
        read_at         TEXT,
        starred         INTEGER NOT NULL DEFAULT 0 CHECK (starred IN (0, 1)),
        starred_at      TEXT,
        -- Newest digest first, then file order: one ascending key makes keyset paging a plain index seek.
        digest_rank     INTEGER GENERATED ALWAYS AS (-first_digest_id) VIRTUAL
      );
      CREATE INDEX papers_by_digest ON papers(digest_rank, id);
      CREATE INDEX papers_unread_by_digest ON papers(digest_rank, id) WHERE read = 0;
      CREATE INDEX papers_read_by_digest ON papers(digest_rank, id) WHERE read = 1;
      CREATE INDEX papers_starred_by_digest ON papers(digest_rank, id) WHERE starred = 1;
      CREATE INDEX papers_by_title ON papers(title COLLATE NOCASE, id);
      CREATE INDEX papers_by_added ON papers(added_at, id);
      CREATE INDEX papers_arxiv ON papers(arxiv_id) WHERE arxiv_id IS NOT NULL;
      CREATE INDEX papers_doi ON papers(doi) WHERE doi IS NOT NULL;
      CREATE INDEX papers_title_key ON papers(title_key);

      CREATE TABLE digest_papers (
        digest_id INTEGER NOT NULL REFERENCES digests(id) ON DELETE CASCADE,
        paper_id  INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
        position  INTEGER NOT NULL,
        PRIMARY KEY (digest_id, position)
      ) WITHOUT ROWID;
      CREATE INDEX digest_papers_by_paper ON digest_papers(paper_id, digest_id);

      CREATE TABLE notes (
        paper_id   INTEGER PRIMARY KEY REFERENCES papers(id) ON DELETE CASCADE,
        body       TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX notes_by_updated ON notes(updated_at, paper_id);

      CREATE TABLE tags (
        id         INTEGER PRIMARY KEY,
        name       TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) > 0),
        color      TEXT,
        created_at TEXT NOT NULL
      );

      CREATE TABLE paper_tags (
        paper_id INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
        tag_id   INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
        PRIMARY KEY (paper_id, tag_id)
      ) WITHOUT ROWID;
      CREATE INDEX paper_tags_by_tag ON paper_tags(tag_id, paper_id);

      CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );

      -- Full-text search over the searchable columns; the note comes from its own table.
      CREATE VIEW fts_source AS
        SELECT p.id AS id, p.title AS title, p.authors AS authors, p.abstract AS abstract,
               coalesce(n.body, '') AS note
        FROM papers p LEFT JOIN notes n ON n.paper_id = p.id;

      CREATE VIRTUAL TABLE papers_fts USING fts5(
        title, authors, abstract, note,
        content = 'fts_source', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
      );

      -- The triggers fire only when a searchable column really changes: read/star toggles never touch FTS.
      CREATE TRIGGER papers_fts_insert AFTER INSERT ON papers BEGIN
        INSERT INTO papers_fts(rowid, title, authors, abstract, note)
        VALUES (new.id, new.title, new.authors, new.abstract, '');
      END;

      CREATE TRIGGER papers_fts_delete BEFORE DELETE ON papers BEGIN
        INSERT INTO papers_fts(papers_fts, rowid, title, authors, abstract, note)
        VALUES ('delete', old.id, old.title, old.authors, old.abstract,
                coalesce((SELECT body FROM notes WHERE paper_id = old.id), ''));
      END;

      CREATE TRIGGER papers_fts_update AFTER UPDATE OF title, authors, abstract ON papers
      WHEN old.title IS NOT new.title OR old.authors IS NOT new.authors OR old.abstract IS NOT new.abstract
      BEGIN
        INSERT INTO papers_fts(papers_fts, rowid, title, authors, abstract, note)
        VALUES ('delete', old.id, old.title, old.authors, old.abstract,
                coalesce((SELECT body FROM notes WHERE paper_id = old.id), ''));
        INSERT INTO papers_fts(rowid, title, authors, abstract, note)
        VALUES (new.id, new.title, new.authors, new.abstract,
                coalesce((SELECT body FROM notes WHERE paper_id = new.id), ''));
      END;

      CREATE TRIGGER notes_fts_insert AFTER INSERT ON notes BEGIN
        INSERT INTO papers_fts(papers_fts, rowid, title, authors, abstract, note)
        SELECT 'delete', id, title, authors, abstract, '' FROM papers WHERE id = new.paper_id;
        INSERT INTO papers_fts(rowid, title, authors, abstract, note)
        SELECT id, title, authors, abstract, new.body FROM papers WHERE id = new.paper_id;
      END;

      CREATE TRIGGER notes_fts_update AFTER UPDATE OF body ON notes WHEN old.body IS NOT new.body BEGIN
        INSERT INTO papers_fts(papers_fts, rowid, title, authors, abstract, note)
        SELECT 'delete', id, title, authors, abstract, old.body FROM papers WHERE id = old.paper_id;
        INSERT INTO papers_fts(rowid, title, authors, abstract, note)
        SELECT id, title, authors, abstract, new.body FROM papers WHERE id = new.paper_id;
      END;

      -- When the paper itself is being deleted its FTS row is already gone (papers_fts_delete), and the
      -- SELECT finds no paper, so nothing is written.
      CREATE TRIGGER notes_fts_delete AFTER DELETE ON notes BEGIN
        INSERT INTO papers_fts(papers_fts, rowid, title, authors, abstract, note)
        SELECT 'delete', id, title, authors, abstract, old.body FROM papers WHERE id = old.paper_id;
        INSERT INTO papers_fts(rowid, title, authors, abstract, note)
        SELECT id, title, authors, abstract, '' FROM papers WHERE id = old.paper_id;
      END;
    `)
  }
}
