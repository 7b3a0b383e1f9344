/**
 * Japanese texts of one part of the report: Long-term survival and cure, the prediction model, recurrent events and competing risks (src/report/sections-long-term.ts, tables-long-term.ts, sections-prediction-use.ts, the competing-risks section).
 * English reference: src/i18n/long-term-en.ts. Terms as in Japanese clinical journals: 累積発生率, 競合リスク,
 * 原因別ハザード比, 部分分布ハザード比（Fine-Grayモデル）.
 */
import type { LongTermMessages, LongTermTextId } from "./long-term-en.js";
import type { EngineTemplate } from "./warnings.js";

const QUARTILE: Readonly<Record<string, string>> = { "lower quartile": "下位四分位", median: "中央値", "upper quartile": "上位四分位" };
const UNIT_JA: Readonly<Record<string, string>> = { days: "日", weeks: "週", months: "か月", years: "年" };

export const longTermJa: LongTermMessages = {
  // ---- 治癒（cureSection、治癒モデルの表、plots/cure-fit.ts）
  cureFlat: (length, unit, pct) => `Kaplan–Meier曲線は最終イベント後${length}${unit}にわたり${pct}で平坦である。`,
  cureRule: (min, alpha) => `（判定規則：ウィンドウ内のイベントが${min}件未満、または最終イベント以降も追跡された患者が${min}例未満なら判定不能。それ以外は有意水準${alpha}のMaller–Zhou検定で判定する。）`,
  cureUpperBound: "以下の治癒割合は上限として読むこと：今後もイベントが起こりうる。",
  cureOfWhat: (event, population, latency, aic, notOfDisease) =>
    `治癒割合が意味するもの：${population}において${event}が決して起こらない確率。潜時分布は${latency}${aic ? "（パラメトリック潜時分布のうちAIC最小）" : ""}。${notOfDisease === null ? "" : `これは疾患の治癒割合ではない${notOfDisease.anyCause ? "（他因死もイベントとして数える）" : ""}${notOfDisease.pooled ? "（治療群と非治療群を合わせている）" : ""}。`}`,
  cureRelative: (description) => `相対生存：${description}。モデルはS(t) = S*(t)·[π + (1 − π)·S_u(t)]で、S*(t)は各患者の期待生存率である。治癒割合πは過剰死亡のない患者の割合（その生存率は一般集団と等しい）である。`,
  curePopulation: (all, n, who, endpoint, fromTreatment, excluded) =>
    `${fromTreatment ? "治療日から" : ""}${endpoint}のデータがある${all ? "全" : ""}${who ?? ""}${n}例${excluded === null ? "" : `（モデルの共変量が揃った症例。${excluded}例を除外）`}、n = ${n}`,
  cureFitPlotTitle: (label) => `${label}：Kaplan–Meier曲線に重ねた治癒モデル`,
  cureFitFigureTitle: (label) => `${label}：Kaplan–Meier推定に重ねた混合治癒モデル。`,
  cureFitCaption: (by, relative, fits, population, kmN) =>
    `実線：${by ? `${by}別の` : ""}Kaplan–Meier推定。破線：治癒モデルによる生存率（${relative ? "全死因：S*(t)·[π + (1 − π)·S_u(t)]、S*(t)は生命表による期待生存率" : "π + (1 − π)·S_u(t)"}、${by ? "群内の" : ""}患者で平均）。点線：推定治癒割合${by ? "（群別）" : ""}。${fits}対象：${population}${kmN === null ? "" : `（Kaplan–Meier：n = ${kmN}）`}。`,
  cureProfilesPopulation: (population) => `モデルの対象：${population}`,
  cureOverall: "全体",
  cureNoEvents: "推定不能（イベントなし）",
  cureGroupEstimate: (estimate, lower, upper, plateau, disagrees) =>
    `${estimate}（95%信頼区間 ${lower}–${upper}）${plateau === null ? "" : `、Kaplan–Meierプラトー ${plateau}`}${disagrees ? "――知見ではない：モデルとデータが一致しない（第1段落参照）" : ""}`,
  cureSummary: (disagrees, latency, aic, event, population, groups) =>
    `${latency}潜時の混合治癒モデル${aic ? "（AIC最小）" : ""}による${disagrees ? "" : "推定"}治癒割合（${event}が決して起こらない確率。${population}）：${groups}。共変量を条件とした各患者の治癒確率、およびそれまでイベントなく追跡されたことを条件とした治癒確率はresults.json（analyses.cure.patients）にある。`,
  cfCured: (pct) => `治癒 ${pct}`,
  cfModel: "治癒モデル",
  cfTitle: "Kaplan–Meier曲線に重ねた治癒モデルの当てはめ",
  cfDescription: (groups, fractions, risk) =>
    `Kaplan–Meier推定（実線）と当てはめた混合治癒モデルによる集団の生存率（破線）${groups === null ? "" : `（群：${groups}）`}${fractions === null ? "" : `。点線は治癒割合（${fractions}）`}${risk ? "。リスク集合の人数付き" : ""}。`,
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
  ctMallerZhou: "Maller–Zhou p",
  ctKmLast: "最終イベント時のKM、%",
  ctFollowUp: "追跡期間",
  ctDistance: "モデルとKMの最大距離",
  ctFootCured: (model, event, population) => `治癒：${model}による、${event}が決して起こらない確率を群内の患者で平均したもの（${population}）。`,
  ctFootPlateau:
    "プラトー：最終イベントから追跡終了までの期間で、この間Kaplan–Meier曲線は平坦である。最終イベント時のKM：ノンパラメトリックな治癒推定値（プラトーの高さ）。Maller–Zhou p：追跡期間の十分性の検定（Maller & Zhou 1996、q_n）。追跡期間：最終イベント前のウィンドウ内のイベントが5件未満、または最終イベント以降の追跡例が5例未満なら判定不能、それ以外はp < 0.05で十分。",
  ctFootDistance: (replicates, seed) => `最大距離：|モデルの生存率 − Kaplan–Meier|の時間にわたる上限。バンド外：モデル曲線がKaplan–Meier推定の95%同時ブートストラップバンド（リサンプリング${replicates}回、シード${seed}）を外れる。`,
  clLowestAic: "（AIC最小）",
  clNotConverged: "（収束せず：比較対象外）",
  clUsed: "――採用",
  clEmUsed: "セミパラメトリック比例ハザード（EM）――採用",
  clKm: "ノンパラメトリック：最終イベント時のKaplan–Meier",
  clTitle: "治癒モデル：潜時分布の選択",
  clLatency: "非治癒例の潜時分布",
  clLoglik: "対数尤度",
  clCured: "治癒、%（95%信頼区間）",
  clFootCriterion: (criterion) =>
    `基準：${criterion}（AIC = −2 対数尤度 + 2 × パラメータ数。一般化ガンマ分布は形状パラメータQが1つ多く、Q = 1でWeibull分布、Q → 0で対数正規分布を含むため、両者のうち良い方から常に2以内にある）。ΔAICが2未満なら、データはどちらの潜時分布もほとんど優先しない：その場合、それらのモデルの治癒割合の幅が正直な範囲である。`,
  clFootKm: "最終イベント時のKaplan–Meier：ノンパラメトリックな治癒推定値で、追跡期間が十分な場合にのみ有効（追跡期間の確認を参照）。セミパラメトリックモデルには比較可能な尤度がない。",
  cpTitle: "共変量プロファイル別の治癒割合",
  cpProfile: "プロファイル",
  cpFoot: "各プロファイルにおける発生モデルによる治癒確率（他の共変量は平均値）。信頼区間はロジット尺度でのデルタ法による。",
  cmIncidence: "発生（incidence）：治癒のオッズ比",
  cmLatencyTime: "潜時：非治癒例における時間比",
  cmLatencyHazard: "潜時：非治癒例におけるハザード比",
  cmFootMixture: "混合治癒モデル：生存率 = π + (1 − π)·S_u(t)。πは治癒確率（ロジスティックモデル）、S_uは非治癒例の生存率（潜時）。",
  cmFootEm: "セミパラメトリック比例ハザード潜時（Rのsmcure）。信頼区間とp値はブートストラップ標準誤差による。",
  cmFootAft: (latency, shape, rate, unit) =>
    `${latency}潜時：形状 ${shape}、率 ${rate}（1${unit}あたり）。時間比 e^{−β}（非治癒例の生存時間は単位あたりこの倍率で変わる）。Wald検定は観測情報行列による。`,
  cmFootWeibull: (shape, rate, unit) => `Weibull潜時：形状 ${shape}、率 ${rate}（1${unit}あたり）。ハザード比 e^{αβ}、信頼区間はデルタ法。Wald検定は観測情報行列による。`,
  cmPerUnit: (unit) => ({ days: "日", weeks: "週", months: "か月", years: "年" })[unit] ?? unit,
  cmTitleCure: "治癒モデルの係数",
  cmCovariate: "共変量",
  cmRatio: "比（95%信頼区間）",
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
    `Kaplan–Meierプラトーを上回る治癒割合：モデルの${model}は最終イベント後に生存している${plateau}を上回り、モデルは末尾で治癒を過大評価している。プラトーの方が安全な数値である`,
  laLimitLatencies: (n, lo, hi) => `潜時分布の選択：${n}つの当てはめがAIC差2以内にあり、治癒割合は${lo}から${hi}である`,
  laLimitEpv: (events, parameters, epv) => `共変量効果の精密な推定：係数${parameters}個に対しイベント${events}件（係数あたり${epv}件）`,
  laLimitCause: (cause) => `${cause}による死亡と他因死の区別：モデルの患者に他因死はなく、ここでは死因別モデルを全死因モデルと区別できない`,
  laLimitFit: "Kaplan–Meier曲線へのモデルの良好な当てはまり：モデルはブートストラップバンドを外れる",
  laLimitRelative: "他集団の期待死亡率：相対生存モデルは、生命表が患者自身の集団と年のものである場合にのみ成り立つ",
  laDisagreeOutside: (pct, lower, upper, time, unit) => `モデルの治癒割合${pct}が、追跡終了時点のKaplan–Meier推定の95%信頼区間（${time}${unit}時点で${lower}–${upper}%）の外にある`,
  laDisagreePlateau: (check) =>
    `モデルは治癒した割合の存在を仮定しているが、データはKaplan–Meier曲線がプラトーに達したことを示していない${check === null ? "" : `（追跡期間の確認は${check.inconclusive ? "判定不能" : "不合格"}：最終イベント前のMaller–Zhouウィンドウ内のイベント${check.events}件、最終イベント以降の追跡例${check.beyond}例）`}`,
  laNoNonparametric: "ノンパラメトリックな推定値は得られない。",
  laKmAfterLast: (pct) => `ノンパラメトリックな推定値（最終イベント後のKaplan–Meier生存率）は${pct}である。`,
  laKmAtEnd: (time, unit, pct, ci) => `ノンパラメトリックな推定値（追跡終了時点、${time}${unit}のKaplan–Meier生存率）は${pct}${ci}で、治癒した割合の上限である。`,
  laCi: (lower, upper) => `（95%信頼区間 ${lower}–${upper}%）`,
  laHead: (disease, who, events, model) => `長期生存者となる、あるいは${disease}が治癒するのは誰か？${who}（${events}）において、${model}`,
  laNoEvents: (head) => `${head}は推定できない：イベントがない。`,
  laDisagree: (head, why, pct, km) => `${head}とデータは一致しない。${why}ためである。したがってモデルの治癒割合（${pct}）は本研究の知見ではない。${km}`,
  laEstimate: (head, pct, ci, cured, km) =>
    `${head}によれば${pct}${ci}が治癒している（${cured.kind === "relative" ? "一般集団を上回る過剰死亡がない" : cured.kind === "any" ? "イベントが決して起こらない" : `${cured.disease}で死亡することがない`}）。${km}`,
  laPlateauAt: (time, unit, pct) => `ノンパラメトリックな推定値（${time}${unit}の最終イベント後のKaplan–Meierプラトー）は${pct}である。`,
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
  recYLabel: "1例当たりの平均イベント数",
  recPlotTitle: (label) => `${label}：平均イベント数`,
  recFigureTitle: (label) => `${label}：1例当たりの平均イベント数。`,
  recFigureCaption: (by, terminal, cut, population) =>
    `${terminal}を終末イベントとしたGhosh-Lin法による平均イベント数${by === null ? "" : `（${by}別）`}（mets::recurrentMarginalと同じ）、ロバスト分散による95%信頼区間。${terminal}で打ち切る単純な平均累積関数は比較のためだけに信頼区間なしで示した。観察中：生存し追跡中の症例で、両推定で共通。${cut === null ? "" : `観察中の症例が${cut}例未満となった時点で曲線を打ち切った。`}対象：${population}。`,
  mcfRiskTitle: "観察中",
  mcfTitle: "平均累積関数",
  rcTitle: (label) => `${label}：1例当たりのイベント数`,
  rcEvents: "イベント数",
  rcPatients: "症例数",
  rcFoot: (columns, index) => `列${columns}より${index === null ? "" : `（${index}は初回手術として数えない）`}。`,
  rmTitle: (label) => `${label}：再発イベントモデル`,
  rmCovariate: "共変量",
  rmHr: (model) => `${model}：ハザード比（95%信頼区間）`,
  rmFootFollowUp: (events, patients, fromOperation, endpoint) => `${patients}例にイベント${events}件、追跡は${fromOperation ? "初回手術" : `${endpoint}の起点`}からイベントまたは打ち切りまで。症例単位でクラスタ化したロバスト（サンドイッチ）分散。`,
  rmFootModel: (model, call, kind) =>
    `${model}：${call}${kind === "ag" ? "　すべてのイベントが1つのベースラインハザードを共有する（率比）" : kind === "pwp-total" ? "　k番目のイベントのリスク集合はイベントがk − 1回の症例、時間は起点から" : "　k番目のイベントのリスク集合はイベントがk − 1回の症例、時間は前回のイベントから"}。`,
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
  ltPopulationN: ({ g, t }) => `${t(g.who ?? "")}${g.n}例`,
  ltVerdictInconclusive: ({ g }) =>
    `判定不能：確認は${g.a}から${g.b}の間（最終イベント前のMaller–Zhouウィンドウ）のイベント${g.e}件と、${g.last}の最終イベント以降も追跡された患者${g.n}例に基づく。どちらかが${g.min}未満では追跡期間が十分かどうか判断できない（Maller–Zhou p = ${g.p}）。`,
  ltVerdictSufficient: ({ g }) =>
    `Maller–Zhou検定により追跡期間は十分（p = ${g.p} < ${g.alpha}）。${g.a}から${g.b}の間（最終イベント前のMaller–Zhouウィンドウ）のイベント${g.e}件と、${g.last}の最終イベント以降も追跡された患者${g.n}例に基づく。`,
  ltVerdictNotShown: ({ g }) =>
    `追跡期間の十分性は示されなかった（Maller–Zhou p = ${g.p} ≥ ${g.alpha}${g.minPlateau === undefined ? "" : `、またはプラトーが${g.minPlateau}より短い`}）。${g.a}から${g.b}の間（最終イベント前のMaller–Zhouウィンドウ）のイベント${g.e}件と、${g.last}の最終イベント以降も追跡された患者${g.n}例に基づく。`,
  ltFitCaption: ({ g }) => {
    const u = UNIT_JA[g.unit ?? ""] ?? g.unit;
    const side = (x: string): string => (x === "above" ? "上" : "下");
    const band = `Kaplan–Meier推定の${g.level}%同時ブートストラップバンド（±${g.hw}。リサンプリング${g.rep}回、シード${g.seed}）`;
    const outside = (g.outside ?? "").replace(/\((above|below), /g, (_m, x: string) => `（${side(x)}、`).replace(/ (days|weeks|months|years)\)/g, (_m, x: string) => `${UNIT_JA[x] ?? x}）`);
    return (
      `モデル曲線とKaplan–Meier推定の最大距離：${g.at}${u}で${g.d}（モデルが${side(g.side ?? "")}）` +
      `${g.from === undefined ? "" : `。${g.from}から${g.to}${u}までモデルはKaplan–Meier推定より上にある`}` +
      `。${g.inside === "stays inside" ? `モデル曲線は${band}の内側にとどまる` : `モデル曲線は${band}を外れる${outside}`}。`
    );
  },
  ltCriterionAic: () => "収束した当てはめのうちAIC最小",
  ltProfileQuartile: ({ g }) => `${g.label} = ${g.v}（${QUARTILE[g.q ?? ""] ?? g.q}）`,
  ltQuartileValue: ({ g }) => `${g.v}（${QUARTILE[g.q ?? ""] ?? g.q}）`,
  ltTerminalDeath: () => "死亡",
  ltTerminalEvent: ({ g }) => `${g.ep}のイベント`,
};
