import { useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { tagTargets, untag, useStore } from '../../stores/store'

/** The tags of the current paper, or — with papers checked — a field that tags the whole selection. */
export function TagEditor({ paperId, tags }: { paperId: number; tags: string[] }) {
  const { counts, checked } = useStore(useShallow((s) => ({ counts: s.counts, checked: s.checked.length })))
  const allTags = counts?.tags.map((t) => t.name) ?? []
  const [value, setValue] = useState('')
  const submit = (): void => {
    const name = value.trim()
    if (!name) return
    setValue('')
    void tagTargets(name)
  }
  return (
    <section className="tags" aria-label="Tags">
      <ul className="tag-list">
        {tags.map((t) => (
          <li key={t} className="tag-chip">
            <span>{t}</span>
            <button type="button" aria-label={`Remove tag ${t}`} onClick={() => void untag([paperId], t)}>
              ×
            </button>
          </li>
        ))}
        <li className="tag-add">
          <input
            id="tag-input"
            list="tag-suggestions"
            value={value}
            placeholder={checked ? `Tag ${checked} selected papers…` : 'Add tag…  t'}
            aria-label={checked ? `Tag ${checked} selected papers` : 'Add a tag'}
            onChange={(e) => setValue(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault()
                submit()
              } else if (e.key === 'Escape') {
                setValue('')
                e.currentTarget.blur()
              }
            }}
          />
          <datalist id="tag-suggestions">
            {allTags
              .filter((t) => !tags.includes(t))
              .map((t) => (
                <option key={t} value={t} />
              ))}
          </datalist>
        </li>
      </ul>
    </section>
  )
}
