import { describe, expect, it } from 'vitest'
import { unwrapEmail } from './mime'

describe('unwrapEmail', () => {
  it('returns the HTML part of a multipart message, decoded with its charset', () => {
    const body = Buffer.from('<p>Caf\u00e9 &amp; th\u00e9</p>', 'latin1').toString('base64')
    const message = [
      'From: Someone <a@example.org>',
      'Subject: Digest',
      'Content-Type: multipart/alternative; boundary="b1"',
      '',
      'preamble',
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'plain version',
      '--b1',
      'Content-Type: text/html; charset="iso-8859-1"',
      'Content-Transfer-Encoding: base64',
      '',
      body,
      '--b1--',
      ''
    ].join('\n')
    expect(unwrapEmail(message)).toBe('<p>Café &amp; thé</p>')
  })

  it('decodes quoted-printable soft breaks and escapes', () => {
    const message =
      'MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\nYor=C3=B9b=C3=A1 a=3Db lo=\nng\n'
    expect(unwrapEmail(message)).toBe('Yorùbá a=b long\n')
  })

  it('leaves text that is not an e-mail alone', () => {
    expect(unwrapEmail('arXiv:2406.12345\nDate: Mon\nTitle: A title\n\nbody')).toBeNull()
    expect(unwrapEmail('Get trending papers in your email inbox!\nSubscribeCARE: a title')).toBeNull()
    expect(unwrapEmail('TY  - JOUR\nER  - ')).toBeNull()
  })
})
