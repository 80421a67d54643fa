/**
 * Markdown for people: the bureau writes posts in Markdown and the portal shows HTML rendered by
 * markdown-it with raw HTML off (a `<script>` in the text is shown as text, never run) and only
 * safe link schemes (markdown-it's validateLink refuses javascript:, vbscript:, file:, data: but images).
 */
import MarkdownIt from 'markdown-it';

const md = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false });

export function renderMarkdown(text: string): string {
  return md.render(text);
}

/** The text of a Markdown fragment without its marks, for abstracts and list lines. */
export function markdownText(text: string, max = 120): string {
  const plain = md
    .render(text)
    .replace(/<\/(?:p|h\d|li|tr|td|th|blockquote|pre)>|<br\s*\/?>/g, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > max ? `${plain.slice(0, max)}…` : plain;
}
