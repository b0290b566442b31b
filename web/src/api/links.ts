// RFC 8288 Link headers: the order history pages with `Link: <url>; rel="next"` (web/README.md, "Pages").

/** The `rel="next"` target of an RFC 8288 Link header, or undefined. */
export function nextLink(header: string | null): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>\s*(.*)$/.exec(part);
    if (!match) continue;
    const rels = /(?:^|;)\s*rel\s*=\s*(?:"([^"]*)"|([^;\s]+))/i.exec(match[2] ?? '');
    const relText = (rels?.[1] ?? rels?.[2] ?? '').toLowerCase().split(/\s+/);
    if (relText.includes('next')) return match[1];
  }
  return undefined;
}
