/**
 * Japanese texts of one part of the report: Immortal time and the primary analysis (src/report/sections-immortal.ts, the headline of the primary result).
 * English reference: src/i18n/immortal-en.ts.
 */
import type { ImmortalMessages, ImmortalTextId } from "./immortal-en.js";
import type { EngineTemplate } from "./warnings.js";

export const immortalJa: ImmortalMessages = {
  primaryElsewhere: (lead, headline, hr, n, events) => `${lead}：${headline}；per-protocol ${hr}（副次的）；${n}例、${events}イベント（下記のimmortal timeの項）。ここに示す各行は感度分析である`,
  primaryHere: (lead, headline, hr, n, events) => `${lead}：${headline}；per-protocol ${hr}（副次的）；${n}例、${events}イベント`,
  primaryHereHr: (lead, hr, n, events) => `${lead}：${hr}；${n}例、${events}イベント`,
};

/** Japanese templates of the engine texts of this part (IMMORTAL_PATTERNS). */
const UNITS: Readonly<Record<string, string>> = { days: "日", weeks: "週", months: "か月", years: "年" };
const unit = (u: string | undefined): string => (u === undefined ? "" : (UNITS[u] ?? u));
const STAT: Readonly<Record<string, string>> = { "survival difference": "生存率の差", "RMST difference": "RMSTの差", "per-protocol log hazard ratio": "per-protocolハザード比の対数" };
/** "60か月時点の" / "60か月までの" */
const atJa = (at: string | undefined, t: string | undefined, u: string | undefined): string => (t === undefined ? "" : at === "up to" ? `${t}${unit(u)}までの` : `${t}${unit(u)}時点の`);
/** "; grace period 6 months (default)" → "；猶予期間6か月（既定値）" */
const defaultsJa = (s: string | undefined): string =>
  (s ?? "").replace(/; (grace period|landmark) ([−\d.,]+) (\w+) \(default\)/g, (_m, what: string, n: string, u: string) => `；${what === "landmark" ? "ランドマーク" : "猶予期間"}${n}${unit(u)}（既定値）`);

/** The headline's items: "at 12 months: -7.8 points (-27.7 to 19.8), not estimable at 60 months: 12 and 3 patients at risk (…)". */
const headlineJa = (s: string | undefined): string =>
  (s ?? "")
    .replace(/not estimable at ([−\d.,-]+) (\w+): ([−\d.,-]+) and ([−\d.,-]+) patients at risk \(fewer than ([−\d.,-]+), where the figures end the curves\)/g, (_m, t: string, u: string, a: string, b: string, k: string) => `${t}${unit(u)}時点は推定不能：リスク集合${a}例と${b}例（${k}例未満で、図が曲線を打ち切る時点）`)
    .replace(/(^|, | )at ([−\d.,-]+) (\w+):/g, (_m, pre: string, t: string, u: string) => `${pre === ", " ? "、" : pre.trim()}${t}${unit(u)}時点：`)
    .replace(/, ([−\d.,-]+) (\w+): /g, (_m, t: string, u: string) => `、${t}${unit(u)}時点：`)
    .replace(/ points/g, "ポイント")
    .replace(/\(([−\d.,-]+) to ([−\d.,-]+)\)/g, "（$1～$2）")
    .replace(/; RMST difference up to ([−\d.,-]+) (\w+): /g, (_m, t: string, u: string) => `；${t}${unit(u)}までのRMSTの差：`)
    .replace(/, /g, "、")
    .replace(/([−\d.,-]+) (months|days|weeks|years)/g, (_m, x: string, u: string) => `${x}${unit(u)}`)
    .replace(/： /g, "：")
    .replace(/ （/g, "（");

export const immortalTextsJa: Readonly<Record<ImmortalTextId, EngineTemplate>> = {
  primaryLead: ({ g, t }) => `主解析${g.how?.startsWith("chosen") ? "はsurvinferの既定の規則で選択（計画書で未指定）" : "（計画書で指定）"}：${t(g.label ?? "")}${defaultsJa(g.defaults)}`,
  ccwHeadline: ({ g }) => `生存率の差（${g.g}${unit(g.unit)}以内の治療あり－なし）：${headlineJa(g.items).replace(/^ /, "")}${headlineJa(g.rmst)}`,
  ccwBeyondData: ({ g }) =>
    `${atJa(g.at, g.t, g.unit)}${g.stat === "RMST difference" ? "RMSTの差" : "生存率の差"}は示さない（推定不能）：データの範囲外で、図が曲線を打ち切る時点である（次の死亡時のリスク集合は2つの戦略で${g.k1}例と${g.k2}例、${g.min}例未満；追跡中は${g.f1}例と${g.f2}例）。results.jsonには数値をbeyondDataの印付きで残す`,
  ccwBootstrapOffCentre: ({ g }) =>
    `${atJa(g.at, g.t, g.unit)}${STAT[g.stat] ?? g.stat}のブートストラップ分布は推定値を中心としていない（反復の平均${g.mean}、推定値${g.est}：バイアス${g.bias}はブートストラップSE ${g.se}${g.stat === "survival difference" ? "ポイント" : g.stat === "RMST difference" ? unit(g.unit) : ""}の4分の1を超える）。パーセンタイル信頼区間は信頼できない（依拠しないこと）`,
  primaryDefaults: ({ g, t }) =>
    `主解析${g.how?.startsWith("chosen") ? "はsurvinferの既定の規則で選択（計画書で未指定）" : "（計画書で指定）"}：${t(g.label ?? "")}${defaultsJa(g.defaults)} — survinferによる既定値であり研究の選択ではない：結果を見る前にanalyses.primary${g.settings ? "と（既定値）と記した設定" : ""}を計画書で指定すること`,
};
