/**
 * A URL slug from a name: accents dropped (`Clínica Müller` -> `clinica-muller`), everything that is not
 * a letter or digit becomes one hyphen. Names in scripts without a Latin transliteration (CJK, Arabic)
 * give an empty slug; the caller then falls back to the file name.
 */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/ß/g, 'ss')
    .replace(/[æÆ]/g, 'ae')
    .replace(/[øØ]/g, 'o')
    .replace(/[łŁ]/g, 'l')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}

/** Whether a string is a valid slug. */
export function isSlug(value: string): boolean {
  return /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value);
}
