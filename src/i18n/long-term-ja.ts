/**
 * Japanese texts of one part of the report: Long-term survival and cure, the prediction model, recurrent events and competing risks (src/report/sections-long-term.ts, tables-long-term.ts, sections-prediction-use.ts, the competing-risks section).
 * English reference: src/i18n/long-term-en.ts. Terms as in Japanese clinical journals: 累積発生率, 競合リスク,
 * 原因別ハザード比, 部分分布ハザード比（Fine-Grayモデル）.
 */
import type { LongTermMessages, LongTermTextId } from "./long-term-en.js";
import type { EngineTemplate } from "./warnings.js";

const QUARTILE: Readonly<Record<string, string>> = { "lower quartile": "下位四分位", median: "中央値", "upper quartile": "上位四分位" };
/** The recurrent-event models by their Japanese names (the results carry "PWP total time", "PWP gap time"). */
const recurrentModelJa = (model: string): string => ({ "PWP total time": "PWP総時間", "PWP gap time": "PWPギャップ時間" })[model] ?? model;
const UNIT_JA: Readonly<Record<string, string>> = { days: "日", weeks: "週", months: "か月", years: "年" };

export const longTermJa: LongTermMessages = {
  // ---- 治癒（cureSection、治癒モデルの表、plots/cure-fit.ts）
  cureFlat: (length, unit, pct) => `カプラン・マイヤー曲線は最終イベント後${length}${unit}にわたり${pct}で平坦である。`,
  cureRule: (min, alpha) => `（判定規則：ウィンドウ内のイベントが${min}件未満、または最終イベント以降も追跡された患者が${min}例未満なら判定不能。それ以外は有意水準${alpha}のMaller–Zhou検定で判定する。）`,
  cureUpperBound: "以下の治癒割合は上限として読むこと：今後もイベントが起こりうる。",
  cureProbNever: (cause, event) => (cause === null ? `${event}が決して起こらない確率` : `${cause}で死亡しない確率（他の死因による死亡は打ち切り：原因別混合治癒モデル）`),
  cureOfWhat: (probability, population, latency, aic, notOfDisease) =>
    `治癒割合が意味するもの：${population}における${probability}。潜時分布は${latency}${aic ? "（パラメトリック潜時分布のうちAIC最小）" : ""}。${notOfDisease === null ? "" : `これは疾患の治癒割合ではない${notOfDisease.anyCause ? "（他因死もイベントとして数える）" : ""}${notOfDisease.pooled ? "（治療群と非治療群を合わせている）" : ""}。`}`,
  cureRelative: (description) => `相対生存：${description}。モデルはS(t) = S*(t)·[π + (1 − π)·S_u(t)]で、S*(t)は各患者の期待生存率である。治癒割合πは過剰死亡のない患者の割合（その生存率は一般集団と等しい）である。`,
  curePopulation: (all, n, who, endpoint, fromTreatment, excluded) =>
    `${fromTreatment ? "治療日から" : ""}${endpoint}のデータがある${all ? "全" : ""}${who ?? ""}${n}例${excluded === null ? "" : `（モデルの共変量が揃った症例。${excluded}例を除外）`}、n = ${n}`,
  cureCauseEndpoint: (cause) => `${cause}による死亡（他の死因は打ち切り）`,
  cureKmCauseSpecific: (cause) => `カプラン・マイヤー推定は原因別である：${cause}による死亡をイベントとし、他の死因による死亡は打ち切りとした。`,
  cureFitPlotTitle: (label) => `${label}：カプラン・マイヤー曲線に重ねた治癒モデル`,
  cureFitFigureTitle: (label) => `${label}：カプラン・マイヤー推定に重ねた混合治癒モデル。`,
  cfTailNote: (minAtRisk) => `他の図と異なり、カプラン・マイヤー曲線はリスク集合が${minAtRisk}例未満となった後も最終追跡時点まで描いた。治癒モデルはこの裾で評価されるため、リスク集合の人数とともに読むこと。`,
  cureFitCaption: (by, relative, fits, population, kmN) =>
    `実線：${by ? `${by}別の` : ""}カプラン・マイヤー推定。破線：治癒モデルによる生存率（${relative ? "全死因：S*(t)·[π + (1 − π)·S_u(t)]、S*(t)は生命表による期待生存率" : "π + (1 − π)·S_u(t)"}、${by ? "群内の" : ""}患者で平均）。点線：推定治癒割合${by ? "（群別）" : ""}。${fits}対象：${population}${kmN === null ? "" : `（カプラン・マイヤー：n = ${kmN}）`}。`,
  cureProfilesPopulation: (population) => `モデルの対象：${population}`,
  cureOverall: "全体",
  cureNoEvents: "推定不能（イベントなし）",
  cureGroupEstimate: (estimate, lower, upper, plateau, disagrees) =>
    `${estimate}（95%信頼区間 ${lower}–${upper}）${plateau === null ? "" : `、カプラン・マイヤープラトー ${plateau}`}${disagrees ? "――知見ではない：モデルとデータが一致しない（第1段落参照）" : ""}`,
  cureKmEnd: (surv, lower, upper) => `${surv}（95%信頼区間 ${lower}–${upper}）`,
  cureGroupKmFirst: (km, estimate, lower, upper) =>
    `追跡終了時のカプラン・マイヤー推定 ${km}（治癒割合の上限）、モデル ${estimate}（95%信頼区間 ${lower}–${upper}）はデータにより支持されない（第1段落参照）`,
  cureTableNotSupported: (title) => `${title}――モデルはデータにより支持されない（透明性のために提示）`,
  cureSummary: (disagrees, latency, aic, event, population, groups) =>
    `${disagrees ? `治癒した患者の割合（${event}。${population}。モデル：${latency}潜時の混合治癒モデル${aic ? "、AIC最小" : ""}）` : `${latency}潜時の混合治癒モデル${aic ? "（AIC最小）" : ""}による推定治癒割合（${event}。${population}）`}：${groups}。共変量を条件とした各患者の治癒確率、およびそれまでイベントなく追跡されたことを条件とした治癒確率はresults.json（analyses.cure.patients）にある。`,
  cfCured: (pct) => `治癒 ${pct}`,
  cfModel: "治癒モデル",
  cfKaplanMeier: "カプラン・マイヤー",
  cfNotSupported: "混合治癒モデル（治癒割合はデータにより支持されない）",
  cfFractionNotSupported: (pct) => `${pct}、データにより支持されない`,
  cfTitle: "カプラン・マイヤー曲線に重ねた治癒モデルの当てはめ",
  cfDescription: (groups, fractions, risk) =>
    `カプラン・マイヤー推定（実線）と当てはめた混合治癒モデルによる集団の生存率（破線）${groups === null ? "" : `（群：${groups}）`}${fractions === null ? "" : `。点線は治癒割合（${fractions}）`}${risk ? "。リスク集合の人数付き" : ""}。`,
  ctNotEstimable: "推定不能（イベントなし）",
  ctVerdict: (verdict, events) => `${verdict === "sufficient" ? "十分" : verdict === "inconclusive" ? "判定不能" : "十分とは示されず"}（ウィンドウ内イベント${events}件）`,
  ctOutsideBand: "（バンド外）",
  ctModelEm: (replicates) => `セミパラメトリック比例ハザード混合治癒モデル（Rのsmcureと同様のEM法。ブートストラップ信頼区間、${replicates}回）`,
  ctModelMl: (latency) => `${latency}潜時の混合治癒モデル（最尤法。デルタ法による信頼区間）`,
  ctTitle: "推定治癒割合",
  ctGroup: "群",
  ctEvents: "イベント",
  ctCured: (level) => `治癒、%（${level}%信頼区間）`,
  ctPlateau: (unit) => `プラトー（${unit}）`,
  ctBeyond: "最終イベント以降の追跡例",
  ctMallerZhou: "Maller–Zhou検定のp値",
  ctKmLast: "最終イベント時のKM、%",
  ctKmEndCi: (level) => `追跡終了時のカプラン・マイヤー推定値、%（${level}%信頼区間）：治癒割合の上限`,
  ctCuredModel: (level) => `モデルによる治癒、%（${level}%信頼区間）`,
  ctNotSupported: (value) => `${value}（データにより支持されない）`,
  ctFootNotFinding: "ここではモデルの治癒割合は知見ではない（モデルとデータが一致しない。最初の段落を参照）：治癒割合の上限である追跡終了時のカプラン・マイヤー推定値を先に、モデルの割合を後に示す。",
  cfNoBand: "データにより支持されない治癒割合の点線は、知見と読まれないよう信頼帯なしで描いた。読むべきは上限としてのカプラン・マイヤー曲線の終端である。",
  ctFollowUp: "追跡期間",
  ctDistance: "モデルとKMの最大距離",
  ctFootCured: (model, probability, population) => `治癒：${model}による${probability}を群内の患者で平均したもの（${population}）。`,
  ctFootPlateau:
    "プラトー：最終イベントから追跡終了までの期間で、この間カプラン・マイヤー曲線は平坦である。最終イベント時のKM：ノンパラメトリックな治癒推定値（プラトーの高さ）。Maller–Zhou p：追跡期間の十分性の検定（Maller & Zhou 1996、q_n）。追跡期間：最終イベント前のウィンドウ内のイベントが5件未満、または最終イベント以降の追跡例が5例未満なら判定不能、それ以外はp < 0.05で十分。",
  ctFootDistance: (replicates, seed, outside) =>
    `最大距離：|モデルの生存率 − カプラン・マイヤー|の時間にわたる上限。${outside ? "バンド外：モデル曲線がカプラン・マイヤー推定の95%同時ブートストラップバンド" : "モデル曲線はカプラン・マイヤー推定の95%同時ブートストラップバンド"}（リサンプリング${replicates}回、シード${seed}）${outside ? "を外れる" : "内にある"}。`,
  clLowestAic: "（AIC最小）",
  clNotConverged: "（収束せず：比較対象外）",
  clUsed: "――採用",
  clEmUsed: "セミパラメトリック比例ハザード（EM）――採用",
  clKm: "ノンパラメトリック：最終イベント時のカプラン・マイヤー",
  clTitle: "治癒モデル：潜時分布の選択",
  clLatency: "非治癒例の潜時分布",
  clLoglik: "対数尤度",
  clCured: "治癒、%（95%信頼区間）",
  clFootCriterion: (criterion) =>
    `基準：${criterion}（AIC = −2 対数尤度 + 2 × パラメータ数。一般化ガンマ分布は形状パラメータQが1つ多く、Q = 1でWeibull分布、Q → 0で対数正規分布を含むため、両者のうち良い方から常に2以内にある）。ΔAICが2未満なら、データはどちらの潜時分布もほとんど優先しない：その場合、それらのモデルの治癒割合の幅が正直な範囲である。`,
  clFootKm: "最終イベント時のカプラン・マイヤー：ノンパラメトリックな治癒推定値で、追跡期間が十分な場合にのみ有効（追跡期間の確認を参照）。セミパラメトリックモデルには比較可能な尤度がない。",
  cpTitle: "共変量プロファイル別の治癒割合",
  cpProfile: "プロファイル",
  cpFoot: "各プロファイルにおける発生モデルによる治癒確率（他の共変量は平均値）。信頼区間はロジット尺度でのデルタ法による。",
  cmIncidence: "発生（incidence）：治癒のオッズ比",
  cmLatencyTime: "潜時：非治癒例における時間比",
  cmLatencyHazard: "潜時：非治癒例におけるハザード比",
  cmFootMixture: "混合治癒モデル：生存率 = π + (1 − π)·S_u(t)。πは治癒確率（ロジスティックモデル）、S_uは非治癒例の生存率（潜時）。",
  cmFootEm: "セミパラメトリック比例ハザード潜時（Rのsmcure）。信頼区間とp値はブートストラップ標準誤差による。",
  cmFootAft: (latency, shape, rate, unit, ratios) =>
    `${latency}潜時：形状 ${shape}、率 ${rate}（1${unit}あたり）。${ratios ? "時間比 e^{−β}（非治癒例の生存時間は単位あたりこの倍率で変わる）。" : ""}Wald検定は観測情報行列による。`,
  cmFootWeibull: (shape, rate, unit, ratios) => `Weibull潜時：形状 ${shape}、率 ${rate}（1${unit}あたり）。${ratios ? "ハザード比 e^{αβ}、信頼区間はデルタ法。" : ""}Wald検定は観測情報行列による。`,
  cmPerUnit: (unit) => ({ days: "日", weeks: "週", months: "か月", years: "年" })[unit] ?? unit,
  cmTitleCure: "治癒モデルの係数",
  cmCovariate: "共変量",
  cmRatio: "比（95%信頼区間）",
  // ---- 予測モデル（predictionSection、表、sections-prediction-use.ts、plots/calibration.ts、plots/nomogram.ts）
  tripodSource: "4a–5c データの出典、設定、適格基準：「患者の流れ」の節と研究仕様。",
  tripodOutcome: (endpoint, endpointKey, horizon, unit) =>
    `6a アウトカム：${endpoint}（エンドポイント ${endpointKey}）、定義は研究仕様による。予測時点 ${horizon}${unit}。`,
  tripodPredictors: (predictors) =>
    `7a 予測因子：${predictors}――いずれも手術前に判明している。`,
  tripodSize: (n, events, epc) =>
    `8 サンプルサイズ：${n}例、イベント${events}件（係数あたり${epc}件）。`,
  tripodMissing: (dropped) =>
    `9 欠測データ：完全ケース（${dropped}例を除外）。`,
  tripodModel: (population, diverging, shrinkage) =>
    `10a–10b モデル：${population}におけるCox比例ハザードモデル。連続予測因子は連続のまま（線形）、変数選択なし${diverging === null ? "" : `（発散した項を除外：${diverging}）`}。同順位はEfron法${shrinkage === null ? "" : `。ノモグラムと計算ツールでは一様縮小係数${shrinkage}`}。`,
  tripodPerformance: "10d 性能：HarrellおよびUnoのC統計量、AUC(t)、較正プロット、平滑化較正曲線（ICI）、較正傾きとcalibration-in-the-large、決定曲線。10b/16 ブートストラップ楽観度補正による内部検証。",
  tripodParticipants: "13a–14a 対象者とイベント：「患者の流れ」の節と表の脚注。",
  tripodFull: "15a 完全なモデル：係数と予測時点のベースライン生存率（予測モデルの表）。",
  tripodUse: (offered) =>
    offered ? "15b 使用方法：ノモグラムと個別患者の計算ツール。" : "15b 使用方法：提供しない――モデルは新規患者への使用の確認に合格しない（上の注を参照）。開発段階の結果として報告する。",
  tripodNotCovered: "対象外：外部検証（項目10c、12、13c、17）。本報告は内部検証のみを示す。",
  tripodIntro: "本報告が扱うTRIPOD項目：",
  wSampleSize: (available, availableEvents, n, events, coefficients) =>
    `モデルは${available}例（イベント${availableEvents}件）で当てはめられたが、係数${coefficients}個の予測モデルに必要な最小サンプルサイズ${n}例（イベント${events}件）に満たない（Riley et al. 2020）`,
  wNoSignal: "尤度比統計量が係数の数を超えず、偶然以上の説明力がないため、最小サンプルサイズを計算できない（Riley et al. 2020）",
  wCStatistic: (corrected, c, auc, time, minimum) =>
    `${corrected ? "楽観度補正後の" : "見かけの"}HarrellのC統計量は${c}${auc === null ? "" : `、${time}時点のAUCは${auc}`}で、${minimum}（analyses.prediction.minimumCStatistic）を下回る：患者の順位付けは偶然（0.5）とほとんど変わらない`,
  withheld: (why) => `計算ツールとノモグラムは提供しない：${why}。上のモデルの表、性能、較正は開発段階の結果であり、個々の患者に用いるツールではない。`,
  pIntro: (endpoint, n, events, time, use) => `術前共変量による${endpoint}のCoxモデルを${n}例（イベント${events}件、完全ケース）に当てはめ、${time}時点の生存率を予測する。${use}`,
  pDiscrimination: (c, corrected) => `識別能：HarrellのC統計量 ${c}${corrected === null ? "" : `（楽観度補正後 ${corrected}）`}。`,
  pSlope: (slope, overfitted) =>
    `新規患者で期待される較正傾き ${slope}${overfitted === "no" ? "" : `――モデルは過適合であり、予測が極端すぎる${overfitted === "shrunk" ? "（そのため上記の縮小を行う）" : "（縮小が必要である）"}`}。`,
  pPopulation: (all, who, endpoint, dropped, fromTreatment, n, events) =>
    `${fromTreatment ? "治療日から" : ""}${endpoint}のデータ${dropped === null ? "" : `と共変量が揃った`}${all ? "全" : ""}${who ?? "患者"}${dropped === null ? "" : `（${dropped}例を除外）`}、n = ${n}、イベント${events}件`,
  calSlope: (slope, corrected) => `較正傾き ${slope}${corrected ? "（補正後）" : ""}`,
  calC: (c, corrected) => `HarrellのC統計量 ${c}${corrected === null ? "" : `（補正後 ${corrected}）`}`,
  calX: (time) => `${time}時点の予測生存率`,
  calY: (time) => `${time}時点の観測生存率（カプラン・マイヤー）`,
  calFigureTitle: (time) => `${time}時点の較正。`,
  calCaption: (replicates) =>
    `リスク群ごとの平均予測生存率とカプラン・マイヤーによる観測生存率（95%信頼区間付き）。対角線は完全な較正を示す。${replicates !== null ? `塗りつぶし：見かけ（同じ患者）。白抜き・破線：ブートストラップによる楽観度補正（${replicates}回、rms::calibrateと同様）。` : "見かけの較正（同じ患者）。楽観度補正後の傾きは性能の表にある。"}`,
  population: (text, population) => `${text}対象：${population}。`,
  calPlotTitle: "較正プロット",
  calPlotDescription: (time, groups, corrected) => `t = ${time}における${groups}つのリスク群の観測生存率と予測生存率（${corrected ? "見かけとバイアス補正後（ブートストラップ）、" : ""}完全な較正を示す直線付き）。`,
  calLegendApparent: "見かけ",
  calLegendCorrected: "バイアス補正後（ブートストラップ）",
  nomDefaultSurvival: (time) => `t = ${time}の予測生存率`,
  nomPoints: "ポイント",
  nomTotal: "合計ポイント",
  nomPlotTitle: "ノモグラム",
  nomDescription: (axes, total, time) => `共変量軸${axes}本、合計ポイント0–${total}、t = ${time}の予測生存率のノモグラム。`,
  nomSurvival: (endpoint, time) => `${time}時点の${endpoint}`,
  nomTitle: (endpoint, time) => `ノモグラム：${time}時点の${endpoint}。`,
  nomCaption: (population, shrinkage) =>
    `各共変量のポイントを上の目盛りで読み取って合計し、合計の下で予測生存率を読む。モデルの対象：${population}${shrinkage === null ? "" : `。係数は${shrinkage}倍に縮小`}。`,
  pmTitle: "予測モデル",
  pmCoefficient: "係数",
  pmHr: "HR（95%信頼区間）",
  pmFootFit: (n, events, dropped) => `${n}例（イベント${events}件）に当てはめたCoxモデル${dropped === null ? "" : `（共変量欠測のため${dropped}例を除外）`}。事前に指定した共変量をすべて保持（変数選択なし）。`,
  pmFootFormula: (endpoint, time, unit, s0, centre) => `${time}${unit}時点の予測${endpoint}：S(t | x) = ${s0}^exp(LP − ${centre})、LP = Σ 係数 × 値（完全なモデル、TRIPOD項目15a）。`,
  ppHarrell: "HarrellのC統計量",
  ppTitle: "予測モデルの性能",
  ppIndex: "指標",
  ppApparent: "見かけ",
  ppOptimism: "楽観度",
  ppCorrected: "補正後",
  ppUno: (tau, unit) => `UnoのC統計量（${tau}${unit}まで）`,
  ppAuc: (time, unit) => `${time}${unit}時点のAUC`,
  ppSlope: "較正傾き",
  ppCitl: "Calibration-in-the-large（log(O/E)）",
  ppFootIndices: (time, unit) =>
    `HarrellのC統計量：線形予測子と生存の一致度（survival::concordanceと同様）。UnoのC統計量：τまでの打ち切り確率の逆数による重み付き。AUC：IPCWによる${time}${unit}時点の累積/動的AUC（timeROCと同様）。`,
  ppFootOptimism: (b) =>
    `楽観度：ブートストラップ${b}回における（ブートストラップ標本での指標 − ブートストラップモデルの元データでの指標）の平均。補正後 = 見かけ − 楽観度（Harrellの方法、rms::validateと同様）。補正後の較正傾きは、新しい標本で必要と予想される縮小である。`,
  ppFootApparent: "ブートストラップなし：指標は見かけ（楽観的）である。",
  ctTitleCal: (time, unit) => `${time}${unit}時点の較正`,
  ctRiskGroup: "リスク群",
  ctPredicted: "予測、%",
  ctObserved: "観測（カプラン・マイヤー）、%（95%信頼区間）",
  ctBiasCorrected: "バイアス補正後、%",
  ctNotFollowed: "その時点まで追跡されていない",
  ctFootGroups: (groups, time, unit, slope) =>
    `線形予測子により患者を同数の${groups}群に分けた（1 = 最低リスク）。予測：${time}${unit}時点のモデル生存率の平均。較正傾き ${slope}（アウトカムの線形予測子へのCox回帰、1 = 理想）。`,
  ctFootBias: (b) => `バイアス補正後：観測値から群内の（観測 − 予測）のブートストラップ楽観度（${b}回）を引いたもの。rms::calibrate(cmethod = "KM")と同様。`,
  puFitted: (population, fromTreatment) => `モデルは${population}に当てはめた${fromTreatment ? "（生存は治療日、すなわち外科医が予測を行う時点から数える）" : ""}。`,
  puLeftOut: (list) => `除外：${list}。`,
  puShrunk: (withheld, factor, bootstrap, s0, centre) =>
    `${withheld ? "新規患者への予測には" : "ノモグラムと計算ツールでは"}係数を${factor}倍に縮小${withheld ? "する必要がある" : "している"}（${bootstrap ? "楽観度補正後の較正傾き、van Houwelingen & le Cessie 1990" : "研究で設定した係数"}）。ベースライン生存率は再推定し、新規患者への予測が極端すぎないようにする：S(t | x) = ${s0}^exp(${factor} × (LP − ${centre}))。`,
  puNoShrinkNeeded: (slope) => `縮小は不要であった（楽観度補正後の較正傾き ${slope}）。`,
  puNoBootstrap: "係数は縮小していない：ブートストラップがないため、新しい標本で必要な縮小の推定値がない。",
  puNone: "係数は縮小していない（縮小：なし）。",
  puWeak: (c, auc) =>
    `楽観度補正後、モデルの識別能はほとんどない（HarrellのC統計量 ${c}${auc === null ? "" : `、AUC ${auc}`}。0.5が偶然）：ノモグラムと計算ツールは透明性のために示すが、他の患者で検証されるまで判断の指針とすべきではない。`,
  puCorrectedCal: (b, ici, iciApparent, e50, e90) =>
    `新規患者に対して、楽観度補正後の計算ツールの予測（ブートストラップ${b}回）：ICI ${ici}（見かけ ${iciApparent}）、E50 ${e50}、E90 ${e90}――予測リスクと観測リスクの絶対差の平均、中央値、90パーセンタイル。`,
  puSmoothed: (ici, e90, corrected) =>
    `同じ患者での平滑化較正曲線（Austin, Harrell & van Klaveren 2020）は示さない：そこでは較正モデルがモデル自身の線形予測子を再推定するため、構造上対角線上に乗る（見かけのICI ${ici}、E90 ${e90}。results.json）。新規患者への指針は、楽観度補正後の較正傾きと上のバイアス補正後の群である。${corrected}`,
  dcModel: "計算ツールの予測リスクで判断",
  dcCorrected: "同上、楽観度補正後",
  dcAll: "全員を高リスクとして扱う",
  dcNone: "誰も高リスクとして扱わない",
  dcX: (time) => `${time}までの死亡の閾値リスク`,
  dcY: "正味の利益",
  dcPlotTitle: "決定曲線",
  dcDescription: (time) => `${time}時点で、予測リスクに基づいて行動する場合、全員に行動する場合、誰にも行動しない場合の正味の利益（閾値リスク別）。`,
  dcTitle: (time, corrected) => `${time}時点の決定曲線（見かけ${corrected ? "および楽観度補正後" : ""}）。`,
  dcCaption: (time, b, population) =>
    `${time}までの死亡の予測リスクが閾値以上の患者を高リスクとする場合の正味の利益（Vickers et al. 2008）：真陽性から、閾値オッズで重み付けした偽陽性を引いたもの。イベントはカプラン・マイヤーで数える。モデルが役立つのは、その曲線が「全員」と「誰も」の両方を上回る閾値のみである。見かけ：同じ患者${b === null ? "" : `。補正後：ブートストラップ再当てはめ${b}回の楽観度（自身の標本での正味の利益 − 全患者での正味の利益）を引いたもので、新規患者で期待される値`}。対象：${population}。`,
  dtTitle: (time, population) => `${time}時点の正味の利益――${population}`,
  dtThreshold: "閾値リスク、%",
  dtCalled: "高リスクと判定、%",
  dtModel: "正味の利益：モデル",
  dtEveryone: "正味の利益：全員",
  dtCorrected: "正味の利益：モデル、楽観度補正後",
  dtFoot: (time, risk, b, shrinkage) =>
    `カプラン・マイヤーによる${time}までの死亡リスク：これらの患者全体の${risk}%。「誰も」の正味の利益は0。見かけ（同じ患者）${b === null ? "" : `。楽観度補正はブートストラップ${b}回による（Harrellの方法、各再当てはめは計算ツールと同様に${shrinkage}倍に縮小）`}。`,
  // ---- 長期生存への答え（long-term-answer.ts）
  laTheDisease: "疾患",
  laWhoAll: (n) => `全${n}例`,
  laWhoSome: (n, who) => `${who}${n}例`,
  laEventsRelative: (e) => `死亡${e}件（全死因。モデルは生命表を上回る過剰分を疾患に帰属させる）`,
  laEventsAny: (e) => `イベント${e}件（全原因）`,
  laEventsCause: (e, cause) => `${cause}による死亡${e}件`,
  laModel: (kind, latency, chosen) =>
    `${kind === "relative" ? "相対生存" : kind === "all-cause" ? "全死因" : "死因別"}の${latency}潜時混合治癒モデル${chosen === "aic" ? "（潜時分布は収束したWeibull、対数正規、対数ロジスティック、一般化ガンマの当てはめのうちAIC最小のもの）" : chosen === "ph" ? "" : "（潜時分布は研究仕様の指定どおり）"}`,
  laCriterionRelative: "モデルの種類の基準：相対生存には死因は不要で、患者自身の集団と暦年の生命表だけが必要である。代替となる死因別モデルには、すべての死亡に死因の記録が必要である。",
  laCriterionCause: "モデルの種類の基準：すべての死亡に死因が記録されているため死因別モデルとした（死因のない死亡があれば実行は停止する）。死因が欠測または信頼できない場合は相対生存が代替となり、患者自身の集団と暦年の生命表が必要である。",
  laEffect: (or, lower, upper, to, from) => `治癒のオッズ比 ${or}、95%信頼区間 ${lower}–${upper}、${to}対${from}`,
  laUnusable: (covariate, effect, fold) => `${covariate}（${effect}。信頼区間の幅が${fold}倍を超える）`,
  laNoUsable: (all, list) => `${all ? "治癒への効果について有用な推定値をもつ共変量はない" : "有用な推定値がない共変量"}：${list}。`,
  laProfileAt: (pct, name, lower, upper) => `${pct}（${name}${lower === null || upper === null ? "" : `。95%信頼区間 ${lower}–${upper}%`}）`,
  laProfileRange: (lo, hi) => `発生モデルによれば、治癒確率は${lo}から${hi}までである（他の共変量は平均値）。`,
  laPrediction: (endpoint, time, unit, population, n, events, corrected, c, reading) =>
    `術前に区別できるか：${population}における${time}${unit}時点の${endpoint}の予測モデル（n = ${n}、イベント${events}件）の${corrected ? "楽観度補正後の" : ""}HarrellのC統計量は${c}で、${reading === "chance" ? "識別能は偶然（0.5）とほとんど変わらない" : reading === "modest" ? "識別能は中程度である" : "識別能は有用である"}。`,
  laLimitFollowUp: (events, beyond, inconclusive) =>
    `治癒と呼べるだけ追跡期間が十分であること：最終イベント前のMaller–Zhouウィンドウ内のイベントは${events}件、最終イベント以降の追跡例は${beyond}例で、確認は${inconclusive ? "判定不能" : "不合格"}であり、ここでの治癒割合はすべて上限である`,
  laLimitAbovePlateau: (model, plateau) =>
    `カプラン・マイヤープラトーを上回る治癒割合：モデルの${model}は最終イベント後に生存している${plateau}を上回り、モデルは末尾で治癒を過大評価している。プラトーの方が安全な数値である`,
  laLimitLatencies: (n, lo, hi) => `潜時分布の選択：${n}つの当てはめがAIC差2以内にあり、治癒割合は${lo}から${hi}である`,
  laLimitEpv: (events, parameters, epv) => `共変量効果の精密な推定：係数${parameters}個に対しイベント${events}件（係数あたり${epv}件）`,
  laLimitCause: (cause) => `${cause}による死亡と他因死の区別：モデルの患者に他因死はなく、ここでは死因別モデルを全死因モデルと区別できない`,
  laLimitFit: "カプラン・マイヤー曲線へのモデルの良好な当てはまり：モデルはブートストラップバンドを外れる",
  laLimitRelative: "他集団の期待死亡率：相対生存モデルは、生命表が患者自身の集団と年のものである場合にのみ成り立つ",
  laDisagreeOutside: (pct, lower, upper, time, unit) => `モデルの治癒割合${pct}が、追跡終了時点のカプラン・マイヤー推定の95%信頼区間（${time}${unit}時点で${lower}–${upper}%）の外にある`,
  laDisagreePlateau: (check) =>
    `モデルは治癒した割合の存在を仮定しているが、データはカプラン・マイヤー曲線がプラトーに達したことを示していない${check === null ? "" : `（追跡期間の確認は${check.inconclusive ? "判定不能" : "不合格"}：最終イベント前のMaller–Zhouウィンドウ内のイベント${check.events}件、最終イベント以降の追跡例${check.beyond}例）`}`,
  laNoNonparametric: "ノンパラメトリックな推定値は得られない。",
  laKmAfterLast: (pct) => `ノンパラメトリックな推定値（最終イベント後のカプラン・マイヤー生存率）は${pct}である。`,
  laKmAtEnd: (time, unit, pct, ci) => `ノンパラメトリックな推定値（追跡終了時点、${time}${unit}のカプラン・マイヤー生存率）は${pct}${ci}で、治癒した割合の上限である。`,
  laCi: (lower, upper) => `（95%信頼区間 ${lower}–${upper}%）`,
  laHead: (disease, who, events, model) => `長期生存者となる、あるいは${disease}が治癒するのは誰か？${who}（${events}）において、${model}`,
  laNoEvents: (head) => `${head}は推定できない：イベントがない。`,
  laDisagree: (head, why, pct, km) => `${head}とデータは一致しない。${why}ためである。したがってモデルの治癒割合（${pct}）は本研究の知見ではない。${km}`,
  laEstimate: (head, pct, ci, cured, km) =>
    `${head}によれば${pct}${ci}が治癒している（${cured.kind === "relative" ? "一般集団を上回る過剰死亡がない" : cured.kind === "any" ? "イベントが決して起こらない" : `${cured.disease}で死亡することがない`}）。${km}`,
  laPlateauAt: (time, unit, pct) => `ノンパラメトリックな推定値（${time}${unit}の最終イベント後のカプラン・マイヤープラトー）は${pct}である。`,
  laNoObjection: "信頼区間の幅を超えて、データがこれらの推定値に異議を唱える点はない。",
  laCannot: (list) => `データが支持しないこと：${list}。`,
  crPopulation: (n, endpoint, all) => `${endpoint}のデータがある${all ? "全" : ""}${n}例${all ? "" : "（本解析のデータが揃った症例）"}、n = ${n}`,
  crModelsPopulation: (n, endpoint, all) => `${endpoint}のデータがある${all ? "全" : ""}${n}例${all ? "" : "（共変量が揃った症例）"}、n = ${n}`,
  crTableTitle: (by) => `競合する死因の累積発生率${by === null ? "" : `（${by}別）`}`,
  crCause: "死因",
  crGroup: "群",
  crEvents: "イベント数",
  crAtTime: (t, unit) => `${t}${unit}、%（SE）`,
  crAtLast: "最終追跡時、%（SE）",
  crGrayP: "p（Gray検定）",
  crFootAalen: (endpoint, causes) => `${endpoint}のイベントの各競合原因（${causes}）の累積発生率のAalen-Johansen推定値とGrayの標準誤差（cmprsk::cumincと同じ）。イベントのない症例は打ち切りとした。`,
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
  cifDescription: (causes, groups, risk) => `${causes}の累積発生率${groups === null ? "" : `（群：${groups}）`}${risk ? "。リスク集合の症例数付き" : ""}。`,
  cmTitle: "競合する死因：回帰モデル",
  cmCauseCovariate: "死因／共変量",
  cmCauseSpecific: "原因別ハザード比（95%信頼区間）",
  cmSubdistribution: "部分分布ハザード比（95%信頼区間）",
  cmFootModels:
    "原因別ハザード比：他の死因を打ち切りとした当該死因のイベントのCox回帰（イベントのない症例における当該死因の発生率への効果；survival::coxph）。部分分布ハザード比：Fine–Grayモデル（当該死因の累積発生率への効果；cmprsk::crr、ロバスト標準誤差）。",
  cmFootRefused: (floor) => `推定せず：モデルのパラメータ当たりのイベント数が${floor}未満の死因はモデル化しない（analyses.safeguards.epvFloor）。`,
  recGl: (name, mu, lower, upper, time, unit, nRisk) => `${name}1例当たり${mu}（95%信頼区間 ${lower}–${upper}）、${time}${unit}時点（リスク集合${nRisk}例）`,
  recNaive: (name, v, time, unit) => `${name}${v}（${time}${unit}時点）`,
  recNotQuoted: (min) => `記載せず（すべてのイベント時点でリスク集合が${min}例未満）`,
  recIntro: (events, label, patients, terminal, min, quotes) =>
    `${patients}例に${label}のイベント${events}件。${terminal}を終末イベントとした1例当たりの平均イベント数（Ghosh-Lin法；${terminal}後のイベントなし；ロバスト信頼区間）を、リスク集合が${min}例以上の最後のイベント時点で読んだ値：${quotes}。`,
  recNaiveIntro: (terminal, quotes) => `比較のためだけに、${terminal}を打ち切りとして扱う平均累積関数（${terminal}のない世界での発生率であり、${terminal}が多い場合は負担を過大評価する）の同時点の値：${quotes}。`,
  recFromOperation: (population, column, terminal) => `対象：${population}。時間0は初回手術${column === null ? "" : `（${column}）`}で、イベントはその後の手術、追跡は${terminal}または最終確認日で終了する。`,
  recIndexCounted: (column) => `初回手術（${column}）をイベントとして数えた。これがない症例はイベントを持ち得ないため、治療別の群は定義上異なる。`,
  recIndexNotCounted: (column) => `初回手術（${column}）は数えず、その後の手術をイベントとした。再手術は初回手術の後にしか起こらないため、初回手術のない症例はイベントを持ち得ない。`,
  recPopulation: (who, n, endpoint, events) => `${endpoint}について追跡した${who === null ? `${n}例` : `${who}${n}例`}、n = ${n}、イベント${events}件`,
  recNaiveName: (terminal) => `単純推定（${terminal}で打ち切り）`,
  recGhoshLinName: "Ghosh-Lin法",
  recYLabel: "1例当たりの平均イベント数",
  recPlotTitle: (label) => `${label}：平均イベント数`,
  recFigureTitle: (label) => `${label}：1例当たりの平均イベント数。`,
  recFigureCaption: (by, terminal, cut, population) =>
    `${terminal}を終末イベントとしたGhosh-Lin法による平均イベント数${by === null ? "" : `（${by}別）`}（mets::recurrentMarginalと同じ）、ロバスト分散による95%信頼区間。${terminal}で打ち切る単純な平均累積関数は比較のためだけに信頼区間なしで示した。観察中：生存し追跡中の症例で、両推定で共通。${cut === null ? "" : `観察中の症例が${cut}例未満となった時点で曲線を打ち切った。`}対象：${population}。`,
  mcfRiskTitle: "観察中",
  mcfTitle: "平均累積関数",
  mcfDescription: (yTitle, groups, risk) => `${yTitle}${groups === null ? "" : `（群：${groups}）`}${risk ? "。観察中の人数付き" : ""}。`,
  rcTitle: (label) => `${label}：1例当たりのイベント数`,
  rcEvents: "イベント数",
  rcPatients: "症例数",
  rcFoot: (label, index) => `イベント：記録された${label}の各日付${index === null ? "" : "（初回手術は数えない）"}。`,
  rmTitle: (label) => `${label}：再発イベントモデル`,
  rmCovariate: "共変量",
  rmHr: (model) => `${recurrentModelJa(model)}：ハザード比（95%信頼区間）`,
  rmFootFollowUp: (events, patients, fromOperation, endpoint) => `${patients}例にイベント${events}件、追跡は${fromOperation ? "初回手術" : `${endpoint}の起点`}からイベントまたは打ち切りまで。症例単位でクラスタ化したロバスト（サンドイッチ）分散。`,
  rmFootModel: (model, call, kind) =>
    `${recurrentModelJa(model)}：${call}${kind === "ag" ? "　すべてのイベントが1つのベースラインハザードを共有する（率比）" : kind === "pwp-total" ? "　k番目のイベントのリスク集合はイベントがk − 1回の症例、時間は起点から" : "　k番目のイベントのリスク集合はイベントがk − 1回の症例、時間は前回のイベントから"}。`,
  whyShortSampleSize: (available, availableEvents, n, events) =>
    `モデルは${available}例（イベント${availableEvents}件）で当てはめたが、予測モデルに必要な最小サンプルサイズ${n}例（イベント${events}件）に満たない（Riley et al. 2020）`,
  whyShortNoSignal: "モデルは偶然以上の説明力をもたない（尤度比統計量が係数の数を超えない）",
  whyShortC: (corrected, c, auc, minimum) =>
    `${corrected ? "楽観度補正後の" : "見かけの"}HarrellのC統計量 ${c}${auc === null ? "" : `、AUC ${auc}`}で、${minimum}を下回る`,
  transparencyOnly: (why) => `モデルは透明性のために報告し、計算ツールとノモグラムは提供しない：${why}。`,
  tripodModelWithheld: (population, diverging, shrinkage) =>
    `10a–10b モデル：${population}におけるCox比例ハザードモデル。連続予測因子は連続のまま（線形）、変数選択なし${diverging === null ? "" : `（発散した項を除外：${diverging}）`}。同順位はEfron法${shrinkage === null ? "" : `。新規患者に必要な一様縮小係数は${shrinkage}（ノモグラムと計算ツールは提供しない）`}。`,
  puCorrectedCalWithheld: (b, ici, iciApparent, e50, e90) =>
    `新規患者に対して、楽観度補正後の縮小モデルの予測（ブートストラップ${b}回）：ICI ${ici}（見かけ ${iciApparent}）、E50 ${e50}、E90 ${e90}――予測リスクと観測リスクの絶対差の平均、中央値、90パーセンタイル。`,
  dcModelWithheld: "モデルの予測リスクで判断",
  dtFootWithheld: (time, risk, b, shrinkage) =>
    `カプラン・マイヤー法による${time}までの死亡リスク：これらの患者全体の${risk}%。「誰も」の正味の利益は0。見かけ（同じ患者）${b === null ? "" : `。楽観度補正はブートストラップ${b}回による（Harrellの方法、各再当てはめは報告したモデルと同様に${shrinkage}倍に縮小）`}。`,
  whySep: "；",
  ssIntro: (parameters, horizon, verdict) =>
    `予測モデルの最小サンプルサイズ（Riley et al. 2019, 2020）：パラメータ${parameters}個のモデルが、縮小をほとんど必要とせず、楽観性が小さく、${horizon}までのイベントの全体リスクを精度よく推定できると見込まれる最小の患者数。計算ツールとノモグラムは、モデルの患者数がこれに達する場合にのみ提供する。${verdict}`,
  ssEnoughPatients: (n, events, min, minEvents) => `患者${n}例（イベント${events}件）は最小値${min}例（約${minEvents}イベント）に達する。`,
  ssShortPatients: (n, events, min, minEvents) =>
    `患者${n}例（イベント${events}件）は最小値${min}例（約${minEvents}イベント）に届かない：モデルは過学習となり、見かけの性能は楽観的になると考えられる。`,
  ssRateUnits: (rate, per, followUp, horizon, risk, lower, upper, km) =>
    `イベント率：追跡1人・1${per}あたり${rate}件、平均追跡期間${followUp}。${horizon}までのイベントの全体リスク${risk}（pmsampsizeと同じくイベント率からの指数近似${km === "" ? "" : `。カプラン・マイヤー法では${km}`}。最小患者数での95%信頼区間${lower}–${upper}）。`,
  sumRiley: (n, events, shrinkage, optimism, risk, availableN, availableEvents, enough) =>
    `  Rileyの最小サンプルサイズ：少なくとも患者${n}例（約${events}イベント）、3基準の最大値（期待縮小${shrinkage}例、楽観性${optimism}例、全体リスクの精度${risk}例）。モデルの患者は${availableN}例（イベント${availableEvents}件）${enough ? "" : "：不足（そのため計算ツールとノモグラムは提供しない）"}`,
};

