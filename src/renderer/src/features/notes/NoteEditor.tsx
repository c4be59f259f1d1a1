import { useEffect, useState } from 'react'
import { api, errorMessage } from '../../lib/api'
import { renderMarkdown } from '../../lib/markdown'
import { noteSaved, openLink } from '../../stores/store'
import { NoteSaver, type SaveStatus } from './saver'

/**
 * One Markdown note per paper, saved shortly after typing stops and at once on blur, on switching paper
 * and on closing the window. "Saved" shows only after the main process committed the write.
 * Mounted with key={paperId}, so one editor serves one paper.
 */
export function NoteEditor({ paperId, initial }: { paperId: number; initial: string }) {
  const [text, setText] = useState(initial)
  const [status, setStatus] = useState<SaveStatus>('saved')
  const [error, setError] = useState('')
  const [preview, setPreview] = useState(false)
  const [saver] = useState(
    () =>
      new NoteSaver(initial, {
        save: async (body) => {
          const { updatedAt } = await api.saveNote({ id: paperId, body })
          noteSaved(paperId, body, updatedAt)
        },
        onStatus: (s, err) => {
          setStatus(s)
          setError(err === undefined ? '' : errorMessage(err))
        }
      })
  )

  useEffect(() => {
    const onUnload = (): void => void saver.flush()
    window.addEventListener('pagehide', onUnload)
    window.addEventListener('beforeunload', onUnload)
    return () => {
      window.removeEventListener('pagehide', onUnload)
      window.removeEventListener('beforeunload', onUnload)
      // Switching paper unmounts this editor: whatever was typed is written now.
      void saver.flush()
    }
  }, [saver])

  const label = { saved: text.trim() ? 'Saved' : '', editing: 'Editing…', saving: 'Saving…', error: '' }[
    status
  ]
  return (
    <section className="note" aria-label="Note">
      <div className="note-bar">
        <h2>Note</h2>
        <div className="segmented" role="group" aria-label="Note mode">
          <button type="button" aria-pressed={!preview} onClick={() => setPreview(false)}>
            Write
          </button>
          <button
            type="button"
            aria-pressed={preview}
            onClick={() => {
              void saver.flush()
              setPreview(true)
            }}
          >
            Preview
          </button>
        </div>
        <span className={`note-status ${status}`} role="status" aria-live="polite">
          {status === 'error' ? `Not saved: ${error} Retrying…` : label}
        </span>
      </div>
      {preview ? (
        <div
          className="note-preview"
          onClick={(e) => {
            const a = (e.target as HTMLElement).closest('a')
            if (a) {
              // Links never navigate the app: they open in the system browser or mail client.
              e.preventDefault()
              const href = a.getAttribute('href')
              if (href) void openLink(href)
            }
          }}
          dangerouslySetInnerHTML={{
            __html: text.trim() ? renderMarkdown(text) : '<p><em>Nothing written yet.</em></p>'
          }}
        />
      ) : (
        <textarea
          className="note-text"
          aria-label="Note text (Markdown)"
          placeholder="Your notes on this paper, in Markdown. Saved as you type."
          value={text}
          onChange={(e) => {
            setText(e.target.value)
            saver.update(e.target.value)
          }}
          onBlur={() => void saver.flush()}
          onKeyDown={(e) => {
            if (e.key === 'Escape') e.currentTarget.blur()
          }}
        />
      )}
    </section>
  )
}
