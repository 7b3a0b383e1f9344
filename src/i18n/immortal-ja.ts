/**
 * Japanese texts of one part of the report: Immortal time and the primary analysis (src/report/sections-immortal.ts, the headline of the primary result).
 * English reference: src/i18n/immortal-en.ts.
 */
import type { ImmortalMessages, ImmortalTextId } from "./immortal-en.js";
import type { EngineTemplate } from "./warnings.js";

export const immortalJa: ImmortalMessages = {};

/** Japanese templates of the engine texts of this part (IMMORTAL_PATTERNS). */
const UNITS: Readonly<Record<string, string>> = { days: "日", weeks: "週", months: "か月", years: "年" };
const unit = (u: string | undefined): string => (u === undefined ? "" : (UNITS[u] ?? u));
const STAT: Readonly<Record<string, string>> = { "survival difference": "生存率の差", "RMST difference": "RMSTの差", "per-protocol log hazard ratio": "per-protocolハザード比の対数" };
/** "60か月時点の" / "60か月までの" */
const atJa = (at: string | undefined, t: string | undefined, u: string | undefined): string => (t === undefined ? "" : at === "up to" ? `${t}${unit(u)}までの` : `${t}${unit(u)}時点の`);
/** "; grace period 6 months (default)" → "；猶予期間6か月（既定値）" */
const defaultsJa = (s: string | undefined): string =>
  (s ?? "").replace(/; (grace period|landmark) ([−\d.,]+) (\w+) \(default\)/g, (_m, what: string, n: string, u: string) => `；${what === "landmark" ? "ランドマーク" : "猶予期間"}${n}${unit(u)}（既定値）`);

export const immortalTextsJa: Readonly<Record<ImmortalTextId, EngineTemplate>> = {
  ccwBeyondData: ({ g }) =>
    `${atJa(g.at, g.t, g.unit)}${g.stat === "RMST difference" ? "RMSTの差" : "生存率の差"}は示さない（推定不能）：データの範囲外で、図が曲線を打ち切る時点である（次の死亡時のリスク集合は2つの戦略で${g.k1}例と${g.k2}例、${g.min}例未満；追跡中は${g.f1}例と${g.f2}例）。results.jsonには数値をbeyondDataの印付きで残す`,
  ccwBootstrapOffCentre: ({ g }) =>
    `${atJa(g.at, g.t, g.unit)}${STAT[g.stat] ?? g.stat}のブートストラップ分布は推定値を中心としていない（反復の平均${g.mean}、推定値${g.est}：バイアス${g.bias}はブートストラップSE ${g.se}${g.stat === "survival difference" ? "ポイント" : g.stat === "RMST difference" ? unit(g.unit) : ""}の4分の1を超える）。パーセンタイル信頼区間は信頼できない（依拠しないこと）`,
  primaryDefaults: ({ g, t }) =>
    `主解析${g.how?.startsWith("chosen") ? "はsurvinferの既定の規則で選択（計画書で未指定）" : "（計画書で指定）"}：${t(g.label ?? "")}${defaultsJa(g.defaults)} — survinferによる既定値であり研究の選択ではない：結果を見る前にanalyses.primary${g.settings ? "と（既定値）と記した設定" : ""}を計画書で指定すること`,
};
