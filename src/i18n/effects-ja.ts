/**
 * Japanese texts of one part of the report: Treatment effects and sensitivity to unmeasured confounding (src/report/sections-effects.ts, sections-sensitivity.ts, the effect tables of tables.ts).
 * English reference: src/i18n/effects-en.ts. Terms as in ja.ts and methods-ja.ts: ハザード比, 信頼区間, 推定対象, E値,
 * 未測定交絡, 感度分析, 主解析.
 */
import type { EffectsMessages, EffectsTextId } from "./effects-en.js";
import type { EngineTemplate } from "./warnings.js";

const UNITS: Readonly<Record<string, string>> = { days: "日", weeks: "週", months: "か月", years: "年" };
/** The design bias as Japanese journals name it. */
const biasJa = (b: string): string => (b === "immortal time" ? "イモータルタイム" : b);
/** A label the engine text lower-cased ("other causes") as the data wrote it: a capital first letter. */
const capital = (s: string | undefined): string => (s === undefined || s === "" ? "" : s[0].toUpperCase() + s.slice(1));
const unit = (u: string): string => UNITS[u] ?? u;

const PART_NAMES: Readonly<Record<string, string>> = { eValue: "E値", rosenbaum: "Rosenbaum境界", biasAnalysis: "バイアス分析", negativeControl: "陰性対照アウトカム", sampleSize: "予測モデルのサンプルサイズ" };
/** A part of the sensitivity analyses by its name ("rosenbaum" → its name). */
const effectsJaPartName = (part: string): string => PART_NAMES[part] ?? part;

