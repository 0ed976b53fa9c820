/** Human report references, e.g. R-2026-000123: the year of submission and the report's sequence number. */
export function formatReference(year: number, seq: number): string {
  return `R-${year}-${String(seq).padStart(6, '0')}`;
}

/** Parses a reference typed by a person (case and spacing forgiven); null when it is not one. */
export function parseReference(text: string): { year: number; seq: number } | null {
  const m = /^\s*r\s*-?\s*(\d{4})\s*-?\s*(\d{1,9})\s*$/i.exec(text);
  if (!m) return null;
  return { year: Number(m[1]), seq: Number(m[2]) };
}