/** Japanese templates of the engine texts of this part (LONG_TERM_PATTERNS). */
export const longTermTextsJa: Readonly<Record<LongTermTextId, EngineTemplate>> = {
  ltPopulationFromTreatment: ({ g }) => `${g.kind === "treated" ? "治療例" : "非治療例"}（${g.arm}）、治療日から`,
  ltPopulationArm: ({ g }) => `${g.kind === "treated" ? "治療例" : "非治療例"}（${g.arm}）`,
  ltPopulationAllOrigin: () => "全症例（エンドポイントの起点から）",
  ltPopulationAll: () => "全症例",
  ltEventRelative: ({ g }) =>
    `一般集団（同じ年齢・性別・暦年）を上回る${g.what === "mortality" ? "過剰死亡" : `過剰な${(g.what ?? "").replace(/^the event of /, "")}`}（相対生存：記録された死因にかかわらず疾患による死亡）`,
  ltModelPatientsIncidence: ({ g }) => `モデルの患者${g.n}例（${g.t}を発生モデルに含む）`,
  ltModelPatientsOneArm: ({ g }) => `モデルの患者${g.n}例（全例が同じ${g.t}の状態）`,
  ltModelPatientsPooled: ({ g }) => `モデルの患者${g.n}例（治療群と非治療群を合わせる。${g.t}はモデルに含まれない）`,
  ltModelPatients: ({ g }) => `モデルの患者${g.n}例`,
  ltPopulationN: ({ g, t }) => {
    // "治療例（…）、治療日から" → "治療日からの治療例（…）44例"
    const who = t(g.who ?? "");
    const m = /^(.*)、治療日から$/.exec(who);
    return m === null ? `${who}${g.n}例` : `治療日からの${m[1]}${g.n}例`;
  },
  ltVerdictInconclusive: ({ g }) =>
    `判定不能：確認は${g.a}から${g.b}の間（最終イベント前のMaller–Zhouウィンドウ）のイベント${g.e}件と、${g.last}の最終イベント以降も追跡された患者${g.n}例に基づく。どちらかが${g.min}未満では追跡期間が十分かどうか判断できない（Maller–Zhou p = ${g.p}）。`,
  ltVerdictSufficient: ({ g }) =>
    `Maller–Zhou検定により追跡期間は十分（p = ${g.p} < ${g.alpha}）。${g.a}から${g.b}の間（最終イベント前のMaller–Zhouウィンドウ）のイベント${g.e}件と、${g.last}の最終イベント以降も追跡された患者${g.n}例に基づく。`,
  ltVerdictNotShown: ({ g }) =>
    `追跡期間の十分性は示されなかった（Maller–Zhou p = ${g.p} ≥ ${g.alpha}${g.minPlateau === undefined ? "" : `、またはプラトーが${g.minPlateau}より短い`}）。${g.a}から${g.b}の間（最終イベント前のMaller–Zhouウィンドウ）のイベント${g.e}件と、${g.last}の最終イベント以降も追跡された患者${g.n}例に基づく。`,
  ltFitCaption: ({ g }) => {
    const u = UNIT_JA[g.unit ?? ""] ?? g.unit;
    const side = (x: string): string => (x === "above" ? "上" : "下");
    const band = `カプラン・マイヤー推定の${g.level}%同時ブートストラップバンド（±${g.hw}。リサンプリング${g.rep}回、シード${g.seed}）`;
    const outside = (g.outside ?? "").replace(/\((above|below), /g, (_m, x: string) => `（${side(x)}、`).replace(/ (days|weeks|months|years)\)/g, (_m, x: string) => `${UNIT_JA[x] ?? x}）`);
    return (
      `モデル曲線とカプラン・マイヤー推定の最大距離：${g.at}${u}で${g.d}（モデルが${side(g.side ?? "")}）` +
      `${g.from === undefined ? "" : `。${g.from}から${g.to}${u}までモデルはカプラン・マイヤー推定より上にある`}` +
      `。${g.inside === "stays inside" ? `モデル曲線は${band}の内側にとどまる` : `モデル曲線は${band}を外れる${outside}`}。`
    );
  },
  ltCriterionAic: () => "収束した当てはめのうちAIC最小",
  ltProfileQuartile: ({ g }) => `${g.label} = ${g.v}（${QUARTILE[g.q ?? ""] ?? g.q}${g.i === undefined ? "" : "、補間値"}）`,
  ltQuartileValue: ({ g }) => `${g.v}（${QUARTILE[g.q ?? ""] ?? g.q}${g.i === undefined ? "" : "、補間値"}）`,
  ltTerminalDeath: () => "死亡",
  ltTerminalEvent: ({ g }) => `${g.ep}のイベント`,
};
