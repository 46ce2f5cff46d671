/** Text that search results show: titles and descriptions cut to fit, and lists in words. */

/** Meta descriptions longer than this are cut by Google; defaults are kept under it. */
export const DESCRIPTION_LIMIT = 155;

/** Titles longer than this are usually cut in search results. */
export const TITLE_LIMIT = 60;

/** The first candidate title that search results show in full, or the shortest one. */
export function fitTitle(candidates: string[]): string {
  return candidates.find((candidate) => candidate.length <= TITLE_LIMIT) ?? [...candidates].sort((a, b) => a.length - b.length)[0]!;
}

/** A meta description cut to what search results show. */
export function truncateDescription(text: string): string {
  return truncateText(text.replace(/\s+/g, ' ').trim(), DESCRIPTION_LIMIT);
}

/** `a, b and c` */
export function listText(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** Shorten text to at most `max` characters at a word boundary, ending with an ellipsis when cut. */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

/** The text with its first letter in upper case, to start a sentence. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
