/**
 * Reads back what the PDF writer wrote, for tests, without any outside tool: the objects, the fonts
 * (base name, embedded file, ToUnicode map) and the text of each page, decoded through each font's
 * ToUnicode CMap — the same path a viewer's search or copy takes. Handles exactly the subset of PDF
 * that PDFKit writes (uncompressed object dictionaries, Flate streams, Identity-H hex strings in
 * Tj/TJ).
 */
import zlib from 'node:zlib';

export interface PdfObject {
  id: number;
  dict: string;
  stream?: Buffer;
}

export interface PdfFont {
  resourceName: string;
  baseFont: string;
  subtype: string;
  embedded: 'FontFile2' | 'FontFile3' | 'FontFile' | null;
  toUnicode: Map<number, string>;
}

export interface ParsedPdf {
  version: string;
  objects: Map<number, PdfObject>;
  fonts: PdfFont[];
  /** Text of each page in order, one line per text-showing operator. */
  pages: string[];
  info: string;
}

export function parsePdf(data: Buffer): ParsedPdf {
  const text = data.toString('latin1');
  const version = /^%PDF-(\d\.\d)/.exec(text)?.[1];
  if (!version) throw new Error('not a PDF: no %PDF- header');
  const objects = new Map<number, PdfObject>();
  const objectPattern = /(\d+) 0 obj\s*/g;
  for (let match = objectPattern.exec(text); match; match = objectPattern.exec(text)) {
    const id = Number(match[1]);
    const start = match.index + match[0].length;
    const end = text.indexOf('endobj', start);
    const body = text.slice(start, end);
    const streamAt = body.indexOf('stream\n');
    if (streamAt < 0) {
      objects.set(id, { id, dict: body.trim() });
      continue;
    }
    const dict = body.slice(0, streamAt);
    const length = Number(/\/Length (\d+)/.exec(dict)?.[1]);
    const raw = data.subarray(start + streamAt + 'stream\n'.length, start + streamAt + 'stream\n'.length + length);
    const stream = /\/Filter \/FlateDecode/.test(dict) ? zlib.inflateSync(raw) : Buffer.from(raw);
    objects.set(id, { id, dict: dict.trim(), stream });
    objectPattern.lastIndex = end;
  }

  const ref = (dict: string, key: string) => {
    const m = new RegExp(`/${key} (\\d+) 0 R`).exec(dict);
    return m ? objects.get(Number(m[1])) : undefined;
  };

  // Resource names → Type0 font objects, from every /Font << /F1 9 0 R … >> dictionary.
  const fontsByName = new Map<string, PdfFont>();
  for (const object of objects.values()) {
    for (const block of object.dict.matchAll(/\/Font <<([^>]*)>>/g)) {
      for (const [, name, id] of block[1]!.matchAll(/\/(\w+) (\d+) 0 R/g)) {
        const font = objects.get(Number(id));
        if (!font || fontsByName.has(name!)) continue;
        const descendant = objects.get(Number(/\/DescendantFonts \[(\d+) 0 R\]/.exec(font.dict)?.[1]));
        const descriptor = descendant ? ref(descendant.dict, 'FontDescriptor') : undefined;
        const embedded = descriptor ? ((['FontFile2', 'FontFile3', 'FontFile'] as const).find((k) => ref(descriptor.dict, k)) ?? null) : null;
        fontsByName.set(name!, {
          resourceName: name!,
          baseFont: /\/BaseFont \/(\S+)/.exec(font.dict)?.[1] ?? '',
          subtype: /\/Subtype \/(\w+)/.exec(font.dict)?.[1] ?? '',
          embedded,
          toUnicode: parseToUnicode(ref(font.dict, 'ToUnicode')?.stream?.toString('latin1') ?? ''),
        });
      }
    }
  }

  const pageObjects = [...objects.values()].filter((o) => /\/Type \/Page\b/.test(o.dict));
  const pages = orderPages(objects, pageObjects).map((page) => {
    const contents = [...(/\/Contents (\[[^\]]*\]|\d+ 0 R)/.exec(page.dict)?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map(
      (m) => objects.get(Number(m[1]))?.stream?.toString('latin1') ?? '',
    );
    return decodeText(contents.join('\n'), fontsByName);
  });

  const infoObject = objects.get(Number(/\/Info (\d+) 0 R/.exec(text)?.[1]));
  return { version, objects, fonts: [...fontsByName.values()], pages, info: infoObject?.dict ?? '' };
}

function orderPages(objects: Map<number, PdfObject>, pages: PdfObject[]): PdfObject[] {
  const tree = [...objects.values()].find((o) => /\/Type \/Pages\b/.test(o.dict));
  const kids = [...(/\/Kids \[([^\]]*)\]/.exec(tree?.dict ?? '')?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1]));
  return kids.length ? kids.map((id) => objects.get(id)!).filter(Boolean) : pages;
}

function parseToUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const hexToString = (hex: string) => {
    const units: number[] = [];
    for (let i = 0; i < hex.length; i += 4) units.push(parseInt(hex.slice(i, i + 4), 16));
    return String.fromCharCode(...units);
  };
  for (const [, start, , body] of cmap.matchAll(/<([0-9a-fA-F]+)> <([0-9a-fA-F]+)> \[([^\]]*)\]/g)) {
    [...body!.matchAll(/<([0-9a-fA-F ]+)>/g)].forEach((m, i) => map.set(parseInt(start!, 16) + i, hexToString(m[1]!.replace(/ /g, ''))));
  }
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, code, value] of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(parseInt(code!, 16), hexToString(value!));
  }
  return map;
}

function decodeText(content: string, fonts: Map<string, PdfFont>): string {
  const lines: string[] = [];
  let font: PdfFont | undefined;
  const tokens = /\/(\w+) [\d.]+ Tf|\[((?:<[0-9a-fA-F]*>|[^\]<])*)\] TJ|<([0-9a-fA-F]*)> Tj/g;
  for (const [, fontName, array, single] of content.matchAll(tokens)) {
    if (fontName) {
      font = fonts.get(fontName);
      continue;
    }
    const hexes = array !== undefined ? [...array.matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1]!) : [single!];
    let line = '';
    for (const hex of hexes) {
      for (let i = 0; i < hex.length; i += 4) {
        const code = parseInt(hex.slice(i, i + 4), 16);
        line += font?.toUnicode.get(code) ?? '\uFFFD';
      }
    }
    lines.push(line);
  }
  return lines.join('\n');
}

/** The text of the whole document with line breaks and spaces removed, to search across wrapping. */
export function flatText(pdf: ParsedPdf): string {
  return pdf.pages.join('').replace(/\s+/g, '');
}
