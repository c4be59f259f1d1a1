import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Db } from './connection'
import { counts, getPaper, listPapers, restoreState, setRead, setStarred, type ListInput } from './papers'
import { addDigest, paper, tmpDb } from '../../../tests/helpers/tmp'
import type { SortOrder, View } from '../../shared/types'

let db: Db
let cleanup: () => void
beforeEach(() => {
  ;({ db, cleanup } = tmpDb())
})
afterEach(() => cleanup())

function all(input: Partial<ListInput>, limit = 7): number[] {
  const ids: number[] = []
  let cursor: string | null = null
  do {
    const page = listPapers(db, { view: 'all', sort: 'digest', limit, ...input, cursor })
    ids.push(...page.papers.map((p) => p.id))
    cursor = page.nextCursor
  } while (cursor)
  return ids
}

function seed(): void {
  addDigest(
    db,
    'monday.txt',
    Array.from({ length: 30 }, (_, i) =>
      paper(`Monday paper ${String(i).padStart(2, '0')}`, { abstract: `abstract ${i}` })
    )
  )
  addDigest(
    db,
    'tuesday.txt',
    Array.from({ length: 25 }, (_, i) => paper(`Tuesday paper ${String(i).padStart(2, '0')}`))
  )
}

describe('listing with keyset pages', () => {
  it('pages through every view and sort without gaps or repeats, matching the full ordered query', () => {
    seed()
    setRead(db, [3, 4, 5, 40, 41], true)
    setStarred(db, [1, 5, 33], true)
    const expected: Record<View, string> = {
      all: '1',
      unread: 'p.read = 0',
      read: 'p.read = 1',
      starred: 'p.starred = 1',
      notes: '0'
    }
    const orders: Record<SortOrder, string> = {
      digest: 'p.digest_rank, p.id',
      newest: 'p.added_at DESC, p.id DESC',
      title: 'p.title COLLATE NOCASE, p.id'
    }
    for (const [view, where] of Object.entries(expected) as Array<[View, string]>) {
      for (const [sort, order] of Object.entries(orders) as Array<[SortOrder, string]>) {
        const want = db.prepare(`SELECT p.id FROM papers p WHERE ${where} ORDER BY ${order}`).pluck().all()
        expect(all({ view, sort }), `${view}/${sort}`).toEqual(want)
      }
    }
  })

  it('puts the newest digest first and keeps file order inside a digest', () => {
    seed()
    const page = listPapers(db, { view: 'all', sort: 'digest', limit: 3 })
    expect(page.papers.map((p) => p.title)).toEqual([
      'Tuesday paper 00',
      'Tuesday paper 01',
      'Tuesday paper 02'
    ])
  })

  it('lists a digest in its own order, including papers first seen in an earlier digest', () => {
    seed()
    const again = addDigest(db, 'wednesday.txt', [
      paper('Fresh one'),
      paper('Monday paper 07'),
      paper('Fresh two')
    ])
    expect(again.added).toBe(2)
    expect(again.duplicates).toBe(1)
    const titles = all({ digestId: again.digestId }, 2).map((id) => getPaper(db, id)?.title)
    expect(titles).toEqual(['Fresh one', 'Monday paper 07', 'Fresh two'])
  })

  it('rejects a forged cursor with a clear message', () => {
    seed()
    expect(() => listPapers(db, { view: 'all', sort: 'digest', limit: 5, cursor: 'garbage!!' })).toThrow(
      /cursor/
    )
  })
})

describe('reading state', () => {
  it('sets read and starred with timestamps, reports what changed, and restores exactly', () => {
    seed()
    const before = getPaper(db, 2)
    const change = setRead(db, [1, 2, 3], true)
    expect(change.changed).toBe(3)
    expect(change.before.map((s) => s.id)).toEqual([1, 2, 3])
    expect(getPaper(db, 2)?.read).toBe(true)
    expect(getPaper(db, 2)?.readAt).toMatch(/^\d{4}-\d\d-\d\dT/)
    // A second call changes nothing and so has nothing to undo.
    expect(setRead(db, [1, 2, 3], true)).toEqual({ changed: 0, before: [] })
    restoreState(db, change.before)
    expect(getPaper(db, 2)).toEqual(before)
  })

  it('never touches the full-text index when read or starred changes', () => {
    seed()
    const fts = (): string =>
      JSON.stringify(db.prepare('SELECT id, block FROM papers_fts_data ORDER BY id').raw().all())
    const snapshot = fts()
    setRead(db, [1, 2, 3, 4], true)
    setStarred(db, [5, 6], true)
    restoreState(db, [
      { id: 1, read: false, starred: true, readAt: null, starredAt: '2026-01-01T00:00:00.000Z' }
    ])
    expect(fts()).toBe(snapshot)
  })

  it('counts every view', () => {
    seed()
    setRead(db, [1, 2], true)
    setStarred(db, [2, 9, 10], true)
    const c = counts(db)
    expect(c).toMatchObject({ all: 55, unread: 53, read: 2, starred: 3, notes: 0 })
    expect(c.digests.map((d) => [d.name, d.total, d.read])).toEqual([
      ['tuesday.txt', 25, 0],
      ['monday.txt', 30, 2]
    ])
  })

  it("keeps each digest's stored counts equal to its papers through imports, toggles and deletions", () => {
    const aggregate = () =>
      db
        .prepare(
          `SELECT d.id, count(dp.paper_id) AS total, coalesce(sum(p.read), 0) AS read FROM digests d
           LEFT JOIN digest_papers dp ON dp.digest_id = d.id LEFT JOIN papers p ON p.id = dp.paper_id
           GROUP BY d.id ORDER BY d.id DESC`
        )
        .all()
    const stored = () => counts(db).digests.map(({ id, total, read }) => ({ id, total, read }))
    seed()
    setRead(db, [1, 2, 31, 32, 33], true)
    // A paper seen again in a later digest is linked to it with its reading state.
    db.prepare(
      'INSERT INTO digest_papers (digest_id, paper_id, position) VALUES (2, 1, 99), (2, 3, 100)'
    ).run()
    setRead(db, [1], false)
    setRead(db, [3], true)
    expect(stored()).toEqual(aggregate())
    expect(stored().map((d) => [d.total, d.read])).toEqual([
      [27, 4],
      [30, 2]
    ])
    db.prepare('DELETE FROM digest_papers WHERE digest_id = 2 AND paper_id = 3').run()
    db.prepare(
      'UPDATE digest_papers SET digest_id = 1, position = 200 WHERE digest_id = 2 AND paper_id = 31'
    ).run()
    // Deleting a read paper cascades to its links; its read state must leave the counts once only.
    db.prepare('DELETE FROM papers WHERE id IN (2, 32)').run()
    expect(stored()).toEqual(aggregate())
    expect(stored().map((d) => [d.total, d.read])).toEqual([
      [24, 1],
      [30, 2]
    ])
  })
})

