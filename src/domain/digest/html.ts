/**
 * Telegram HTML helpers for digests: escaping of every piece of user text, and splitting a
 * digest into messages of at most 4,096 characters on section boundaries without ever
 * breaking a tag or an entity. A section too long for one message is split on line
 * boundaries, closing the tags still open at the cut and reopening them in the next message.
 */

/** Telegram's limit for one message's text. */
export const TELEGRAM_MESSAGE_LIMIT = 4096;

/** Escapes text for Telegram's HTML parse mode (also safe inside attribute values). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

interface OpenTag {
  name: string;
  raw: string;
}

const TOKEN = /<[^>]*>|&#?[a-zA-Z0-9]+;|\n|[^<&\n]+|[<&]/g;

function tokenize(html: string): string[] {
  return html.match(TOKEN) ?? [];
}

function applyTag(stack: OpenTag[], token: string): OpenTag[] {
  if (!token.startsWith('<') || token.length < 3) return stack;
  const closing = /^<\/([a-zA-Z0-9-]+)\s*>$/.exec(token);
  if (closing) {
    const idx = stack.map((t) => t.name).lastIndexOf(closing[1]!.toLowerCase());
    return idx >= 0 ? stack.slice(0, idx) : stack;
  }
  const opening = /^<([a-zA-Z0-9-]+)[\s>]/.exec(token);
  return opening ? [...stack, { name: opening[1]!.toLowerCase(), raw: token }] : stack;
}

const closers = (stack: OpenTag[]) => stack.map((t) => `</${t.name}>`).reverse().join('');
const openers = (stack: OpenTag[]) => stack.map((t) => t.raw).join('');

/** Long text tokens (plain runs) are cut into single characters so that any budget can be met. */
function fineTokens(html: string, limit: number): string[] {
  const out: string[] = [];
  for (const tok of tokenize(html)) {
    if (tok.length > limit / 4 && !tok.startsWith('<') && !tok.startsWith('&')) out.push(...Array.from(tok));
    else out.push(tok);
  }
  return out;
}

/**
 * Splits one oversized section. Prefers the last line break that fits; cuts inside a line
 * only when a single line is longer than the limit, and then only between tokens.
 */
export function splitSection(html: string, limit = TELEGRAM_MESSAGE_LIMIT): string[] {
  const tokens = fineTokens(html, limit);
  const out: string[] = [];
  let i = 0;
  let stack: OpenTag[] = [];
  while (i < tokens.length) {
    let chunk = openers(stack);
    const bodyStart = chunk.length;
    let st = stack;
    let lastBreak: { end: number; len: number; stack: OpenTag[] } | null = null;
    let j = i;
    for (; j < tokens.length; j += 1) {
      const tok = tokens[j]!;
      const next = applyTag(st, tok);
      if (chunk.length + tok.length + closers(next).length > limit) break;
      if (tok === '\n' && chunk.length > bodyStart) lastBreak = { end: j, len: chunk.length, stack: st };
      chunk += tok;
      st = next;
    }
    if (j < tokens.length && lastBreak) {
      out.push(chunk.slice(0, lastBreak.len) + closers(lastBreak.stack));
      stack = lastBreak.stack;
      i = lastBreak.end + 1;
    } else {
      if (j === i) throw new Error('split limit too small for the open tags');
      out.push(chunk + closers(st));
      stack = st;
      i = j;
    }
  }
  return out.filter((m) => m.replace(/<[^>]*>/g, '').trim().length > 0);
}

/**
 * Packs sections into as few messages as possible, joined by a blank line, each at most
 * `limit` characters. Sections are never cut unless a single one exceeds the limit.
 */
export function splitMessages(sections: string[], limit = TELEGRAM_MESSAGE_LIMIT): string[] {
  const sep = '\n\n';
  const out: string[] = [];
  let current = '';
  for (const section of sections) {
    const pieces = section.length <= limit ? [section] : splitSection(section, limit);
    for (const piece of pieces) {
      if (!current) current = piece;
      else if (current.length + sep.length + piece.length <= limit) current += sep + piece;
      else {
        out.push(current);
        current = piece;
      }
    }
  }
  if (current) out.push(current);
  return out;
}
