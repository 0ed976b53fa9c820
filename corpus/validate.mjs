// Checks a labelled-report file: one JSON object per line, labels in the vocabularies.
import { readFileSync } from "node:fs";
const TOPICS = ["governance","party_building","foreign_affairs","economy","security_defense","anti_corruption","east_sea","world_affairs","health","education","culture_society","environment_disasters","workplace","other"];
const MOODS = ["supportive","neutral","skeptical","worried","angry"];
const STYLES = ["diacritics","no_diacritics","teencode","en"];
const file = process.argv[2];
if (!file) { console.error("usage: node validate.mjs FILE"); process.exit(2); }
const lines = readFileSync(file, "utf8").split("\n").filter((l) => l.trim() !== "");
const seen = new Set(); let bad = 0;
const count = (m, k) => m.set(k, (m.get(k) ?? 0) + 1);
const topics = new Map(), moods = new Map(), styles = new Map(); let urgent = 0;
lines.forEach((line, i) => {
  const n = i + 1; const errs = [];
  let o; try { o = JSON.parse(line); } catch { console.log(`line ${n}: not JSON`); bad++; return; }
  const allowed = new Set(["text","topic","topic2","mood","urgent","lang","style","writer"]);
  for (const k of Object.keys(o)) if (!allowed.has(k)) errs.push(`unknown field ${k}`);
  if (typeof o.text !== "string" || o.text.length < 10 || o.text.length > 2000) errs.push("text must be 10-2000 characters");
  if (!TOPICS.includes(o.topic)) errs.push(`topic ${o.topic} not in the list`);
  if (o.topic2 !== undefined && (!TOPICS.includes(o.topic2) || o.topic2 === o.topic)) errs.push("topic2 must be another topic from the list, or omitted");
  if (!MOODS.includes(o.mood)) errs.push(`mood ${o.mood} not in the list`);
  if (typeof o.urgent !== "boolean") errs.push("urgent must be true or false");
  if (o.lang !== "vi" && o.lang !== "en") errs.push("lang must be vi or en");
  if (!STYLES.includes(o.style)) errs.push(`style ${o.style} not in the list`);
  if ((o.style === "en") !== (o.lang === "en")) errs.push("style en if and only if lang en");
  if (typeof o.writer !== "string" || o.writer === "") errs.push("writer missing");
  if (typeof o.text === "string") { const key = o.text.trim().toLowerCase(); if (seen.has(key)) errs.push("duplicate text"); seen.add(key); }
  if (errs.length) { bad++; console.log(`line ${n}: ${errs.join("; ")}`); return; }
  count(topics, o.topic); count(moods, o.mood); count(styles, o.style); if (o.urgent) urgent++;
});
const pct = (x) => `${((100 * x) / Math.max(1, lines.length)).toFixed(0)}%`;
console.log(`${lines.length} lines, ${bad} bad`);
console.log(`urgent: ${urgent} (${pct(urgent)})`);
console.log("topics:", [...topics].sort().map(([k, v]) => `${k} ${v}`).join(", "));
console.log("moods:", [...moods].map(([k, v]) => `${k} ${v}`).join(", "));
console.log("styles:", [...styles].map(([k, v]) => `${k} ${v} (${pct(v)})`).join(", "));
process.exit(bad ? 1 : 0);
