// Which typed words the search uses, shared by the server (which builds the query) and the search box
// (which says why a word was left out).

/**
 * A lone Latin letter or digit is not searched: as a prefix it matches nearly every paper, and ranking
 * the whole library takes the better part of a second at 100,000 papers, while it narrows nothing.
 * Other scripts keep single characters (one CJK character is a word).
 */
export function tooShortToSearch(word: string): boolean {
  return /^[\p{Script=Latin}\p{Nd}_]$/u.test(word)
}
