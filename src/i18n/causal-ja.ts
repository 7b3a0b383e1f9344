/**
 * Japanese texts of one part of the report: Propensity-score analyses, treatment effects and sensitivity to unmeasured confounding (the propensity section, src/report/sections-effects.ts, sections-sensitivity.ts).
 * English reference: src/i18n/causal-en.ts.
 */
import type { CausalMessages, CausalTextId } from "./causal-en.js";
import type { EngineTemplate } from "./warnings.js";

const bias = (b: string): string => (b === "immortal time" ? "イモータルタイム" : b);

export const causalJa: CausalMessages = {
  eValueNotGiven: (b) => `デザインによるバイアスがある行（${bias(b)}）には E 値を示さない：E 値は未測定の交絡がどれほど強ければよいかを測るもので、比較そのものに組み込まれたバイアスについては何も示さない。`,
  flagsFootnote: (fewEvents, balanceWorsened) =>
    `フラグ：${[
      ...(fewEvents ? ["精度が低い：イベント数が analyses.safeguards.minEvents 未満。マッチドセットで層別化した Cox モデルでは、リスク集合に治療群と対照群の患者がともに残っているマッチドセットのイベントのみを数える（その尤度が用いるのはこれらのイベントのみであるため）"] : []),
      ...(balanceWorsened ? ["バランスの悪化：調整後の標本は調整前よりバランスが悪く（バランスの判定を参照）、その推定値は交絡調整済みではない"] : []),
    ].join("。")}。フラグ付きの行は透明性のために残すが、既定の規則で主解析に選ばれることはない。`,
  estimateFlag: (flags) => `この推定値のフラグ：${flags}。`,
  rosenbaumFlag: (flag) => `フラグ：${flag}。`,
};

/** Japanese templates of the engine texts of this part (CAUSAL_PATTERNS). */
export const causalTextsJa: Readonly<Record<CausalTextId, EngineTemplate>> = {
  notEstimatedRowCode: ({ g, s, t }) => `治療効果、${s(g.model)}：${t(g.rest)} [${g.code}]`,
  fewEventsFlag: ({ g }) => `イベント${g.k}件のみ${g.inf ? "（情報を持つマッチドセット内）" : ""}：精度が低い`,
  balanceWorsenedFlag: ({ g }) => `${g.what === "matching" ? "マッチング" : "重み付け"}でバランスが悪化：交絡調整済みではない`,
  fewEventsWarning: ({ g, t }) =>
    `${t(g.flag)}${g.e ? `（${g.e}件のイベントのうち、層別尤度に寄与するのは、リスク集合に治療群と対照群の患者がともに残っているマッチドセットのイベントのみ）` : ""}：イベント数が${g.min}件未満（analyses.safeguards.minEvents）のため、ハザード比とその信頼区間は不安定であり、既定の規則で主解析に選ばれることはない`,
  balanceWorsenedWarning: ({ g }) =>
    `${g.what === "matching" ? "マッチング" : "重み付け"}により共変量バランスが悪化した（|SMD| ≥ ${g.th} の項：${g.after}、調整前${g.before}；最大 |SMD| ${g.max}、${g.term}、調整前${g.max0}）：${g.sample === "matched" ? "マッチング" : "重み付け"}後の推定値は交絡調整済みとは解釈できない。フラグを付けて感度分析としてのみ残す`,
  rosenbaumBiased: ({ g }) => `マッチドペアは起点から治療歴の有無で患者を比較しており、デザインによるバイアスがある（${bias(g.bias)}）：隠れたバイアスの限界は、比較そのものに組み込まれたバイアスについては何も示さない`,
  rosenbaumWorsened: ({ g }) => `マッチングにより共変量バランスが悪化した（最大 |SMD| ${g.max}、調整前${g.max0}）：ペアは交絡調整済みではなく、これらの限界はペアに残った測定済み交絡に加わる隠れたバイアスに関するものである`,
};
