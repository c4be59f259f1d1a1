import { marked } from 'marked'
import DOMPurify from 'dompurify'

// An allow-list: anything not named here (script, style, iframe, object, embed, form, svg, math, event
// handlers, style attributes…) is dropped, and links keep only http(s) and mailto targets.
const ALLOWED_TAGS = [
  'a',
  'b',
  'blockquote',
  'br',
  'code',
  'del',
  'em',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'i',
  'li',
  'ol',
  'p',
  'pre',
  'strong',
  'table',
  'tbody',
  'td',
  'th',
  'thead',
  'tr',
  'ul',
  'input'
]
const ALLOWED_ATTR = ['href', 'title', 'type', 'checked', 'disabled']
const SAFE_URL = /^(?:https?:|mailto:)/i

const purify = DOMPurify()
purify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A') {
    const href = node.getAttribute('href') ?? ''
    if (!SAFE_URL.test(href)) node.removeAttribute('href')
  }
  // Only the task-list checkboxes marked emits survive, and they are read-only.
  if (node.tagName === 'INPUT') {
    if (node.getAttribute('type') !== 'checkbox') node.remove()
    else node.setAttribute('disabled', '')
  }
})

/** Markdown → sanitised HTML for the note preview. */
export function renderMarkdown(source: string): string {
  const html = marked.parse(source, { async: false, gfm: true, breaks: true })
  return purify.sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOWED_URI_REGEXP: SAFE_URL,
    ALLOW_DATA_ATTR: false
  })
}
