/**
 * Japanese texts of one part of the report: Patient flow, Table 1, survival, prognostic factors (Cox) and summary.txt (src/report/render.ts, table1.ts, tables.ts, flow.ts, src/cli/commands/run.ts).
 * English reference: src/i18n/descriptive-en.ts.
 */
import type { DescriptiveMessages, DescriptiveTextId } from "./descriptive-en.js";
import type { EngineTemplate } from "./warnings.js";

const UNITS: Readonly<Record<string, string>> = { days: "日", weeks: "週", months: "か月", years: "年" };

/** " (text)" as the callers append it → "（text）": one width of brackets inside a Japanese sentence. */
const fullWidthParens = (s: string): string => s.replace(/^ \((.*)\)$/, "（$1）");
/** The subsets callers of endpointPopulation name (src/report/population.ts). */
const SUBSETS_JA: Readonly<Record<string, string>> = { "complete data for this analysis": "この解析のデータが完全な", "complete covariates": "共変量が完全な" };

export const descriptiveJa: DescriptiveMessages = {
  coxPopUni: "単変量モデルは各共変量の値がある患者で解析（モデルごとの n は表の下）",
  coxPopMv: (population) => `多変量モデルは${population}で解析`,
  forestTitleMv: (endpoint, n, events) => `予後因子：${endpoint}の多変量 Cox 回帰モデル、完全ケース（n = ${n}、イベント ${events} 件）。`,
  forestTitleUni: (endpoint) => `予後因子：${endpoint}の単変量 Cox 回帰モデル。`,
  coxMethodsNote: (ties, robust, transform) =>
    `Cox 比例ハザードモデル（同順位は ${ties} 法${robust ? "、ロバスト分散" : ""}；R: survival::coxph）；p 値は Wald 検定。PH 検定の p：スケール化 Schoenfeld 残差、cox.zph(transform = "${transform}", terms = TRUE)、因子ごとに 1 つの同時検定。`,
  coxMvNote: (n, events, covariates, dichotomised, caution) =>
    `多変量モデル：n = ${n}、イベント ${events} 件；共変量：${covariates}。${dichotomised ? "二値化した共変量はカットオフで多変量モデルに投入。" : ""}${caution === null ? "" : `注意：${caution}。`}`,
  coxUniEach: (models) => `単変量モデルは共変量の値があるすべての患者を使用：${models}。`,
  coxUniModel: (label, n, events) => `${label} n = ${n}（イベント ${events} 件）`,
  coxUniSame: (n, events) => `単変量モデル：n = ${n}、イベント ${events} 件。`,
  coxFirthNote:
    "† 通常の係数が発散（単調尤度、例：ある群にイベントなし）：Firth の罰則付き尤度による推定値、プロファイル尤度信頼区間、罰則付き尤度比検定の p（Heinze & Schemper 2001；R: coxphf、同順位は Breslow 法）。",
  t1PanelNames: (matched, weighted) => `調整前${matched || weighted ? `、${[matched ? "傾向スコアマッチング後" : "", weighted ? "IPTW" : ""].filter((x) => x !== "").join("、")}` : ""}`,
  t1Panels: (panels, n, groups, adjusted) =>
    `${panels}の列：傾向スコアの共変量が完全な ${n} 例（${groups}）、すなわち傾向スコア解析の対象集団${adjusted ? "；調整後の列はこれらの患者に重みを付けたもの（n は重み > 0 の患者数）" : ""}。`,
  t1Excluded: (n, groups, why, all) =>
    `傾向スコアの共変量の欠測により除外：${n} 例（${groups}）${why === null ? "" : `；欠測 ${why}（1 例が複数を欠測しうる）`}。${all === null ? "" : `「全患者」の列は比較のため、治療の値があるすべての ${all} 例を示す。`}`,
  flowGroupColumns: (by) => `群の列：カプラン・マイヤー法と同じく${by}別。`,
  treatment: "治療",
  rmstFootnote: (tau, defaulted) =>
    `τ = ${tau} までのカプラン・マイヤー曲線下面積${defaulted ? "（データが許す最大の τ を既定値として使用）" : ""}；分散は Greenwood プラグイン法（survRM2::rmst2 と同じ）。`,
  logrankHrLine: (comparison, ci, cl) => `ハザード比 ${comparison} ${ci.replace(" (", `（${cl}信頼区間 `).replace(/\)$/, "）")}：ログランク検定（O/E 比）によるハザード比であり、Cox 回帰モデルではない`,
  lowerFirst: (s) => s,
  byGroup: (by) => `（${by}別）`,
  populationAll: (n, endpoint) => `${endpoint === null ? "" : `${endpoint}のデータがある`}全 ${n} 例、n = ${n}`,
  populationSubset: (n, endpoint, subset) => `${endpoint === null ? "" : `${endpoint}のデータがあり`}${subset === null ? "" : subset} ${n} 例、n = ${n}`,
  populationSubsetWords: (subset) => SUBSETS_JA[subset] ?? subset,
  splines: {
    linearityFootnote: (n, events) =>
      `各連続共変量を Harrell の既定分位点に4つの節点をおく制限付き3次スプライン（rms::rcs）として含めた1つのCox回帰モデル（n = ${n}、イベント${events}件）。非線形スプライン項のWald検定（rms::anova の「Nonlinear」と同じ）。p値が小さいほど、対数ハザードが共変量に対して線形でないことを示唆する。`,
    allNonlinear: (chisq, df, p) => `全非線形項の同時検定：χ² = ${chisq}（自由度 ${df}）、${p}。`,
    notChecked: (list) => `検定せず（カテゴリ変数または異なる値が7未満）：${list}。`,
    linearityTitle: "連続共変量の線形性（制限付き3次スプライン）",
    completeCases: (n, events) => `共変量に欠測のない患者、n = ${n}、イベント${events}件`,
    knots: "節点",
    knotSep: ", ",
    chisqNonlinear: "χ²（非線形）",
    df: "自由度",
    hrBy: (label) => `${label}によるハザード比`,
    hrByPspline: (label) => `${label}によるハザード比（罰則付きスプライン）`,
    rcsCaption: (ref, level, p, n, events) =>
      `制限付き3次スプライン（節点4つ、x軸の目盛り）を用いたCox回帰モデルによる、${ref}（中央値；HR = 1）に対するハザード比（対数目盛）と各点の${level}%信頼帯。非線形性の検定 ${p}。R: rms::contrast(fit, list(x = x), list(x = median))。対象：共変量に欠測のない患者、n = ${n}、イベント${events}件。`,
    thetaGiven: (theta) => `θ = ${theta}（指定）`,
    thetaChosen: (theta, df) => `θ = ${theta}（自由度 ${df} となるよう選択）`,
    psplineCaption: (ref, label, smooth, df, level, p, n, events) =>
      `${label}の罰則付きスプライン（survival::pspline：${smooth}、有効自由度 ${df}）を用いたCox回帰モデルによる、${ref}（中央値；HR = 1）に対するハザード比（対数目盛）と各点の${level}%信頼帯。非線形性の検定 ${p}。対象：n = ${n}、イベント${events}件。`,
    continuousTitle: "連続共変量による多変量Cox回帰モデル",
    continuousPopulation: (n, events) => `n = ${n}、イベント${events}件`,
    continuousFootnote: (n, events) =>
      `上の多変量モデルと同じ共変量を、カットオフを用いずに含めた：n = ${n}、イベント${events}件。HRは各連続共変量の1単位あたり。`,
    curveTitle: "ハザード比曲線",
    curveDescription: (ref, lo, hi, knots) =>
      `${ref}（基準、HR = 1）に対するハザード比と各点の信頼帯（${lo}〜${hi}${knots === null ? "" : `；節点 ${knots}`}）。`,
    covariate: "共変量",
  },
  flowDiagram: {
    assessed: "評価対象の患者",
    nIs: (n) => `n = ${n}`,
    excluded: (n) => `除外（n = ${n}）`,
    reasonCount: (reason, n) => `${reason}：${n}`,
    analysed: (endpoint) => `解析対象：${endpoint}`,
    nEvents: (n, events) => `n = ${n}、イベント${events}件`,
    notInPs: (n) => `傾向スコア解析の対象外（n = ${n}）`,
    missingCount: (what, n) => `${what}の欠測：${n}`,
    missSeveral: "（1人の患者が複数の値を欠測しうる）",
    psAnalyses: "傾向スコア解析",
    psComplete: (n) => `共変量に欠測のない n = ${n}`,
    matchedLine: (matched, treated, unmatched) => `マッチング：${matched}（治療群${treated}）、マッチングされず：${unmatched}`,
    weightedLine: (n, ess) => `重み付け：重み > 0 の${n}例、ESS ${ess}`,
    predictionModel: "予測モデル",
    fromTreatmentDate: "、治療日から",
    groupAnalysed: (n, events) => `解析対象：n = ${n}、イベント${events}件`,
    groupPs: (n) => `傾向スコア解析：${n}`,
    groupPsOf: (n, analysed) => `傾向スコア解析：解析対象${analysed}例中${n}例`,
    groupMatched: (n) => `マッチング：${n}`,
    groupWeighted: (n, ess) => `重み付け：${n}（ESS ${ess}）`,
    ccw: "クローン・打ち切り・重み付け",
    ccwPrimary: "クローン・打ち切り・重み付け（主解析）",
    ccwNote: "各患者を両方の戦略に複製",
    tdCox: "調整済み時間依存性Cox回帰",
    tdNote: "治療日から治療群",
    landmarkAt: (time, unit) => `ランドマーク ${time} ${unit}`,
    landmarkNote: (treated) => `ランドマーク時点で生存かつ追跡中；それまでに${treated}例が治療`,
    landmarkPsNote: (alive, treated) => `ランドマーク時点で生存かつ追跡中の${alive}例のうち共変量が完全な患者；それまでに${treated}例が治療`,
    otherCohorts: "他のデザインのコホート（解析対象の患者から作成）",
  },
  summary: {
    allPatients: "全例",
    of: (endpoint, by) => `${endpoint}${by === null ? "" : `（${by}別）`}`,
    versus: (a, b) => `${a} vs ${b}`,
    flow: (read, excluded, reasons, analysed) => `読み込み ${read} 例、${excluded === null ? "除外なし" : `除外 ${excluded} 例：${reasons}`}；解析対象 ${analysed} 例`,
    flowReason: (reason, n) => `${reason}（${n}）`,
    kmHeading: (what, n) => `カプラン・マイヤー法、${what}（n = ${n}）`,
    kmStratum: (group, n, events, median, at) => `  ${group}（n = ${n}、イベント ${events} 件）：生存期間中央値 ${median}${at === "" ? "" : `；生存率 ${at.replace(/; /g, "；")}`}`,
    survivalAt: (time, value) => `${time}時点 ${value}`,
    testHeading: (test, what, n) => `${test}、${what}（n = ${n}）`,
    chisq: (chisq, df, p) => `χ² = ${chisq}（自由度 ${df}）、${p}`,
    logrankHr: (comparison, n, ci) => `  ログランク検定（O/E 比、Cox 回帰モデルではない）によるハザード比、${comparison}（n = ${n}）：${ci}`,
    rmstHeading: (tau, what, n) => `${tau}までの制限付き平均生存時間（RMST）、${what}（n = ${n}）`,
    rmstGroup: (group, n, events, value) => `  ${group}（n = ${n}、イベント ${events} 件）：${value}`,
    rmstDifference: (comparison, value, p) => `  差、${comparison}：${value}、${p}`,
    coxHeading: (endpoint, n, events, covariates) => `多変量 Cox 回帰モデル、${endpoint}（完全ケース、n = ${n}、イベント ${events} 件）：${covariates}`,
    coxTerm: (label, value) => `  ${label}：${value}`,
    ciNotComputed: "信頼区間は未計算：ブートストラップを有効にすること",
    adjustedAt: (time, treated, control, difference, ci) => `${time}時点 ${treated} vs ${control}、差 ${difference} ポイント${fullWidthParens(ci)}`,
    adjustedRmst: (tau, treated, control, difference, ci) => `${tau}までの RMST ${treated} vs ${control}、差 ${difference}${fullWidthParens(ci)}`,
    adjusted: (name, n, parts) => `  調整済み生存率、${name}${n === "" ? "" : `（n = ${n}）`}、治療群 vs 非治療群：${parts.replace(/; /g, "；")}`,
    miHeading: (missing, n, m, iterations, seed, primaryMi, key) =>
      `共変量の欠測：${n} 例中 ${missing} 例に欠測値あり。多重代入法（代入 ${m} 回、反復 ${iterations} 回、シード ${seed}）は${primaryMi ? "主解析で、完全ケース解析が感度解析" : "感度解析で、完全ケース解析が主解析"}である（missing.primary: ${key}）`,
    miWithin: (endpoint, n) => `  多重代入法による治療効果、within法（${endpoint}；全 ${n} 例；Rubin のルールで統合）：`,
    tagPrimary: "［主解析］",
    tagSensitivityOfPrimary: "［主解析の感度解析］",
    eValue: (point, ci) => `；E 値 ${point}${ci === null ? "" : `（信頼区間限界 ${ci}）`}`,
    miCox: (endpoint, n) => `  多重代入法による多変量 Cox 回帰モデル（${endpoint}；全 ${n} 例）：`,
    immortalHeading: (title, explanation) => `${title}：${explanation}`,
    immortalAdjusted: (n, estimand, hr) => `  共変量で調整した時間依存性 Cox 回帰モデル（n = ${n}；${estimand}；ロバスト SE）：${hr}`,
    psMatchedSample: (estimand) => `傾向スコアマッチング（${estimand}）`,
    immortalLandmarkPs: (time, population, hr) => `  ${time}時点のランドマーク、傾向スコア再推定、IPTW（${population}；周辺ハザード比；ロバスト SE）：${hr}`,
    immortalNaive: (n, hr) => `  ナイーブ解析（デザインによるバイアスあり（イモータルタイム）、治療を起点で固定；n = ${n}）：${hr}`,
    immortalTimeDependent: (n, hr) => `  治療を時間依存性共変量とした粗解析（治療のみ；n = ${n}）：${hr}`,
    immortalLandmark: (time, n, hr) => `  ${time}時点のランドマーク（n = ${n}）、粗解析（治療のみ）：${hr}`,
    immortalLandmarkPsHeading: (time, population) => `  ${time}時点のランドマーク、傾向スコア再推定（${population}）：`,
    immortalLandmarkPsRow: (label, n, value) => `    ${label}（n = ${n}）：${value}`,
    immortalLandmarkPsRefused: (time, reason) => `  ${time}時点のランドマーク、傾向スコア再推定：${reason}`,
    immortalLandmarkWeighted: (n, items) => `    IPTW 重み付き Kaplan–Meier 生存率（n = ${n}）：${items}；信頼区間なし（ランドマーク解析ではブートストラップを行っていない）`,
    crHeading: (what, n) => `競合リスク、${what}（n = ${n}）、累積発生率（Aalen–Johansen 法）：`,
    crHeadingFlagged: (what, n, flag) => `競合リスク、${what}（n = ${n}）、累積発生率（Aalen–Johansen 法）${flag}：`,
    incidenceAt: (time, value) => `${time}時点 ${value}`,
    incidenceLast: (value) => `最終時点 ${value}`,
    crCurve: (cause, group, n, events, at) => `  ${cause}${group === null ? "" : `、${group}`}（n = ${n}、イベント ${events} 件）：${at.replace(/; /g, "；")}`,
    grayTest: (cause, n, p) => `  Gray 検定、${cause}（n = ${n}）：${p}`,
    crModel: (model, term, n, cs, sd) => `  ${model}、${term}（n = ${n}）：原因別ハザード比 ${cs}${sd === null ? "" : `；部分分布ハザード比 ${sd}`}`,
    cureRelative: "相対生存",
    cureAnyCause: "全死因",
    cureCause: (cause) => `原因別：${cause}`,
    cureCauseSpecific: "原因別モデル",
    cureSemiparametric: "セミパラメトリック PH",
    cureHeading: (endpoint, of, population, model, aic) =>
      `治癒モデル（${endpoint}、${of}${population === null ? "" : `；${population}`}；${model}混合モデル${aic ? "、AIC 最小" : ""}）、治癒割合：`,
    cureNoEvents: "推定不能（イベントなし）",
    cureFollowUp: (plateau, p, verdict) =>
      `プラトー ${plateau}、Maller–Zhou 検定 ${p}；追跡期間は${verdict === "sufficient" ? "十分" : verdict === "inconclusive" ? "判定不能" : "十分とは示されず"}`,
    cureNotFinding: (why) =>
      `    知見ではない：モデルとデータが一致しない（${why === "outside-km-ci" ? "モデルの治癒割合が追跡終了時のカプラン・マイヤー信頼区間の外にある" : "カプラン・マイヤー曲線のプラトーへの到達が示されていない"}）。代わりに上限であるカプラン・マイヤー曲線のプラトーを参照すること`,
    cureGroupNotFinding: (group, n, events, km, fraction, followUp) =>
      `  ${group}（n = ${n}、イベント ${events} 件）：追跡終了時のカプラン・マイヤー推定値 ${km}（治癒割合の上限）；モデル ${fraction}（データにより支持されない）${followUp === null ? "" : `；${followUp}`}`,
    cureGroup: (group, n, events, fraction, plateau, followUp) =>
      `  ${group}（n = ${n}、イベント ${events} 件）：${fraction}${plateau === null ? "" : `；カプラン・マイヤー法のプラトー ${plateau}`}${followUp === null ? "" : `；${followUp}`}`,
    apparentCorrected: (apparent, corrected) => `${apparent}${corrected === null ? "" : `（楽観度補正後 ${corrected}）`}`,
    predictionHeading: (endpoint, time, covariates) => `予測モデル（${endpoint}、${time}時点）：${covariates}`,
    predictionIndices: (n, events, harrell, uno, auc, slope, corrected) =>
      `  n = ${n}、イベント ${events} 件；HarrellのC統計量 ${harrell}、UnoのC統計量 ${uno}、AUC ${auc}、較正傾き ${slope}${corrected ? "（楽観度補正後）" : ""}`,
    recurrentHeading: (label, events, n) => `再発イベント（${label}）：${n} 例でイベント ${events} 件`,
    recurrentPopulation: (population) => `  対象集団：${population}`,
    recurrentMean: (group, value, time, atRisk) =>
      `  患者あたりの平均イベント数（Ghosh–Lin 法、死亡を終末イベントとして扱う）${group === null ? "" : `、${group}`}：${time}までに ${value}（リスク集合 ${atRisk} 例）`,
    recurrentNaive: (group, value, time) =>
      `  比較のためのみ、ナイーブな平均累積数（死亡を打ち切りとして扱う；負担を過大評価）${group === null ? "" : `、${group}`}：${time}までに ${value}`,
    recurrentModel: (model, term, n, hr) => `  ${model}、${term}（n = ${n}）：${hr}`,
    notRun: (analysis, reason) => `${analysis}（${reason}）`,
    miHeadingCounts: (counts, m, iterations, seed, primaryMi, key) =>
      `共変量の欠測：${counts}。多重代入法（代入 ${m} 回、反復 ${iterations} 回、シード ${seed}）は${primaryMi ? "主解析で、完全ケース解析が感度解析" : "感度解析で、完全ケース解析が主解析"}です（missing.primary: ${key}）`,
    miCountCox: (lost, n, vars) => `多変量Coxモデルの共変量の欠測は${n} 例中 ${lost} 例（${vars}）`,
    miCountPropensity: (lost, n, vars) => `傾向スコアモデルの共変量の欠測は${n} 例中 ${lost} 例（${vars}）`,
    miCountSep: "；",
    grayTestFlagged: (cause, n, p, flags) => `  Gray 検定、${cause}（n = ${n}）：${p}［${flags}］`,
  },
  miNoImputedValue: (rows) =>
    `${rows}には補完値が含まれません。推定値はすべての補完データで同一です（補完間分散 B = 0）が、Barnard–Rubin の自由度 ν（完全データの自由度 = イベント数 − 1、mice と同じ）による Rubin のルールでは正規分位点ではなく自由度 ν の t 分位点を用いるため、信頼区間は完全データの信頼区間よりわずかに広くなり、欠測情報の割合は 0 ではなく 2/(ν + 3) となります（mice::pool の報告値と同じ）。`,
  miNoImputedRow: (label, dfcom, df, fmi) => `${label}（完全データの自由度 ${dfcom}、ν = ${df}、FMI ${fmi}）`,
  coxReference: "1（基準）",
  coxSparse: (mark, minN, minEvents, levels) =>
    `${mark} 症例数の少ないカテゴリー（モデル内で ${minN} 例未満またはイベント ${minEvents} 件未満）：${levels}。このカテゴリーのハザード比、および基準カテゴリーである場合はそれに対するすべてのハザード比が不安定です（信頼区間が広く、偶然により 1 から大きく離れうる）。データ上で隣接するカテゴリーと統合するか、症例数の多いカテゴリーを基準に選んでください（共変量の \`reference\`、docs/spec.md）。`,
  coxSparseLevel: (label, n, events) => `${label}：${n} 例、イベント ${events} 件`,
  kmDescription: (groups, risk, cumEvents) =>
    `カプラン・マイヤー法による生存率の推定${groups === null ? "" : `（群：${groups}）`}${risk ? "。リスク集合の人数付き" : ""}${cumEvents ? "。累積イベント数付き" : ""}。`,
  timeSince: (unit, origin) => `${origin} からの期間${unit === "" ? "" : `（${UNITS[unit] ?? unit}）`}`,
};