export const effectsJa: EffectsMessages = {
  howDeclared: "研究仕様で事前に宣言",
  howDefault: "既定の規則による",
  ciLevel: (pct) => `${pct}%信頼区間`,
  notEstimable: "推定不能",
  hrP: (hrCi, pEq) => `HR ${hrCi}、p ${pEq}`,
  biasedSentence: (bias) => `この解析はデザインによるバイアス（${biasJa(bias)}）を含む。このバイアスを回避する解析と併せて解釈すること。`,
  primaryMi: (how, label, estimand, n, events, est, bias, ccN) =>
    `主解析（${how}。欠測共変量は多重代入、missing.primary: mi）：${label}。推定対象：${estimand}。患者${n}例、イベント${events}件。${est}。${bias}完全ケースでの同じ解析${ccN === null ? "" : `（患者${ccN}例）`}および以下の他の解析は感度解析である（各解析の統合推定値は「欠測データ」の節）。`,
  primaryHere: (how, label, estimand, n, events, est, bias) => `主解析（${how}）：${label}。推定対象：${estimand}。患者${n}例、イベント${events}件。${est}。${bias}その他の解析は感度解析である。`,
  iptwRow: (estimand, flag) => `IPTW（${estimand}）${flag}`,
  atmKept: (kept, treated) => `ATM：治療群${treated}例中${kept}例を保持`,
  keptOf: (kept, treated) => `治療群${treated}例中${kept}例を保持`,
  matchedRow: (pop, flag) => `傾向スコアマッチング（${pop}）${flag}`,
  randomOrder: (hrUsed, largest, hrRandom, seed, matched) =>
    `貪欲マッチングの順序：マッチング後のHRは、傾向スコアの${largest ? "大きい" : "小さい"}順のマッチングで${hrUsed}、シード付きランダム順序で${hrRandom}（シード${seed}、治療群${matched}例がマッチ）。傾向スコアの${largest ? "大きい" : "小さい"}順の貪欲マッチングはペア内の不均衡を残し、シミュレーションではマッチング後のHRにバイアスを生じたが、ランダム順序では生じなかった。両者が異なる場合は、ランダム順序（既定）またはフルマッチングを優先すること。`,
  miFootnote: (analysis) =>
    `${analysis}：欠測共変量を連鎖方程式により代入し、各補完データセットで解析を行い、対数ハザード比をRubinのルールとBarnard–Rubinの自由度で統合した（within法、Leyrat 2019）。E値は統合推定値のもの。`,
  rowFootnote: (label, method, variance, estimand) => `${label}：${method}。${variance}${estimand ? `。推定対象：${estimand}` : ""}。`,
  forestCaption: (where, bias) =>
    `解析ごとの治療のハザード比（対数目盛）。${where}${bias === null ? "" : `。すべての行は起点から一度でも受けた治療で患者を比較しており、デザインによるバイアス（${biasJa(bias)}）を含む`}。`,
  forestPrimaryHere: (label, mi) => `主解析（${label}）を最初に示す${mi ? "。続いて完全ケース解析を感度解析として示す" : ""}`,
  forestPrimaryElsewhere: (label, missing) => `主解析（${label}）は「${missing ? "欠測データ" : "イモータルタイム"}」の節にあり、ここにはない。すべての行は感度解析である`,
  forestNoPrimary: "主解析なし（本文参照）",
  forestN: (n, events) => (events === null ? `n = ${n}` : `n = ${n}、イベント${events}件`),
  biasedLabel: (analysis, bias) => `${analysis}：デザインによるバイアスあり（${biasJa(bias)}）`,
  estimandHeader: "推定対象",
  weightsScheme: (estimand) => `${estimand}重み`,
  matchedScheme: "マッチング後の標本",
  notCausalHere: (cell, bias) => `${cell}；ここでは因果効果ではない（${biasJa(bias)}）`,
  matchedLogrank: (pop, n, events, pEq, flags, bias) =>
    `PSマッチング後の標本におけるログランク検定（層別なし）（${pop}；n = ${n}、イベント${events}件）：p ${pEq}${flags === "" ? "" : `；${flags}`}${bias === "" ? "" : `；デザインによるバイアスあり（${biasJa(bias)}）`}。`,
  eValueColumnDropped: (why) => `${why}このため表にE値の列はない。`,
  bootNotEstimable: (failed, replicates) => `ブートストラップでは推定不能（${replicates === null ? "" : `${replicates}回中`}${failed}回の反復が失敗）`,
  bootFailed: (failed, replicates) => `ブートストラップ反復${replicates === null ? "" : `${replicates}回中`}${failed}回が失敗または発散`,
  bootFootnote: (mark, note) => `${mark} ${note}（非収束、|log HR| > 10、または空になった群）し、この区間から除外した。`,
  absTitle: "調整生存率と制限付き平均生存時間",
  treated: "治療群",
  untreated: "非治療群",
  differenceCi: (cl) => `差、治療群 − 非治療群（${cl}信頼区間）`,
  sampleRow: (label, n, primary) => `${label}、n = ${n}（${primary ? "主解析" : "感度解析"}）`,
  survivalAt: (t, u) => `${t}${unit(u)}生存率、%`,
  rmstUpTo: (tau, u) => `${tau}${unit(u)}までのRMST、${unit(u)}`,
  ciNotComputed: "信頼区間は未計算（ブートストラップを有効にすること）",
  ciNotEstimable: "ブートストラップでは信頼区間を推定不能",
  absFootnote: "調整生存率：重み付け（IPTW）またはマッチング後のサンプルにおける群ごとのカプラン・マイヤー推定値。RMSTはτまでの曲線下面積。生存率の差はパーセントポイント、RMSTの差は時間単位で示す。",
  absBootstrap: (cl, replicates) => `${cl}信頼区間：解析全体のブートストラップによるパーセンタイル区間（${replicates}回の反復、治療群内で患者を再抽出）。`,
  absNoBootstrap: "ブートストラップが指定されていないため、これらの差に信頼区間はない（計算するには analyses.propensity.bootstrap を設定すること）。",
  markedNote: (mark, note) => `${mark} ${note}。`,
  absBiased:
    "これらの対比は起点から数えて一度でも受けた治療で患者を比較しており、デザインによるバイアス（イモータルタイム）を含むため因果効果ではない。主解析は上記のとおり。このバイアスがなければ、調整生存曲線とRMSTの対比は、未測定交絡がないこと、正値性、および傾向スコアモデルの正しさのもとで因果効果を推定する（docs/methods.md、Estimands）。",
  absCausal:
    "調整生存曲線とRMSTのこれらの対比は、未測定交絡がないこと、正値性、および傾向スコアモデルの正しさのもとで、サンプルの母集団における因果効果を推定する。以下のハザード比はそのようには解釈しない（docs/methods.md、Estimands）。",
  gammaFound: (g) => `Γ = ${g}で結論が変わる`,
  gammaNotSignificant: (alpha) => `隠れたバイアスがなくても有意でない（Γ = 1でp ≥ ${alpha}）：説明すべき効果がない`,
  gammaBeyond: "Γ = 10,000まで結論は変わらない",
  gammaNoPair: "情報をもつペアがない",
  hrNameCcw: "主デザインのper-protocolハザード比（クローン・打ち切り・重み付け。副次的な数値：デザインの主要な対比は生存率の差であり、ここではそのE値は計算しない）",
  hrNamePrimary: "主解析のハザード比",
  eValueHarm: "治療の見かけ上の害：治療群でハザードが高い",
  eValueBenefit: "治療の見かけ上の益：治療群でハザードが低い",
  eValueHarmStrategy: "治療戦略の見かけ上の害：治療する戦略では治療しない戦略よりハザードが高い",
  eValueBenefitStrategy: "治療戦略の見かけ上の益：治療する戦略では治療しない戦略よりハザードが低い",
  eValueNull: "関連なし：ハザード比1",
  eValueTextCiOne: (e, name, hrCi, direction, flag) =>
    `E値：${name}（${hrCi}）の信頼区間はすでに1を含むため、区間のE値は1である：未測定の交絡がまったくなくても、データは治療効果なしと矛盾しない。点推定値（${direction}）を1へ動かすには、未測定の交絡因子が測定済み共変量を超えて、治療とアウトカムの両方とそれぞれ少なくともリスク比${e}で関連している必要がある（点推定値のE値）。これより弱い交絡では点推定値をそこまで動かせない。${flag}`,
  eValueTextCi: (e, ci, name, hrCi, direction, flag) =>
    `E値：${name}（${hrCi}、${direction}）を説明し尽くすには、未測定の交絡因子が測定済み共変量を超えて、治療とアウトカムの両方とそれぞれ少なくともリスク比${e}で関連している必要がある（点推定値のE値）。1に近い側の信頼限界を1へ動かすには、それぞれリスク比${ci}で足りる（区間のE値）。${flag}`,
  eValueTextNoCi: (e, name, hrCi, direction, flag) =>
    `E値：測定済み共変量を超えて治療とアウトカムの両方とそれぞれ少なくともリスク比${e}で関連する未測定の交絡因子があれば、${name}（${hrCi}、${direction}）は1へ動く。${flag}`,
  eValueLimitOne: "1（信頼区間が1を含む）",
  eValueTitle: (label) => `主解析の推定値のE値（${label}）`,
  eValueTitleCcw: (label) => `主デザインのper-protocolハザード比（副次的な数値。${label}）のE値`,
  hrOffCentre: "このハザード比のブートストラップ分布は推定値を中心としていない：ハザード比そのものがずれている可能性があり、そのE値も同様である",
  primaryPop: (n) => `主解析の患者、n = ${n}`,
  quantity: "項目",
  value: "値",
  hrCi95: "ハザード比（95%信頼区間）",
  cumRisk: (n) => `追跡終了時の累積リスク（1 − カプラン・マイヤー、患者${n}例）`,
  rrUsed: "使用したリスク比（95%信頼区間）",
  eValueEstimate: "E値、推定値",
  eValueLimit: "E値、1に近い側の信頼限界",
  eValueRefs: "VanderWeele & Ding 2017（doi:10.7326/M16-2607）。ハザード比の変換はVanderWeele 2020。",
  deathBy: (t, u) => `${t}${u}までの死亡`,
  rosenbaumText: (alpha, direction, conclusion) =>
    `Rosenbaum境界：Γは、未測定の共変量により、マッチしたペアの一方の患者が他方より何倍治療を受けやすくありうるかを表す。上側境界のp値はそのΓにおける最悪の場合である。対応のあるPrentice–Wilcoxon検定（片側、α = ${alpha}、「${direction}」）：${conclusion}。`,
  pairsPop: (pairs, n) => `傾向スコアでマッチした${pairs}ペア、n = ${n}`,
  rosenbaumTitle: "マッチしたペアにおける隠れたバイアスのRosenbaum境界",
  ppwUpper: "Prentice–Wilcoxon、上側p",
  ppwLower: "Prentice–Wilcoxon、下側p",
  pairOrderUpper: "ペア内の順序（符号検定）、上側p",
  statusUpper: "ある時点の状態、上側p",
  upperP: (what) => `${what}、上側p`,
  ppwFootnote: (informative, conclusion) =>
    `打ち切りのあるペアに対する対応のあるPrentice–Wilcoxon検定（O'Brien & Fleming 1987）、Rosenbaum（2002、§4.3–4.4）の境界。情報をもつペア${informative}組。${conclusion}。`,
  pairOrderFootnote: (treated, control, undetermined, conclusion) =>
    `ペア内の順序：治療群の患者が確実に長く生存したペア${treated}組、対照が長かったペア${control}組、判定不能（打ち切り）${undetermined}組。${conclusion}。`,
  statusFootnote: (by, onlyControl, onlyTreated, unknown, conclusion) =>
    `${by}：対照のみが死亡したペア${onlyControl}組、治療群の患者のみが死亡したペア${onlyTreated}組、一方がそれ以前に打ち切られたペア${unknown}組。${conclusion}。`,
  biasText: (name, ciHasNull) =>
    `${name}のバイアス分析：治療群での有病率p1、非治療群での有病率p0をもち、ハザードをγ倍にする未測定の二値交絡因子は、ハザード比を係数B = (1 + (γ − 1)·p1)/(1 + (γ − 1)·p0)だけ変える（VanderWeele & Arah 2011）。${ciHasNull ? "その信頼区間はすでに1を含むため、点推定値が1に達する有病率のみを示す。" : "表と図は、調整ハザード比、または1に近い側の信頼限界が1に達する有病率を示す。"}`,
  biasTitle: (hrCi) => `バイアス分析：ハザード比${hrCi}の転換点`,
  biasGamma: "交絡因子–アウトカムのHR γ",
  biasP0: "非治療群での有病率p0",
  biasP1Hr: "調整HR = 1となるp1",
  biasP1Ci: "信頼区間が1に達するp1",
  biasNone: "格子上のどの交絡因子もハザード比を1へ動かさない。",
  biasGrid: (skipped) =>
    `格子の各γとp0に対する治療群での有病率（p1）${skipped === null ? "" : `。0%から100%のどのp1でもそうならないγとp0の組み合わせ${skipped}個は示していない`}。–：0%から100%のどのp1でもそうならない。`,
  biasFigureTitle: "バイアス分析：ハザード比を1へ動かす未測定交絡因子の有病率",
  biasCaption: (ciHasNull, pop) =>
    `調整ハザード比（実線）${ciHasNull ? "が1となる線（信頼限界が1となる破線は、区間が1を含まなくなる交絡を示す：ここでの区間はすでに1を含む）" : "または1に近い側の信頼限界（破線）が1となる線"}、交絡因子–アウトカムのHR γごと。灰色の対角線上では交絡因子は両群で同じ頻度であり、何も変えない。対象集団：${pop}。`,
  contourTitle: "バイアス分析：未測定の二値交絡因子",
  contourDescription: (hr, lower, upper) => `非治療群（x）と治療群（y）での交絡因子の有病率に対する調整ハザード比の転換線（観察されたHR ${hr}、${lower}–${upper}）。`,
  contourLegend: (gamma) => `交絡因子–アウトカムのHR γ = ${gamma}`,
  contourLines: "実線：調整後HR = 1、破線：信頼限界 = 1",
  contourX: "非治療群での有病率（p0）",
  contourY: "治療群での有病率（p1）",
  causeInText: (cause) => cause,
  ncPop: (n, events, cause) => `n = ${n}、${cause}による死亡${events}件`,
  ncText: (cause, interpretation) => `陰性対照アウトカム（${cause}）：${interpretation}`,
  ncTitle: (cause) => `陰性対照アウトカム：${cause}の原因別ハザード比`,
  ncHrCi: "HR（95%信頼区間）",
  ncDeaths: "死亡（患者数）",
  ncCloneEvents: "戦略別のクローンのイベント数",
  ncArmsFootnote: (strategies, inBoth, deaths) =>
    `戦略別のクローンのイベント数：${strategies}。猶予期間内（治療前）の死亡は両戦略で計上される（ここでは${inBoth}例）ため、クローンのイベント数の合計は死亡${deaths}例を上回ることがある。`,
  events: "イベント",
  ncFootnote: (method, same, primaryLabel, label) =>
    `原因別ハザード（他の原因による死亡は打ち切り）、${method}${same ? "：主解析と同じ解析" : primaryLabel !== null ? `：主デザイン（${primaryLabel}）には原因別の版がないため、治療効果の表の${label}を用いた` : ""}。`,
  ssPop: (n, events) => `モデルの共変量が揃った患者、n = ${n}、イベント${events}件`,
  ssEnough: (n, min) => `患者${n}例は最小値${min}例に達している。`,
  ssShort: (n, events, min, minEvents) => `患者${n}例（イベント${events}件）は最小値${min}例（約${minEvents}イベント）に届かない：モデルは過学習となり、見かけの性能は楽観的になると考えられる。`,
  ssText: (parameters, horizon, verdict) =>
    `予測モデルのサンプルサイズ（Riley et al. 2019, 2020）：パラメータ${parameters}個のモデルが、縮小をほとんど必要とせず、楽観性が小さく、${horizon}時点の全体リスクを精度よく推定できると見込まれる最小の患者数。${verdict}`,
  ssTitle: (model) => `最小サンプルサイズ：${model}`,
  ssCriterion: "基準",
  ssMinPatients: "最小患者数",
  ssExpectedEvents: "期待イベント数",
  ssEpp: "パラメータあたりのイベント数",
  ssShrinkage: "縮小係数",
  ssCritShrinkage: "1. 期待縮小係数 ≥ 目標値",
  ssCritOptimism: "2. Nagelkerke R²の楽観性 ≤ 0.05",
  ssCritRisk: "3. 全体リスクの精度（pmsampsizeと同様、1と2の大きい方で確認）",
  ssMinimum: "最小値（3つのうち最大）",
  ssR2: (adjusted, apparent, vh, max) => `予想Cox–Snell R² ${adjusted}：当てはめたモデルの${apparent}（1 − exp(−LR/n)）をvan Houwelingenの係数${vh}で縮小。取りうる最大のR² ${max}。`,
  ssRate: (rate, followUp, risk, lower, upper) => `イベント率：追跡1単位あたり${rate}、平均追跡期間${followUp}。予測時点での全体リスク${risk}（最小nでの95%信頼区間${lower}–${upper}）。`,
  ssPmsampsize: "pmsampsize（type \"s\"）と同じ計算。",
  partNames: PART_NAMES,
  notRun: "実行しなかった解析：",
  sumTitle: "未測定交絡に対する感度：",
  sumEValueOf: (label) => `主解析${label}`,
  sumEValueOfCcw: (label) => `主デザインのper-protocolハザード比（副次的な数値）、${label}`,
  sumEValue: (of, n, hrCi, flags, e, ci, rule) => `  ${of}のE値（n = ${n}）、HR ${hrCi}${flags === null ? "" : ` [${flags}]`}：信頼区間${ci}、点推定値${e}（点推定値を1へ動かすのに要する強さ）。${rule}`,
  sumRosenbaum: (pairs, n, direction, p, conclusion) => `  Rosenbaum境界（マッチしたペア${pairs}組、n = ${n}。対応のあるPrentice–Wilcoxon検定、片側「${direction}」）：Γ = 1でのp ${p}。${conclusion}`,
  sumCaveat: (caveat) => `    注意：${caveat}`,
  sumFlag: (flag) => `    フラグ：${flag}`,
  sumTip: (gamma, p1) => `γ = ${gamma}：${p1 === null ? "[0, 1]にp1なし" : `p1 = ${p1}`}`,
  sumBias: (n, tips) => `  バイアス分析（n = ${n}）、非治療群での有病率が0のときHRを1へ動かす治療群での有病率：${tips.replace(/; /g, "；")}`,
  sumNc: (cause, n, events, label, interpretation) => `  陰性対照、${cause}（n = ${n}、イベント${events}件。${label}）：${interpretation}`,
  sumRiley: (model, n, events, criteria, availableN, availableEvents, enough) =>
    `  Rileyの最小サンプルサイズ（${model}）：患者${n}例（イベント${events}件。各基準${criteria.replace(/, /g, "、")}）。利用可能${availableN}例（イベント${availableEvents}件）${enough ? "" : "：不足"}`,
  sumPart: (part) => effectsJaPartName(part),
  sumNotRun: (part, reason) => `  実行せず：${part}：${reason}`,
  sumRow: (label, kept, role, value, variance) => `  ${label}${kept}［${role}］：${value}；${variance}`,
  sumKept: (kept, treated) => `［治療群${treated}例中${kept}例を保持］`,
  sumRolePrimary: "主解析",
  sumRoleSensitivity: "感度解析",
  sumRoleCompleteCases: "；完全ケース",
  sumRoleBiased: (bias) => `；デザインによるバイアスあり（${biasJa(bias)}）`,
  sumBootstrap: (lower, upper) => `ブートストラップ ${lower}〜${upper}`,
  sumEffectsCaveat: (caveat) => `  注意：${caveat}`,
};

