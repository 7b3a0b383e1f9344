/**
 * Japanese texts of one part of the report: Propensity-score analyses, treatment effects and sensitivity to unmeasured confounding (the propensity section, src/report/sections-effects.ts, sections-sensitivity.ts).
 * English reference: src/i18n/causal-en.ts.
 */
import type { CausalMessages, CausalTextId } from "./causal-en.js";
import type { EngineTemplate } from "./warnings.js";

const bias = (b: string): string => (b === "immortal time" ? "イモータルタイム" : b);

/** The lead of a balance verdict ("Before adjustment" …, src/causal/balance-verdict.ts). */
const leadJa = (lead: string): string => ({ "Before adjustment": "調整前", "After matching": "マッチング後", "After weighting": "重み付け後" })[lead] ?? lead;
/** The imbalanced terms of a verdict: the labels are data, only the statistics' names are words. */
const termsJa = (list: string): string => list.replace(/, variance ratio /g, "、分散比 ").replace(/, KS /g, "、KS ").replace(/ \(SMD ([^)]*)\)/g, "（SMD $1）").replace(/; /g, "；");

export const causalJa: CausalMessages = {
  eValueNotGiven: (b) => `デザインによるバイアスがある行（${bias(b)}）には E 値を示さない：E 値は未測定の交絡がどれほど強ければよいかを測るもので、比較そのものに組み込まれたバイアスについては何も示さない。`,
  flagsFootnote: (fewEvents, balanceWorsened, residual = false) =>
    `フラグ：${[
      ...(fewEvents ? ["精度が低い：イベント数が analyses.safeguards.minEvents 未満。マッチドセットで層別化した Cox モデルでは、リスク集合に治療群と対照群の患者がともに残っているマッチドセットのイベントのみを数える（その尤度が用いるのはこれらのイベントのみであるため）"] : []),
      ...(balanceWorsened ? ["バランスの悪化：調整後の標本は調整前よりバランスが悪く（バランスの判定を参照）、その推定値は交絡調整済みではない"] : []),
      ...(residual ? ["残存する不均衡：マッチングまたは重み付けの後もバランスの閾値を超える共変量項が残っており（下記）、その標本での治療のみの推定値は部分的にこれらの差に基づく（共変量で調整した行はこれらの差をモデルに含む）"] : []),
    ].join("。")}。フラグ付きの行は透明性のために残すが、既定の規則で主解析に選ばれることはない。`,
  residualFootnote: (verdict) => `残存する不均衡：${verdict}`,
  estimateFlag: (flags) => `この推定値のフラグ：${flags}。`,
  rosenbaumFlag: (flag) => `フラグ：${flag}。`,
  // ---- the "Propensity-score analyses" section
  psPopulation: (n, t, c) => `傾向スコアの共変量が完全な患者、n = ${n}：治療あり${t}例、治療なし${c}例`,
  psBiasSuffix: (b) => (b.includes("immortal time") ? "、デザインによるバイアスあり（イモータルタイム）" : b),
  designName: (d) => ({ "atc-matching": "ATC マッチング", "full-matching": "フルマッチング", weighting: "重み付け" } as Readonly<Record<string, string>>)[d] ?? d,
  designKeeps: (name, estimand, t, c) => `${name}（${estimand.replace(" or ", "または")}）は治療例${t}例と対照${c}例を保持`,
  designBefore: (nC, nT, ratio, max, keeps) =>
    `マッチング前のデザイン：治療例${nT}例に対し対照${nC}例。非復元の${ratio}:1 マッチングでは治療例${nT}例のうち最大${max}例しかマッチできない。適合するデザイン：${keeps}。`,
  psHistogramsNotDrawn: "傾向スコアのヒストグラムは描画していない：結果に各患者の治療が含まれていない。",
  iptwLabel: (estimand) => `IPTW（${estimand}）`,
  matchedLogrank: (p, n) => `マッチング後ログランク検定 ${p}（n = ${n}）`,
  hrMatchedCox: (hr) => `HR ${hr}：傾向スコアマッチング Cox`,
  hrIptwCox: (hr) => `HR ${hr}：IPTW Cox`,
  hrDetail: (estimand, hrType, variance, n) => `（${estimand}、${hrType === "marginal" ? "周辺" : hrType === "conditional" ? "条件付き" : hrType} HR；${variance}；n = ${n}）`,
  figureVariance: (v) =>
    ({ "robust SE clustered on matched set": "マッチドセットでクラスター化したロバスト SE", "model-based SE, stratified on matched set": "モデルベース SE、マッチドセットで層別化", "M-estimation SE": "M 推定による SE", "robust SE": "ロバスト SE", "model-based SE": "モデルベース SE" } as Readonly<Record<string, string>>)[v] ?? v,
  noHrOtherN: (model, nCox, nCurves) => `図にハザード比は示さない：${model === "matched" ? "マッチング後" : "IPTW"}の Cox モデルは n = ${nCox} であり、曲線の${nCurves}例と異なる。`,
  noHrMatched: "ハザード比なし：マッチング標本の Cox モデルが結果に含まれていない。",
  kmMatchedTitle: (ep, b) => `${ep}、傾向スコアマッチング標本${b}`,
  kmMatchedCaption: (n, groups) => `マッチング標本における カプラン・マイヤー 推定値（マッチング重み）。対象集団：マッチした患者、n = ${n}（${groups}）。`,
  survivalMatchedTitle: (ep, b) => `${ep}：生存率の推定値、傾向スコアマッチング標本${b}`,
  matchedPopulation: (n) => `マッチした患者、n = ${n}`,
  trimmedPopulation: (nw, n) => `トリミング後に重み > 0 の患者、n = ${nw}（傾向スコアの共変量が完全な${n}例のうち）`,
  kmWeightedCaption: (estimand, trimmed, n, groups, adjusted = true) =>
    `${adjusted ? "重み付き（調整）" : "重み付き"}カプラン・マイヤー 推定値、${estimand} の重み。リスク集合の人数は患者数（重み付けなし）。対象集団：傾向スコアのある患者${trimmed ? "で重み > 0（トリミング後）の者" : ""}、n = ${n}（${groups}）。`,
  survivalWeightedTitle: (ep, estimand, b) => `${ep}：生存率の推定値、IPTW（${estimand}）${b}`,
  weightedPopulation: (pop) => `重み付け：${pop}`,
  curvesFlag: (flag) => `この曲線の注意：${flag}。`,
  kmNaiveSame: (hr, n, immortalSection, crudeN, effectsSection) =>
    `同じ${n}例でのCoxハザード比 ${hr} は「${immortalSection}」の表のナイーブな行にある（デザインによるバイアスあり）。「${effectsSection}」の粗Coxハザード比は${crudeN}例（治療効果解析の対象集団）で計算されている。`,
  aliased: "エイリアス",
  psModelFootnote: (firth, formula, n, t, c) =>
    `ロジスティック回帰${firth ? "（Firth の罰則付き尤度）" : "（R: glm(family = binomial)）"}：${formula}；n = ${n}（治療あり${t}例、治療なし${c}例）。`,
  unmatchedReason: (reason) =>
    ({ "no-control-within-caliper": "キャリパー内に対照なし", "controls-exhausted": "到達範囲内の対照はマッチ済み", "no-control-in-exact-stratum": "完全一致マッチングの層に対照なし" })[reason] ?? reason,
  estimandFullPartial: (estimand, tm, t, cm, c) => `サブクラスに割り当てられた患者における${estimand}（治療例${t}例中${tm}例、対照${c}例中${cm}例）`,
  estimandFullAll: (estimand) => `${estimand}（全患者がいずれかのサブクラスに属する）`,
  estimandAtm: (tm, t) => `マッチした治療例における効果（ATM：治療例${t}例中${tm}例を保持）であり、ATT ではない`,
  estimandAtt: "ATT（全治療例がマッチ）",
  methodFull: (estimand, maxControls) => `最適フルマッチング（サブクラスから求めた${estimand}の重み${maxControls !== null ? `、治療例 1 例あたり対照は最大${maxControls}例` : ""}）`,
  methodPair: (nearest, ratio, replace, order) => `${nearest ? "最近傍" : "最適"} 1:${ratio} マッチング、${replace ? "復元" : "非復元"}${nearest ? `、順序：${order}` : ""}`,
  exactOn: (columns) => `；${columns}で完全一致`,
  distanceLogit: "傾向スコアのロジット",
  distancePs: "傾向スコア",
  caliperNone: "なし",
  caliperSd: (sd, width) => ` 距離の SD（SD ${sd}；幅 ${width}）`,
  matchingFootnote: (call, estimand) => `${call} と同等。マッチング標本が推定するのは${estimand}。`,
  smdFootnote: (formula) => `SMD、標準化平均差：${formula}。`,
  sameDenominators: (n, t, c) => `すべての列で同じ分母を用いる（傾向スコアの共変量が完全な${n}例：治療あり${t}例、治療なし${c}例）。`,
  vrKsFootnote: "VR、分散比 治療群/対照群（連続項のみ）；KS、Kolmogorov-Smirnov 統計量（重み付き経験分布関数；二値項では |p₁ − p₀|）。",
  imbalancedFootnote: (rule) => `不均衡なサンプル：その項がバランスの閾値を外れる標本（${rule}）。`,
  loveDashedVr: (low, high) => `VR = ${low} と ${high}`,
  loveCaption: (n, dashed, formula) =>
    `絶対標準化平均差（左）、分散比（中央、対数目盛；連続項のみ）、Kolmogorov-Smirnov 統計量（右）。調整前（白丸；傾向スコアの共変量が完全な${n}例）と調整後；破線は ${dashed}。SMD：${formula}。`,
  weightingEstimand: (estimand, description, weights, trimming, truncation) => `推定対象：${estimand}（${description}）。重み ${weights}${trimming}${truncation}。`,
  weightingBiased: (estimand, target, weights, trimming, truncation) =>
    `重み：${estimand}重み（対象：${target}）。ここでの重み付き比較は起点から一度でも受けた治療による比較であり、デザインによるバイアスがある（イモータルタイム）ため、${estimand}を推定していない。重み ${weights}${trimming}${truncation}。`,
  weightsTarget: (estimand) =>
    ({ ATE: "研究対象集団全体", ATT: "治療を受けた患者", ATC: "治療を受けなかった患者", ATO: "重なりのある集団（どちらの治療も受け得た患者）" } as Readonly<Record<string, string>>)[estimand] ?? `${estimand}重みの対象集団`,
  trimmedTo: (lower, upper) => `；傾向スコアを [${lower}, ${upper}] にトリミング`,
  truncatedAt: (pct, k) => `；重みを${pct}パーセンタイルで切り詰め（${k}例）`,
  essFootnote: (overall) => `ESS、Kish の有効標本サイズ (Σw)²/Σw²（全体 ${overall}）。`,
  largestWeights: (items) => `最大の重み：${items}。`,
  largestWeight: (id, group, weight, share) => `患者 ${id}（${group}）${weight}、合計の${share}%`,
  extremeWeights: (ratio, items) => `極端な重み（群平均の ${ratio} 倍超）：${items}。`,
  extremeWeight: (id, weight) => `患者 ${id}（${weight}）`,
  weightGroup: (group) => (group === "treated" ? "治療あり" : group === "control" ? "対照" : group),
  psOverlapSvgTitle: "傾向スコアの分布",
  psLegendAbove: (label) => `${label}（上）`,
  psLegendBelow: (label) => `${label}（下）`,
  psOverlapDescription: (t, c, bins, lo, hi, samples) =>
    `傾向スコアの鏡像ヒストグラム（${t}は上、${c}は下）、${lo}から${hi}までの共通の${bins}区間、対象：${samples}。`,
  loveDescription: (stats, nv, adjusted, smd) =>
    `${nv}個の共変量項の${stats.split(",").map((x) => ({ smd: "標準化平均差", varianceRatio: "分散比", ks: "Kolmogorov-Smirnov 統計量" } as Readonly<Record<string, string>>)[x] ?? x).join("、")}（調整前${adjusted !== null ? `、および${adjusted}後` : ""}）${smd !== null ? `；SMD の閾値 ${smd}` : ""}。`,
  weightSeparator: "；",
};

