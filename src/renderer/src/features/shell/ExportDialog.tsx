import { useEffect, useRef, useState } from 'react'
import { EXPORT_FORMATS } from '../../../../shared/api'
import { api, errorMessage } from '../../lib/api'
import { listQuery, toast, useStore } from '../../stores/store'

type Format = (typeof EXPORT_FORMATS)[number]
type Scope = 'library' | 'view' | 'selection'

const LABELS: Record<Format, string> = {
  bibtex: 'BibTeX (.bib)',
  ris: 'RIS (.ris)',
  csv: 'CSV spreadsheet (.csv)',
  json: 'JSON, everything, re-importable (.json)',
  markdown: 'Markdown reading notes (.md)'
}

function download(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

export function ExportDialog({ onClose }: { onClose: () => void }) {
  const checked = useStore((s) => s.checked)
  const [format, setFormat] = useState<Format>('bibtex')
  const [scope, setScope] = useState<Scope>(checked.length ? 'selection' : 'view')
  const [groupBy, setGroupBy] = useState<'tag' | 'digest'>('tag')
  const [busy, setBusy] = useState(false)
  const firstRef = useRef<HTMLSelectElement>(null)
  useEffect(() => firstRef.current?.focus(), [])

  const run = async (): Promise<void> => {
    setBusy(true)
    try {
      const { search, sort: _sort, ...view } = listQuery(useStore.getState())
      const filter =
        scope === 'selection'
          ? { ids: checked }
          : scope === 'view'
            ? { ...view, ...(search ? { search } : {}) }
            : { view: 'all' as const }
      const r = await api.exportPapers({ format, ...filter, ...(format === 'markdown' ? { groupBy } : {}) })
      download(r.fileName, r.text, format === 'json' ? 'application/json' : 'text/plain')
      toast(`Exported ${r.count} paper${r.count === 1 ? '' : 's'} to ${r.fileName}`)
      onClose()
    } catch (err) {
      toast(errorMessage(err), 'error')
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="modal-backdrop" onClick={onClose}>
      <div
        className="modal export"
        role="dialog"
        aria-modal="true"
        aria-labelledby="export-title"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onClose()
        }}
      >
        <h2 id="export-title">Export</h2>
        <label className="field">
          Format
          <select ref={firstRef} value={format} onChange={(e) => setFormat(e.target.value as Format)}>
            {EXPORT_FORMATS.map((f) => (
              <option key={f} value={f}>
                {LABELS[f]}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="field">
          <legend>Papers</legend>
          <label>
            <input type="radio" checked={scope === 'view'} onChange={() => setScope('view')} /> This view
          </label>
          <label>
            <input type="radio" checked={scope === 'library'} onChange={() => setScope('library')} /> The
            whole library
          </label>
          {checked.length > 0 && (
            <label>
              <input type="radio" checked={scope === 'selection'} onChange={() => setScope('selection')} />{' '}
              The {checked.length} selected
            </label>
          )}
        </fieldset>
        {format === 'markdown' && (
          <label className="field">
            Group by
            <select value={groupBy} onChange={(e) => setGroupBy(e.target.value as 'tag' | 'digest')}>
              <option value="tag">Tag</option>
              <option value="digest">Digest</option>
            </select>
          </label>
        )}
        <div className="modal-buttons">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="primary" disabled={busy} onClick={() => void run()}>
            {busy ? 'Exporting…' : 'Export'}
          </button>
        </div>
      </div>
    </div>
  )
}
