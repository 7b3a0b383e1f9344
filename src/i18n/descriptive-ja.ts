/**
 * Japanese texts of one part of the report: Patient flow, Table 1, survival, prognostic factors (Cox) and summary.txt (src/report/render.ts, table1.ts, tables.ts, flow.ts, src/cli/commands/run.ts).
 * English reference: src/i18n/descriptive-en.ts.
 */
import type { DescriptiveMessages, DescriptiveTextId } from "./descriptive-en.js";
import type { EngineTemplate } from "./warnings.js";

const UNITS: Readonly<Record<string, string>> = { days: "日", weeks: "週", months: "か月", years: "年" };

export const descriptiveJa: DescriptiveMessages = {
  miNoImputedValue: (rows) =>
    `${rows}には補完値が含まれません。推定値はすべての補完データで同一です（補完間分散 B = 0）が、Barnard–Rubin の自由度 ν（完全データの自由度 = イベント数 − 1、mice と同じ）による Rubin のルールでは正規分位点ではなく自由度 ν の t 分位点を用いるため、信頼区間は完全データの信頼区間よりわずかに広くなり、欠測情報の割合は 0 ではなく 2/(ν + 3) となります（mice::pool の報告値と同じ）。`,
  miNoImputedRow: (label, dfcom, df, fmi) => `${label}（完全データの自由度 ${dfcom}、ν = ${df}、FMI ${fmi}）`,
  coxReference: "1（基準）",
  coxSparse: (mark, minN, minEvents, levels) =>
    `${mark} 症例数の少ないカテゴリー（モデル内で ${minN} 例未満またはイベント ${minEvents} 件未満）：${levels}。このカテゴリーのハザード比、および基準カテゴリーである場合はそれに対するすべてのハザード比が不安定です（信頼区間が広く、偶然により 1 から大きく離れうる）。データ上で隣接するカテゴリーと統合するか、症例数の多いカテゴリーを基準に選んでください（共変量の \`reference\`、docs/spec.md）。`,
  coxSparseLevel: (label, n, events) => `${label}：${n} 例、イベント ${events} 件`,
  timeSince: (unit, origin) => `${origin} からの期間${unit === "" ? "" : `（${UNITS[unit] ?? unit}）`}`,
};

/** Japanese templates of the engine texts of this part (DESCRIPTIVE_PATTERNS). */
export const descriptiveTextsJa: Readonly<Record<DescriptiveTextId, EngineTemplate>> = {};
