import type { Migration } from './index'

/**
 * Each digest keeps how many papers it holds and how many of them are read. The sidebar shows these after
 * every toggle; aggregating digest_papers ⨝ papers instead read every paper row (~140 ms at 100k papers).
 */
export const m0020DigestCounts: Migration = {
  version: 2,
  name: 'digest counts',
  up(db) {
    db.exec(`
      ALTER TABLE digests ADD COLUMN paper_count INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE digests ADD COLUMN read_count INTEGER NOT NULL DEFAULT 0;
      UPDATE digests SET
        paper_count = (SELECT count(*) FROM digest_papers dp WHERE dp.digest_id = digests.id),
        read_count = (SELECT count(*) FROM digest_papers dp JOIN papers p ON p.id = dp.paper_id
                      WHERE dp.digest_id = digests.id AND p.read = 1);

      CREATE TRIGGER digest_papers_count_insert AFTER INSERT ON digest_papers BEGIN
        UPDATE digests SET paper_count = paper_count + 1,
          read_count = read_count + coalesce((SELECT read FROM papers WHERE id = new.paper_id), 0)
        WHERE id = new.digest_id;
      END;

      -- A paper being deleted is already gone when its links are cascaded away (papers_count_delete has
      -- taken its read state off), so the lookup below finds nothing and subtracts 0.
      CREATE TRIGGER digest_papers_count_delete AFTER DELETE ON digest_papers BEGIN
        UPDATE digests SET paper_count = paper_count - 1,
          read_count = read_count - coalesce((SELECT read FROM papers WHERE id = old.paper_id), 0)
        WHERE id = old.digest_id;
      END;

      CREATE TRIGGER digest_papers_count_update AFTER UPDATE OF digest_id, paper_id ON digest_papers BEGIN
        UPDATE digests SET paper_count = paper_count - 1,
          read_count = read_count - coalesce((SELECT read FROM papers WHERE id = old.paper_id), 0)
        WHERE id = old.digest_id;
        UPDATE digests SET paper_count = paper_count + 1,
          read_count = read_count + coalesce((SELECT read FROM papers WHERE id = new.paper_id), 0)
        WHERE id = new.digest_id;
      END;

      CREATE TRIGGER papers_count_read AFTER UPDATE OF read ON papers WHEN old.read <> new.read BEGIN
        UPDATE digests SET read_count = read_count + new.read - old.read
        WHERE id IN (SELECT digest_id FROM digest_papers WHERE paper_id = new.id);
      END;

      CREATE TRIGGER papers_count_delete BEFORE DELETE ON papers WHEN old.read = 1 BEGIN
        UPDATE digests SET read_count = read_count - 1
        WHERE id IN (SELECT digest_id FROM digest_papers WHERE paper_id = old.id);
      END;
    `)
  }
}