/** Japanese templates of the engine texts of this part (EFFECTS_PATTERNS). */
const hrJa = (hr: string | undefined): string => (hr === "marginal" ? "周辺HR" : "条件付きHR");
/** "nearest, 1:1, caliper 0.2 SD of the logit PS" word by word. */
const matchSpecJa = (s: string | undefined): string =>
  (s ?? "")
    .replace(/\bnearest\b/, "最近傍")
    .replace(/\bfull\b/, "フルマッチング")
    .replace(/ weights\b/, "重み")
    .replace(/, with replacement/, "、復元あり")
    .replace(/caliper ([−\d.,]+)( SD)? of the (logit PS|PS)/, (_m, c: string, sd: string | undefined, d: string) => `${d === "PS" ? "PS" : "PSのロジット"}の${c}${sd ?? ""}のキャリパー`)
    .replace(/, exact on /, "、完全一致：")
    .replace(/, /g, "、");
/** "ATE, stabilised, PS trimmed to [0.05, 0.95]" word by word. */
const weightsJa = (w: string | undefined): string =>
  (w ?? "").replace(/\bstabilised\b/, "安定化").replace(/PS trimmed to/, "PSを次に制限").replace(/truncated at the ([−\d.,]+)th percentile/, "$1パーセンタイルで切り詰め").replace(/, /g, "、");
