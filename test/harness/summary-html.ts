// The markdown regkit writes to a job summary, as HTML the way GitHub shows it: enough of GitHub-flavoured markdown
// for what report/summary.ts emits (headings, paragraphs, lists, tables, <details>, code spans, bold, italics,
// backslash escapes, <br> and entities passed through) and a style close to GitHub's, so a headless browser can
// screenshot a summary at GitHub's content width and a person can judge how it reads.

function inline(text: string): string {
  // Backslash escapes first, as GFM reads them outside code spans (regkit writes none inside one).
  const escapes: string[] = [];
  let s = text.replace(/\\([\\`*_[\]|])/g, (_m, c: string) => {
    escapes.push(c);
    return `\u0001${escapes.length - 1}\u0001`;
  });
  const codes: string[] = [];
  s = s.replace(/`([^`]*)`/g, (_m, c: string) => {
    codes.push(`<code>${c.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</code>`);
    return `\u0000${codes.length - 1}\u0000`;
  });
  s = s.replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>').replace(/(^|[\s(])_([^_]+)_(?=$|[\s).,;:])/g, '$1<em>$2</em>');
  return s.replace(/\u0000(\d+)\u0000/g, (_m, i: string) => codes[Number(i)]!).replace(/\u0001(\d+)\u0001/g, (_m, i: string) => escapes[Number(i)]!);
}

/** Table cells: split on `|` that is not escaped (an escaped one stays in the cell as `\|` until inline() runs). */
function cells(row: string): string[] {
  const inner = row.trim().replace(/^\|/, '').replace(/\|$/, '');
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < inner.length; i++) {
    if (inner[i] === '\\' && inner[i + 1] === '|') {
      cur += '\\|';
      i++;
    } else if (inner[i] === '|') {
      out.push(cur.trim());
      cur = '';
    } else cur += inner[i];
  }
  out.push(cur.trim());
  return out;
}

export function markdownToHtml(md: string): string {
  const lines = md.split('\n');
  const html: string[] = [];
  for (let i = 0; i < lines.length;) {
    const line = lines[i]!;
    const heading = /^(#{1,6}) (.*)$/.exec(line);
    if (line.trim() === '') i++;
    else if (heading) {
      html.push(`<h${heading[1]!.length}>${inline(heading[2]!)}</h${heading[1]!.length}>`);
      i++;
    } else if (/^<\/?details( open)?>|^<summary>/.test(line)) {
      html.push(line.replace(/<summary>(.*)<\/summary>/, (_m, t: string) => `<summary>${inline(t)}</summary>`));
      i++;
    } else if (line.startsWith('|') && /^\|[\s:|-]+\|$/.test(lines[i + 1] ?? '')) {
      const align = cells(lines[i + 1]!).map((c) => (c.endsWith(':') ? ' align="right"' : ''));
      html.push('<table><thead><tr>', ...cells(line).map((c, k) => `<th${align[k]}>${inline(c)}</th>`), '</tr></thead><tbody>');
      i += 2;
      for (; i < lines.length && lines[i]!.startsWith('|'); i++)
        html.push('<tr>', ...cells(lines[i]!).map((c, k) => `<td${align[k] ?? ''}>${inline(c)}</td>`), '</tr>');
      html.push('</tbody></table>');
    } else if (line.startsWith('- ')) {
      html.push('<ul>');
      for (; i < lines.length && lines[i]!.startsWith('- '); i++) html.push(`<li>${inline(lines[i]!.slice(2))}</li>`);
      html.push('</ul>');
    } else {
      const para: string[] = [];
      for (; i < lines.length && lines[i]!.trim() !== '' && !/^(#|\||- |<details|<\/details)/.test(lines[i]!); i++) para.push(lines[i]!);
      html.push(`<p>${inline(para.join(' '))}</p>`);
    }
  }
  return html.join('\n');
}

/** A page like a job summary: GitHub's fonts, colours, table and code styles, in a box as wide as its content column. */
export function summaryPage(md: string, title: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title><style>
body { margin: 0; background: #f6f8fa; font: 14px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; color: #1f2328; }
.box { margin: 16px; background: #fff; border: 1px solid #d1d9e0; border-radius: 6px; padding: 16px 24px; overflow-x: auto; }
.caption { font-weight: 600; color: #59636e; margin-bottom: 8px; }
h3 { font-size: 1.25em; margin: 8px 0 16px; } h4 { font-size: 1em; margin: 24px 0 8px; }
table { border-collapse: collapse; display: block; width: max-content; max-width: 100%; overflow: auto; margin-bottom: 16px; }
th, td { border: 1px solid #d1d9e0; padding: 6px 13px; } th { font-weight: 600; } tr:nth-child(2n) { background: #f6f8fa; }
code { font: 85% ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace; background: rgba(129,139,152,.12); padding: .2em .4em; border-radius: 6px; }
ul { padding-left: 2em; } li + li { margin-top: .25em; } details { margin-bottom: 8px; } summary { cursor: pointer; }
</style></head><body><div class="box"><div class="caption">${title} summary</div>
${markdownToHtml(md)}
</div></body></html>
`;
}
