import { readFileSync } from "node:fs";
import { leaves, normalisedPath, sameNumber } from "/work/wt-oldspec/tools/regression/leaves.ts";
const [a, b, pre, depth = "6"] = process.argv.slice(2);
const A = leaves(JSON.parse(readFileSync(a, "utf8"))), B = leaves(JSON.parse(readFileSync(b, "utf8")));
const g = new Map<string, string[]>();
for (const [k, v] of A) { if (!k.startsWith(pre)) continue; const w = B.get(k);
  if (typeof v === "number" && typeof w === "number" ? sameNumber(v, w) : v === w) continue;
  const key = normalisedPath(k).split(/(?=[.[])/).slice(0, +depth).join("");
  const l = g.get(key) ?? []; g.set(key, l); l.push(`${k}: ${JSON.stringify(v)?.slice(0,80)} -> ${JSON.stringify(w)?.slice(0,80)}`); }
for (const [k, l] of g) console.log(k, l.length, "\n    ", l.slice(0, 2).join("\n     "));