const POP_JA: Readonly<Record<string, string>> = {
  "whole study": "研究集団全体（ATE重み）",
  treated: "治療群の集団（ATT重み）",
  untreated: "非治療群の集団（ATC重み）",
  overlap: "重なりの集団、すなわちいずれの治療も現実に受けうる患者（ATO重み）",
};
const popJa = (p: string | undefined): string => POP_JA[p ?? ""] ?? p ?? "";
const HOW_JA: Readonly<Record<string, string>> = {
  "marginal hazard ratio of treated versus matched untreated patients": "治療群とマッチした非治療群の患者を比べた周辺ハザード比",
  "hazard ratio conditional on matched set (pair-stratified Cox), which differs from the marginal HR because the HR is non-collapsible":
    "マッチドセットで条件付けたハザード比（ペアで層別したCox）。HRは非崩壊性のため周辺HRとは異なる",
  "hazard ratio conditional on the covariates in the matched sample, which differs from the marginal HR because the HR is non-collapsible":
    "マッチング後のサンプルで共変量に条件付けたハザード比。HRは非崩壊性のため周辺HRとは異なる",
};

export const effectsTextsJa: Readonly<Record<EffectsTextId, EngineTemplate>> = {
  estimandNone: () => "なし（未調整の関連）",
  estimandAllPatients: () => "条件付きHR（共変量で調整）",
  estimandMatched: ({ g }) => `${g.kept === undefined ? "ATT" : `ATM：治療群${g.total}例中${g.kept}例を保持`}、${hrJa(g.hr)}`,
  estimandWeighted: ({ g }) => `${g.est}${g.trim === undefined ? "" : "（PSで制限）"}、${hrJa(g.hr)}`,
  methodCrude: () => "治療のみのCoxモデル",
  methodMultivariable: () => "治療と共変量のCoxモデル",
  methodMatched: ({ g }) => `傾向スコアマッチング（${matchSpecJa(g.spec)}）後の${g.how === undefined ? "" : g.how.includes("stratified") ? "マッチドセットで層別した" : "共変量で調整した"}Coxモデル`,
  methodWeighted: ({ g }) => `逆確率治療重み付け（${weightsJa(g.w)}）後の${g.adj === undefined ? "" : "共変量で調整した"}重み付きCoxモデル`,
  varianceModel: () => "モデルベース（情報行列の逆行列）",
  varianceClustered: ({ g }) => `ロバスト、${g.on === "patient" ? "患者" : "マッチドセット"}でクラスター化${g.ref === undefined ? "" : g.ref.includes("Austin") ? "（Austin 2013）" : "（復元ありマッチング）"}`,
  varianceStratified: ({ g }) => `${g.how === "model-based" ? "モデルベース" : "ロバスト（非整数のマッチング重み）"}、マッチドセットで層別`,
  varianceSandwich: ({ g }) => `ロバストサンドイッチ、重み（${weightsJa(g.w)}）は既知として扱う`,
  varianceMEstimation: ({ g }) => `M推定：PSモデルとCoxモデルのスコア方程式を積み重ねる、重み${weightsJa(g.w)}（Shu et al. 2021）`,
  descCrude: () => "治療群と非治療群の患者を比べた未調整ハザード比：関連であり、治療を決めたあらゆる要因により交絡されている",
  descMultivariable: () => "共変量の値が同じ患者における治療の条件付きハザード比。集団平均の効果ではない（HRは非崩壊性）",
  descMatched: ({ g }) =>
    `${HOW_JA[g.how ?? ""] ?? g.how}。対象は${g.all !== undefined ? `治療群の集団（ATT：治療群${g.all}例すべてがマッチ）` : `マッチした治療群の集団（ATM：治療群${g.total}例中${g.kept}例を保持、${g.disc}例は許容できるマッチがなく除外）であり、マッチが見つかった治療群の患者を表し、治療群の患者全体ではない`}`,
  descWeightedAdjusted: ({ g }) => `${popJa(g.pop)}に重み付けした、共変量に条件付けたハザード比：条件付きHRであり、周辺HRの二重ロバスト推定値ではない`,
  descWeighted: ({ g }) => `${popJa(g.pop)}における治療群と非治療群の患者を比べた周辺ハザード比`,
  immortalCaveat: () => "治療は起点より後に行われたため、受けた治療によるこれらの比較はイモータルタイムを含む（患者は治療まで生存する必要があった）。時間依存解析とランドマーク解析を参照。",
  rareRule: ({ g }) => `アウトカムはまれ（追跡終了時の1 − KM = ${g.pct}% < 15%）：HRをリスク比として使用`,
  commonRule: ({ g }) => `アウトカムはまれでない（追跡終了時の1 − KM = ${g.pct}% ≥ 15%）：HRを(1 − 0.5^√HR)/(1 − 0.5^√(1/HR))でリスク比に変換`,
  ncNotEstimatedCounts: ({ g }) => `${g.pre ? "陰性対照：" : ""}${capital(g.cause)}との関連は推定できなかった：この原因による死亡${g.n}例、治療群（${g.tl}）${g.t}例、非治療群（${g.ul}）${g.u}例。`,
  ncNotEstimatedArms: ({ g }) =>
    `${g.pre ? "陰性対照：" : ""}${capital(g.cause)}との関連は推定できなかった：この原因による死亡${g.n}例、戦略「猶予期間内に治療」で${g.t}例、「猶予期間内に治療なし」で${g.u}例を計上（猶予期間終了前の死亡は両戦略で計上）。`,
  ncCcwMethod: () => "主解析と同じクローン・打ち切り・重み付け（同じクローン、打ち切りモデル、重み。クローンの重み付きCoxモデルによるper-protocolハザード比、患者でクラスター化したロバスト標準誤差。ブートストラップなし）",
  ncBiased: ({ g, t }) =>
    `利用できる唯一の原因別の比較は、起点から治療歴の有無で患者を比較しており、デザインによるバイアスがある（${biasJa(g.bias)}）${g.primary === undefined ? "" : `。主デザイン（${t(g.primary)}）には、ここでは原因別の版がない`}：治療前のこの原因による死亡は構造上すべて非治療群に数えられるため、この確認は残余交絡ではなくそのバイアスを示すことになる`,
  ncNoDesign: ({ g, t }) => `主デザイン（${t(g.primary)}）はエンドポイント${g.endpoint}では構成できない（治療日または起点の日付がない）`,
  ncFewEvents: ({ g }) => `${g.pre ? "陰性対照：" : ""}${capital(g.cause)}による死亡は${g.n}例のみで、${g.min}例未満（analyses.safeguards.minEvents）：ハザード比とその信頼区間は不安定であり、1を含む区間はほとんど何も示さない`,
  ncNotEstimated: ({ g }) => `${capital(g.cause)}との関連は推定できなかった。`,
  ncUninformative: ({ g }) =>
    `判定不能：${capital(g.cause)}による死亡は${g.n}例${g.both === undefined ? "" : `（うち${g.both}例は猶予期間内の死亡で両戦略に計上）`}で、${g.min}例未満（analyses.safeguards.minEvents）：この確認では残余交絡を示すことも否定することもできない。点推定値（HR ${g.hr}、95%信頼区間${g.lo}–${g.hi}）は${g.way === "below" ? `1を下回る（治療ありで${capital(g.cause)}による死亡が少ない）` : g.way === "above" ? `1を上回る（治療ありで${capital(g.cause)}による死亡が多い）` : "1である"}。`,
  ncAssociated: ({ g }) =>
    `治療は、影響しうるとは考えにくい${g.cause}と関連している（HR ${g.hr}、95%信頼区間${g.lo}–${g.hi}）：残余交絡または選択（たとえば状態のよい患者が治療に選ばれた、あるいはイモータルタイム）を示唆し、主解析の推定値も同じ方向に偏っている可能性が高い。`,
  ncNone: ({ g }) => `${g.cause}との明確な関連はない（HR ${g.hr}、95%信頼区間${g.lo}–${g.hi}）：この確認からは残余交絡の兆候はないが、広い区間ではそれを否定できない。`,
  rileyModel: ({ g }) =>
    `${(g.pop ?? "").replace(/^all patients$/, "全患者").replace(/^treated patients/, "治療群の患者").replace(/^untreated patients/, "非治療群の患者").replace(/ \(([^)]*)\)/g, "（$1）")}における${(g.terms ?? "").replace(/, /g, "、")}による${capital(g.endpoint)}のCox予測モデル`,
};

