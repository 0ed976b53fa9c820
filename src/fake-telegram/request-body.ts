/**
 * Reads what grammY sent: a JSON string for plain calls, a multipart stream when a file is
 * uploaded (sendPhoto with an InputFile). Multipart fields are extracted as strings; file parts
 * are recorded by size only.
 */
export async function readRequestBody(body: unknown): Promise<Record<string, unknown>> {
  if (body === undefined || body === null) return {};
  if (typeof body === 'string') return body === '' ? {} : (JSON.parse(body) as Record<string, unknown>);
  const bytes = await collect(body);
  const text = bytes.toString('latin1');
  const boundary = /^--([^\r\n]+)/.exec(text)?.[1];
  if (!boundary) return {};
  const out: Record<string, unknown> = {};
  const files = new Map<string, { file: true; bytes: number; filename: string }>();
  for (const part of text.split(`--${boundary}`)) {
    const name = /name="([^"]+)"/.exec(part)?.[1];
    if (!name) continue;
    const idx = part.indexOf('\r\n\r\n');
    const value = part.slice(idx + 4).replace(/\r\n$/, '');
    const filename = /filename="?([^"\r\n;]*)"?/.exec(part)?.[1];
    if (filename !== undefined) files.set(name, { file: true, bytes: value.length, filename });
    else out[name] = tryJson(Buffer.from(value, 'latin1').toString('utf8'));
  }
  // grammY sends `photo: "attach://<id>"` plus a file part named <id>.
  for (const [k, v] of Object.entries(out)) {
    if (typeof v === 'string' && v.startsWith('attach://')) out[k] = files.get(v.slice(9)) ?? v;
  }
  for (const [name, f] of files) if (!(name in out) && !Object.values(out).includes(f)) out[name] = f;
  return out;
}

function tryJson(v: string): unknown {
  if (/^[[{]/.test(v)) {
    try {
      return JSON.parse(v);
    } catch {
      return v;
    }
  }
  return v;
}

async function collect(body: unknown): Promise<Buffer> {
  if (body instanceof Uint8Array) return Buffer.from(body);
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Uint8Array | string>) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}
