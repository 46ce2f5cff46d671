import MarkdownIt from 'markdown-it';
import { typographicReferences } from './typography.js';

/**
 * Markdown for page copy. Raw HTML is off (it is shown as text, never injected), and links and images
 * are allowed only to a safe subset of URLs (see SAFE_URL). A `#` heading is demoted to `<h2>` because
 * each page's only `<h1>` comes from its template.
 */
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });

/** http(s), mailto and tel links, and paths on this site (`/x/`, `./x`, `../x`, `#x`); nothing else. */
const SAFE_URL = /^(https?:\/\/|mailto:|tel:|\/|\.{1,2}\/|#)/i;
markdown.validateLink = (url) => SAFE_URL.test(url.trim());
markdown.core.ruler.push('demote_h1', (state) => {
  for (const token of state.tokens) {
    if ((token.type === 'heading_open' || token.type === 'heading_close') && token.tag === 'h1') token.tag = 'h2';
  }
});

/** Render trusted-or-not Markdown to safe HTML, with typographic punctuation as references (see typography.ts). */
export function renderMarkdown(source: string): string {
  return typographicReferences(markdown.render(source));
}

/** The plain text of the first paragraph, for a default meta description. */
export function firstParagraphText(source: string): string {
  const tokens = markdown.parse(source, {});
  const start = tokens.findIndex((token) => token.type === 'paragraph_open');
  const inline = start >= 0 ? tokens[start + 1] : undefined;
  const text = (inline?.children ?? [])
    .map((child) => (child.type === 'text' || child.type === 'code_inline' ? child.content : child.type === 'softbreak' ? ' ' : ''))
    .join('');
  return text.replace(/\s+/g, ' ').trim();
}
