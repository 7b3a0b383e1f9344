/**
 * Japanese texts of one part of the report: Long-term survival and cure, the prediction model, recurrent events and competing risks (src/report/sections-long-term.ts, tables-long-term.ts, sections-prediction-use.ts, the competing-risks section).
 * English reference: src/i18n/long-term-en.ts. Terms as in Japanese clinical journals: 累積発生率, 競合リスク,
 * 原因別ハザード比, 部分分布ハザード比（Fine-Grayモデル）.
 */
import type { LongTermMessages, LongTermTextId } from "./long-term-en.js";
import type { EngineTemplate } from "./warnings.js";

export const longTermJa: LongTermMessages = {
  crPopulation: (n, endpoint, all) => `${endpoint}のデータがある${all ? "全" : ""}${n}例${all ? "" : "（本解析のデータが揃った症例）"}、n = ${n}`,
  crModelsPopulation: (n, endpoint, all) => `${endpoint}のデータがある${all ? "全" : ""}${n}例${all ? "" : "（共変量が揃った症例）"}、n = ${n}`,
  crTableTitle: (by) => `競合する死因の累積発生率${by === null ? "" : `（${by}別）`}`,
  crCause: "死因",
  crGroup: "群",
  crEvents: "イベント数",
  crAtTime: (t, unit) => `${t}${unit}、%（SE）`,
  crAtLast: "最終追跡時、%（SE）",
  crGrayP: "p（Gray検定）",
  crFootAalen: (endpoint, column) => `${endpoint}の各死因の累積発生率のAalen-Johansen推定値（死因は列${column}）とGrayの標準誤差（cmprsk::cumincと同じ）。イベントのない症例は打ち切りとした。`,
  crFootGray: (by, rho) => `p：${by === null ? "群間" : `${by}間`}で累積発生率が等しいかを検定するGray検定（rho = ${rho}）。`,
  crFewCause: (cause, events) => `${cause}（${events}イベント）`,
  crFootFew: (min, causes) => `‡ イベント数が${min}未満の死因：${causes}。Gray検定はχ²近似に基づくため、これほど少ないイベント数では成り立たず、このp値は差の根拠とならない。`,
  crGrayAnnotation: (cause, n, p) => `Gray検定、${cause}（n = ${n}）：${p}`,
  crTooFew: (events) => `${events}イベント：少なすぎて信頼できない`,
  crPlotTitle: (endpoint) => `${endpoint}：累積発生率`,
  crFigureTitle: (endpoint, bias) => `${endpoint}：死因別の累積発生率${bias}。`,
  crFigureCaption: (by, population, groups) => `各死因のAalen-Johansen累積発生率${by === null ? "" : `（${by}別）`}。他の死因は競合イベントとした。対象：${population}${groups === null ? "" : `（${groups}）`}。`,
  crRiskNote: "リスク集合の症例数：いずれのイベントもなく追跡中の症例。",
  crCutNote: (min) => `リスク集合が${min}例未満となった時点で曲線を打ち切った。`,
  crBandNote: "網掛け：各時点の95%信頼帯（Grayの分散、log(−log)変換）。",
  cifYLabel: "累積発生率",
  cifRiskTitle: "リスク集合の症例数",
  cifTitle: "累積発生率曲線",
  cmTitle: "競合する死因：回帰モデル",
  cmCauseCovariate: "死因／共変量",
  cmCauseSpecific: "原因別ハザード比（95%信頼区間）",
  cmSubdistribution: "部分分布ハザード比（95%信頼区間）",
  cmFootModels:
    "原因別ハザード比：他の死因を打ち切りとした当該死因のイベントのCox回帰（イベントのない症例における当該死因の発生率への効果；survival::coxph）。部分分布ハザード比：Fine-Grayモデル（当該死因の累積発生率への効果；cmprsk::crr、ロバスト標準誤差）。",
  cmFootRefused: (floor) => `推定せず：モデルのパラメータ当たりのイベント数が${floor}未満の死因はモデル化しない（analyses.safeguards.epvFloor）。`,
};

/** Japanese templates of the engine texts of this part (LONG_TERM_PATTERNS). */
export const longTermTextsJa: Readonly<Record<LongTermTextId, EngineTemplate>> = {};