/** Japanese templates of the engine texts of this part (DESCRIPTIVE_PATTERNS). */
export const descriptiveTextsJa: Readonly<Record<DescriptiveTextId, EngineTemplate>> = {
  t1Continuous: ({ g }) => `連続変数：平均値（SD）、または選択した場合もしくは |歪度| > ${g.k} の場合は中央値 [Q1, Q3]（R の分位点タイプ 7；要約 "auto"）。`,
  t1Categorical: () => "カテゴリー変数：n（%）、値が得られた患者に対する割合；欠測：値のない患者数。",
  t1Weighted: () =>
    'マッチング後・重み付け後の列：重み付き平均値、SD（Σw̃(x − x̄)²/(1 − Σw̃²)、w̃ = w/Σw）、中央値と四分位（重み付き経験分布関数の逆関数、survey::svyquantile の qrule = "math" と同じ）、度数 Σw と重み付き割合；n と欠測は重み > 0 の患者を数える。',
  t1NoP: ({ g }) =>
    `マッチング後・重み付け後の標本には p 値を示していません。バランスは手元の標本の性質であって母集団に関する仮説ではなく、そこでの p 値は主に（縮小した）標本サイズを反映するためです（${g.refs}）。`,
  t1Smd: ({ g, t }) =>
    `SMD：${t(g.text)}；多カテゴリー変数：Yang–Dalton の多変量 SMD √(dᵀΣ⁻¹d)、${g.described !== undefined ? "共分散は記述対象の標本から" : "共分散 Σ は σ と同じく調整前の標本から（調整前後の SMD が同じ分母をもつように）"}。${g.sample === undefined ? "" : `SMD は${t(g.sample)}（n = ${g.n}；${g.t} vs ${g.c}）で算出し、その調整前の SD を分母とする。`}`,
  psCompleteCases: () => "傾向スコアの共変量が完全な患者",
  t1Ess: () => "ESS：Kish の有効標本サイズ (Σw)²/Σw²。",
};