/** Japanese templates of the engine texts of this part (CAUSAL_PATTERNS). */
export const causalTextsJa: Readonly<Record<CausalTextId, EngineTemplate>> = {
  notEstimatedRowCode: ({ g, s, t }) => `治療効果、${s(g.model)}：${t(g.rest)} [${g.code}]`,
  fewEventsFlag: ({ g }) => `イベント${g.k}件のみ${g.inf ? "（情報を持つマッチドセット内）" : ""}：精度が低い`,
  balanceWorsenedFlag: ({ g }) => `${g.what === "matching" ? "マッチング" : "重み付け"}でバランスが悪化：交絡調整済みではない`,
  residualImbalanceFlag: ({ g }) => `${g.what === "matching" ? "マッチング" : "重み付け"}後の残存する不均衡：共変量項${g.m}個中${g.k}個が不均衡`,
  residualImbalanceWarning: ({ g, t }) =>
    `${t(g.flag)}：${g.sample === "matched" ? "マッチング" : "重み付け"}後の推定値は、残った共変量の差に部分的に基づく（${g.where === "the landmark balance table" ? "ランドマークのバランス表の下に記載" : "治療効果の表の脚注に記載"}）。既定の規則で主解析に選ばれることはない`,
  fewEventsWarning: ({ g, t }) =>
    `${t(g.flag)}${g.e ? `（${g.e}件のイベントのうち、層別尤度に寄与するのは、リスク集合に治療群と対照群の患者がともに残っているマッチドセットのイベントのみ）` : ""}：イベント数が${g.min}件未満（analyses.safeguards.minEvents）のため、ハザード比とその信頼区間は不安定であり、既定の規則で主解析に選ばれることはない`,
  balanceWorsenedWarning: ({ g }) =>
    `${g.what === "matching" ? "マッチング" : "重み付け"}により共変量バランスが悪化した（|SMD| ≥ ${g.th} の項：${g.after}、調整前${g.before}；最大 |SMD| ${g.max}、${g.term}、調整前${g.max0}）：${g.sample === "matched" ? "マッチング" : "重み付け"}後の推定値は交絡調整済みとは解釈できない。フラグを付けて感度解析としてのみ残す`,
  rosenbaumBiased: ({ g }) => `マッチドペアは起点から治療歴の有無で患者を比較しており、デザインによるバイアスがある（${bias(g.bias)}）：隠れたバイアスの限界は、比較そのものに組み込まれたバイアスについては何も示さない`,
  rosenbaumWorsened: ({ g }) => `マッチングにより共変量バランスが悪化した（最大 |SMD| ${g.max}、調整前${g.max0}）：ペアは交絡調整済みではなく、これらの限界はペアに残った測定済み交絡に加わる隠れたバイアスに関するものである`,
  balanceRuleFailing: ({ g }) =>
    [`|SMD| ≥ ${g.smd}`, g.lo !== undefined ? `分散比が${g.lo}–${g.hi}の範囲外` : null, g.ks !== undefined ? `KS ≥ ${g.ks}` : null].filter((x): x is string => x !== null).join("または"),
  verdictNone: ({ g }) => `${leadJa(g.lead)}${g.n ? `（n = ${g.n}）` : ""}、比較できる共変量はなかった。`,
  verdictBalanced: ({ g, t }) => `${leadJa(g.lead)}${g.n ? `（n = ${g.n}）` : ""}、${g.m}個の共変量項はすべてバランスがとれている（${t(g.rule)}）。`,
  verdictImbalanced: ({ g, t }) =>
    `${leadJa(g.lead)}${g.n ? `（n = ${g.n}）` : ""}、${g.m}個の共変量項のうち${g.k}個が不均衡${g.lead === "Before adjustment" ? "である" : "のまま"}（${t(g.rule)}${g.ks !== undefined ? `；うち |SMD| ≥ ${g.kth} は${g.ks}個` : ""}）：${termsJa(g.list)}。${g.worse ? t(g.worse) : ""}`,
  balanceWorse: ({ g }) =>
    `${g.what === "Matching" ? "マッチング" : "重み付け"}により共変量バランスが調整なしより悪化した：${g.a !== undefined ? `|SMD| ≥ ${g.th} の項は以前と同数（${g.m}個中${g.a}個）` : `|SMD| ≥ ${g.th2} の項は${g.m2}個中${g.a2}個（以前は${g.b2}個）`}、最大 |SMD| ${g.max}（${g.term}）、調整前${g.max0}。${g.sample === "matched" ? "マッチング" : "重み付け"}後の推定値は交絡調整済みとは解釈できない。`,
};