describe('search', () => {
  beforeEach(() => {
    addDigest(db, 'd.txt', [
      paper('Test-time adaptation by entropy minimization', {
        abstract: 'We minimise entropy at test time.'
      }),
      paper('Speech for Yorùbá', { abstract: 'A corpus of Yorùbá speech.', authors: ['Adé Bello'] }),
      paper('Unrelated', { abstract: 'Nothing to see here about minimization.' })
    ])
  })

  it('ranks, matches prefixes and marks the matched words', () => {
    const page = listPapers(db, { view: 'all', sort: 'digest', limit: 10, search: 'entropy minimiz' })
    expect(page.papers.map((p) => p.title)).toEqual(['Test-time adaptation by entropy minimization'])
    expect(page.papers[0]?.markedTitle).toBe(
      'Test-time adaptation by \u0002entropy\u0003 \u0002minimization\u0003'
    )
  })

  it('folds diacritics and finds authors', () => {
    expect(listPapers(db, { view: 'all', sort: 'digest', limit: 10, search: 'yoruba' }).papers).toHaveLength(
      1
    )
    expect(listPapers(db, { view: 'all', sort: 'digest', limit: 10, search: 'Bello' }).papers).toHaveLength(1)
  })

  it('combines with the view and with is: filters', () => {
    setStarred(db, [3], true)
    const q = { view: 'all' as const, sort: 'digest' as const, limit: 10 }
    expect(listPapers(db, { ...q, search: 'minimization' }).papers).toHaveLength(2)
    expect(listPapers(db, { ...q, search: 'minimization is:starred' }).papers.map((p) => p.id)).toEqual([3])
    expect(listPapers(db, { ...q, view: 'starred', search: 'minimization' }).papers.map((p) => p.id)).toEqual(
      [3]
    )
  })

  it('leaves out a lone Latin letter or digit, which would match nearly everything', () => {
    const q = { view: 'all' as const, sort: 'digest' as const, limit: 10 }
    // Not searched at all: the list is the view as it is, unranked and unmarked.
    expect(listPapers(db, { ...q, search: 't' })).toEqual(listPapers(db, q))
    expect(listPapers(db, { ...q, search: 'entropy t' }).papers.map((p) => p.id)).toEqual([1])
    expect(listPapers(db, { ...q, search: '"a corpus"' }).papers.map((p) => p.id)).toEqual([2])
    addDigest(db, 'e.txt', [paper('猫の研究', { abstract: '猫' })])
    expect(listPapers(db, { ...q, search: '猫' }).papers.map((p) => p.title)).toEqual(['猫の研究'])
  })

  it('treats FTS syntax in the query as plain words', () => {
    const q = { view: 'all' as const, sort: 'digest' as const, limit: 10 }
    for (const s of ['"', 'NEAR(', 'a AND', '*', '-', ')(', 'title:', '^x']) {
      expect(() => listPapers(db, { ...q, search: s })).not.toThrow()
    }
  })

  it('finds words in notes, and follows note edits', () => {
    const q = { view: 'all' as const, sort: 'digest' as const, limit: 10 }
    db.prepare(
      "INSERT INTO notes (paper_id, body, updated_at) VALUES (2, 'reread the tonal section', 'x')"
    ).run()
    expect(listPapers(db, { ...q, search: 'tonal' }).papers.map((p) => p.id)).toEqual([2])
    db.prepare("UPDATE notes SET body = 'about phonemes' WHERE paper_id = 2").run()
    expect(listPapers(db, { ...q, search: 'tonal' }).papers).toHaveLength(0)
    expect(listPapers(db, { ...q, search: 'phonemes' }).papers.map((p) => p.id)).toEqual([2])
    db.prepare('DELETE FROM papers WHERE id = 2').run()
    expect(listPapers(db, { ...q, search: 'phonemes' }).papers).toHaveLength(0)
    expect(db.prepare('SELECT count(*) FROM notes').pluck().get()).toBe(0)
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    db.prepare("INSERT INTO papers_fts(papers_fts) VALUES ('integrity-check')").run()
  })
})
