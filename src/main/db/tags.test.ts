import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Db } from './connection'
import { counts, getPaper, listPapers } from './papers'
import { deleteTag, renameTag, restoreTags, setTagColor, tagPapers, untagPapers } from './tags'
import { saveNote } from './notes'
import { addDigest, paper, tmpDb } from '../../../tests/helpers/tmp'

let db: Db
let cleanup: () => void
beforeEach(() => {
  ;({ db, cleanup } = tmpDb())
  addDigest(db, 'd.txt', [paper('A'), paper('B'), paper('C'), paper('D')])
})
afterEach(() => cleanup())

const tagCounts = (): Record<string, number> =>
  Object.fromEntries(counts(db).tags.map((t) => [t.name, t.count]))
const tagId = (name: string): number => counts(db).tags.find((t) => t.name === name)?.id ?? -1
const inTag = (tag: string): number[] =>
  listPapers(db, { view: 'all', sort: 'digest', limit: 50, tags: [tag] }).papers.map((p) => p.id)

describe('tags', () => {
  it('creates tags with their parents and counts nested tags in the parent', () => {
    const added = tagPapers(db, [1, 2], ['ml/vision'])
    expect(added).toEqual([
      { paperId: 1, tag: 'ml/vision' },
      { paperId: 2, tag: 'ml/vision' }
    ])
    tagPapers(db, [2, 3], ['ml/nlp', ' to  read '])
    expect(tagCounts()).toEqual({ ml: 3, 'ml/nlp': 2, 'ml/vision': 2, 'to read': 2 })
    expect(inTag('ml')).toEqual([1, 2, 3])
    expect(inTag('ML/Vision')).toEqual([1, 2])
    expect(getPaper(db, 2)?.tags).toEqual(['ml/nlp', 'ml/vision', 'to read'])
    // Tagging again adds nothing.
    expect(tagPapers(db, [1], ['ml/vision'])).toEqual([])
  })

  it('filters by several tags at once (all of them) and in search', () => {
    tagPapers(db, [1, 2], ['x'])
    tagPapers(db, [2, 3], ['y'])
    expect(
      listPapers(db, { view: 'all', sort: 'digest', limit: 9, tags: ['x', 'y'] }).papers.map((p) => p.id)
    ).toEqual([2])
    expect(
      listPapers(db, { view: 'all', sort: 'digest', limit: 9, search: 'tag:y' }).papers.map((p) => p.id)
    ).toEqual([2, 3])
  })

  it('reuses an existing tag whatever the case, naming children after the stored parent', () => {
    tagPapers(db, [1], ['ML'])
    tagPapers(db, [2], ['ml/vision'])
    expect(tagCounts()).toEqual({ ML: 2, 'ML/vision': 1 })
  })

  it('untags', () => {
    tagPapers(db, [1, 2], ['x'])
    expect(untagPapers(db, [1, 3], ['x', 'nope'])).toEqual([{ paperId: 1, tag: 'x' }])
    expect(inTag('x')).toEqual([2])
  })

  it('renames a tag with its nested tags', () => {
    tagPapers(db, [1], ['ml/vision'])
    tagPapers(db, [2], ['ml'])
    expect(renameTag(db, tagId('ml'), 'deep learning')).toEqual({ merged: false, name: 'deep learning' })
    expect(tagCounts()).toEqual({ 'deep learning': 2, 'deep learning/vision': 1 })
    expect(getPaper(db, 1)?.tags).toEqual(['deep learning/vision'])
  })

  it('merges when renamed onto an existing tag, keeping every paper once', () => {
    tagPapers(db, [1, 2], ['tta'])
    tagPapers(db, [2, 3], ['test-time adaptation'])
    expect(renameTag(db, tagId('tta'), 'Test-Time Adaptation').merged).toBe(true)
    expect(tagCounts()).toEqual({ 'test-time adaptation': 3 })
    expect(inTag('test-time adaptation')).toEqual([1, 2, 3])
  })

  it('refuses to move a tag inside itself', () => {
    tagPapers(db, [1], ['ml'])
    expect(() => renameTag(db, tagId('ml'), 'ml/inner')).toThrow(/inside itself/)
  })

  it('deletes a tag and its children, and restores them exactly (undo)', () => {
    tagPapers(db, [1, 2], ['ml/vision'])
    tagPapers(db, [3], ['ml'])
    setTagColor(db, tagId('ml'), '#ff8800')
    const before = counts(db).tags.map(({ name, color, count }) => ({ name, color, count }))
    const deleted = deleteTag(db, tagId('ml'))
    expect(deleted.map((t) => [t.name, t.paperIds])).toEqual(
      expect.arrayContaining([
        ['ml', [3]],
        ['ml/vision', [1, 2]]
      ])
    )
    expect(counts(db).tags).toEqual([])
    expect(getPaper(db, 1)?.tags).toEqual([])
    restoreTags(db, deleted)
    expect(counts(db).tags.map(({ name, color, count }) => ({ name, color, count }))).toEqual(before)
  })

  it('cascades when a paper is deleted', () => {
    tagPapers(db, [1, 2], ['x'])
    saveNote(db, 1, 'a note')
    db.prepare('DELETE FROM papers WHERE id = 1').run()
    expect(tagCounts()).toEqual({ x: 1 })
    expect(db.prepare('SELECT count(*) FROM notes').pluck().get()).toBe(0)
    expect(db.prepare('SELECT count(*) FROM paper_tags').pluck().get()).toBe(1)
    expect(db.pragma('foreign_key_check')).toEqual([])
  })
})

describe('notes', () => {
  it('saves, replaces and clears a note, listed in the Notes view most recently edited first', async () => {
    expect(saveNote(db, 2, 'first thoughts').updatedAt).toMatch(/T/)
    await new Promise((r) => setTimeout(r, 5))
    saveNote(db, 4, 'another')
    expect(getPaper(db, 2)?.note).toBe('first thoughts')
    expect(listPapers(db, { view: 'notes', sort: 'digest', limit: 9 }).papers.map((p) => p.id)).toEqual([
      4, 2
    ])
    await new Promise((r) => setTimeout(r, 5))
    saveNote(db, 2, 'second thoughts')
    expect(listPapers(db, { view: 'notes', sort: 'digest', limit: 9 }).papers.map((p) => p.id)).toEqual([
      2, 4
    ])
    expect(counts(db).notes).toBe(2)
    expect(saveNote(db, 2, '   ')).toEqual({ updatedAt: null })
    expect(getPaper(db, 2)?.note).toBe('')
    expect(counts(db).notes).toBe(1)
  })

  it('refuses a note for a paper that is gone', () => {
    expect(() => saveNote(db, 999, 'x')).toThrow(/no longer in your library/)
  })
})
