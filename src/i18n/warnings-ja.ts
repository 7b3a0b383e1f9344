/**
 * Japanese templates of the engine texts (src/i18n/warnings-en.ts has the English patterns and their
 * groups). Terms as in the Japanese catalogue (src/i18n/ja.ts): パラメータあたりのイベント数（EPV）、
 * ハザード比、信頼区間、傾向スコア、マッチング、猶予期間、治癒割合、打ち切り。
 */
import type { EngineCatalogue, ScopeCatalogue } from "./warnings.js";
import { immortalTextsJa } from "./immortal-ja.js";
import { causalTextsJa } from "./causal-ja.js";
import { effectsTextsJa } from "./effects-ja.js";
import { longTermTextsJa } from "./long-term-ja.js";
import { descriptiveTextsJa } from "./descriptive-ja.js";

const UNITS: Readonly<Record<string, string>> = { days: "日", weeks: "週", months: "か月", years: "年" };
const unit = (u: string | undefined): string => (u === undefined ? "" : (UNITS[u] ?? u));

/** '"A" and "B"' → '"A"と"B"'. */
const terms = (s: string | undefined): string => (s ?? "").replace(/" and "/g, '"と"').replace(/", "/g, '"、"');

/** "5 missing X, 4 missing Y" → "X欠測 5例、Y欠測 4例" (the labels are data, kept as written). */
const missingList = (s: string | undefined): string =>
  (s ?? "")
    .split(/, (?=\d+ missing )/)
    .map((item) => item.replace(/^(\d+) missing (.+)$/, "$2欠測 $1例"))
    .join("、");

/** Effect-model labels ("PS-matched Cox adjusted for covariates (ATM, conditional HR)") word by word. */
export function effectWordsJa(s: string): string {
  return s
    .replace(/\bCrude Cox\b/g, "粗Coxモデル")
    .replace(/\bMultivariable Cox\b/g, "多変量Coxモデル")
    .replace(/\bPS-matched Cox\b/g, "PSマッチングCoxモデル")
    .replace(/\bIPTW Cox\b/g, "IPTW Coxモデル")
    .replace(/ stratified on matched set/g, "（マッチドセットで層別）")
    .replace(/ adjusted for covariates/g, "（共変量調整）")
    .replace(/\bunadjusted HR\b/g, "未調整HR")
    .replace(/\bconditional HR\b/g, "条件付きHR")
    .replace(/\bmarginal HR\b/g, "周辺HR")
    .replace(/\bM-estimation SE\b/g, "M推定SE")
    .replace(/\brobust SE\b/g, "ロバストSE")
    // "(ATM, 条件付きHR)" → "（ATM、条件付きHR）": one width of brackets and commas inside a Japanese label
    .replace(/ \(([^()]*)\)/g, (_m, inner: string) => `（${inner.replace(/, /g, "、").replace(/; /g, "；")}）`);
}

const LATENCY: Readonly<Record<string, string>> = { Weibull: "Weibull", "log-normal": "対数正規", "log-logistic": "対数ロジスティック", "generalised gamma": "一般化ガンマ", exponential: "指数" };

export const engineTextsJa: EngineCatalogue = {
  ...immortalTextsJa,
  ...causalTextsJa,
  ...effectsTextsJa,
  ...longTermTextsJa,
  ...descriptiveTextsJa,
  notEstimatedCode: ({ g, t, s }) => `${s(g.what)}：${t(g.rest)} [${g.code}]`,
  notEstimableDash: ({ g, t, s }) => `${s(g.what)}：推定不能 — ${t(g.reason)} [${g.code}]`,
  notEstimable: ({ g, t }) => `推定不能：${t(g.reason)}`,
  eventDeath: () => "死亡",
  eventFromCause: ({ g }) => `${g.cause}による${g.event === "death" ? "死亡" : (g.event ?? "").replace(/^the event of /, "")}（他因死は打ち切り：死因別混合治癒モデル）`,
  eventAnyCause: ({ g }) => `全原因による${g.event === "death" ? "死亡" : (g.event ?? "").replace(/^the event of /, "")}`,
  noPooled: ({ g, t }) => `${t(g.text)}。統合推定値なし`,
  notEstimatedBare: ({ g }) => `推定せず：${g.p}パラメータに対してイベント${g.e}件（EPV ${g.epv}、下限${g.floor}。変更するには${g.key}を設定）`,
  fewBeyondLast: ({ g }) => `最後の死亡以降も追跡されている患者は${g.n}例のみで、プラトーはごく少数の患者に基づく。`,
  treatedFromDate: ({ g }) => `治療例（${g.label}）、治療日から`,
  inAllImputations: ({ g, t }) => `${t(g.text)}（${g.m}個すべての補完済みデータセットで）`,
  notEstimableAny: ({ g, t }) => `${g.m}個の補完済みデータセットのいずれでも推定不能${g.reason === undefined ? "" : `（データセット${g.k}：${t(g.reason)}）`}`,
  notEstimableIn: ({ g, t }) => `補完済みデータセット${g.list}（全${g.m}個中）で推定不能${g.reason === undefined ? "" : `（${t(g.reason)}）`}`,
  notEstimated: ({ g, s }) => `${s(g.model)}：推定せず：${g.p}パラメータに対してイベント${g.e}件（EPV ${g.epv}、下限${g.floor}。変更するには${g.key}を設定）`,
  notRun: ({ g, t }) => `未実行：${t(g.reason)}`,
  rowsDropped: ({ g }) => `欠測値のため${g.n}行を除外（${missingList(g.list)}）`,
  leftOutMissing: ({ g }) => `共変量の欠測のため${g.n}例を除外（治療例${g.t}例、非治療例${g.c}例）`,
  leftOutMissingBy: ({ g }) => `共変量の欠測のため${g.n}例を除外（その時点までの治療例${g.t}例、非治療例${g.c}例）`,
  landmarkExcluded: ({ g }) => `${g.n}例はランドマーク時点より前に死亡または追跡不能となり、ランドマーク解析に含まれない`,
  fewEpv: ({ g }) => `パラメータあたりのイベント数が少ない：${g.p}パラメータに対してイベント${g.e}件（EPV ${g.epv}、${g.floor}未満）。推定値が1から離れる方向に偏り、信頼区間が狭すぎる可能性がある（Peduzzi 1996）`,
  fewEpvConditional: ({ g }) => `パラメータあたりのイベント数が少ない：${g.p}パラメータに対してイベント${g.e}件（EPV ${g.epv}）。条件付きHRが1から離れる方向に偏り、信頼区間が狭すぎる可能性がある（Peduzzi 1996）`,
  tooFewEpvPrediction: ({ g }) =>
    `パラメータあたりのイベント数が少なすぎる：${g.p}パラメータに対してイベント${g.e}件（EPV ${g.epv}、下限${g.floor}未満）。大きな楽観度補正と新規患者での較正不良が予想される。共変量を減らすことが望ましい`,
  effectsEpv: ({ g, t }) =>
    `パラメータあたりのイベント数が少なすぎるモデルが${g.k}個（研究の他のモデルを当てはめない下限${g.floor}未満）：${(g.list ?? "")
      .split(/; (?=(?:Crude|Multivariable|PS-matched|IPTW) Cox)/)
      .map(t)
      .join("；")}。これらの推定値に依拠しないこと`,
  modelEpvItem: ({ g }) => `${effectWordsJa(g.model)}：${g.p}パラメータに対してイベント${g.e}件、EPV ${g.epv}`,
  propensityRefused: ({ g }) =>
    `傾向スコアモデル（イベント＝小さい方の群の患者数）：推定せず：${g.k}パラメータに対して患者${g.n}例（EPV ${g.epv}、下限${g.floor}。変更するには${g.key}を設定）${g.hint ? "。イベントを増やすか、パラメータを減らすか、analyses.safeguards.epvFloorを下げること" : ""}`,
  propensityEpv: ({ g }) =>
    `傾向スコアモデル：小さい方の群（${g.group === "controls" ? "対照" : "治療例"}）${g.n}例に対して係数${g.k}個（EPV ${g.epv}、下限${g.floor}未満）。${g.key}が"warn"のため保持した。係数は解釈せず、マッチングと重み付け後のバランスで評価すること。共変量を減らすことが望ましい`,
  ccwEpvFloor: ({ g }) =>
    `${g.p}パラメータに対して逸脱${g.d}件（EPV ${g.epv}、研究の他のモデルを当てはめない下限${g.floor}未満。このモデルなしでは重みを作れないため保持）。重み（最大${g.max}）が不安定な可能性がある。区間は慎重に解釈するか、共変量を減らすこと`,
  ccwEpv: ({ g }) => `${g.p}パラメータに対して逸脱${g.d}件（EPV ${g.epv}、${g.floor}未満）。重み（最大${g.max}）が不安定な可能性がある。区間は慎重に解釈するか、共変量を減らすこと`,
  riley: ({ g }) => `サンプルサイズ：モデルは${g.n}例（イベント${g.e}件）で当てはめられたが、Rileyの基準では${g.p}パラメータに対して少なくとも${g.need}例（イベント${g.needE}件）が必要である。過適合が予想される`,
  infinite: ({ g }) => `${terms(g.terms)}の係数が無限大の可能性がある：この係数が収束する前に部分尤度が収束した（単調尤度、例：一方の群にイベントなし）。Firthの罰則付き尤度を検討すること（R: coxphf）`,
  firthFitted: () => "係数が発散したためFirthの罰則付き尤度（coxphf）で当てはめた。その推定値を報告すること",
  notMatched: ({ g }) => `治療例${g.total}例中${g.n}例がマッチしなかった`,
  outsideRange: ({ g }) => `治療例${g.t}例と対照${g.c}例が他群の傾向スコアの範囲外にある（比較可能な患者がいない）`,
  greedyOrder: ({ g }) =>
    `傾向スコアの${g.order === "largest" ? "大きい" : "小さい"}順の貪欲マッチングにより、傾向スコアのロジットにペア内の不均衡が残った：治療例 − 対照は平均${g.a} SD（シード付きランダム順では${g.b} SD、治療例${g.m}例がマッチ）。マッチング後の効果に影響しうる（ハザード比の偏りと信頼区間の被覆不足）。順序"random"、より狭いキャリパー、またはフルマッチングが望ましい`,
  fewerControls: ({ g }) =>
    `対照が治療例より少ない（対照${g.c}例、治療例${g.t}例、非復元1:${g.ratio}マッチング）。すべての治療例に対照が見つかるわけではない：治療例${g.t2}例中最大${g.max}例しかマッチできず、マッチング後の集団はATTではなくマッチした治療例における効果を推定する。適したデザイン：各対照を治療例とマッチさせる（ATC、対照に似た患者における効果）：${g.c2 !== undefined ? `対照${g.c2}例全員` : `対照${g.c2n}例中${g.c2k}例`}と治療例${g.t3}例中${g.c3}例を保持；フルマッチング（治療例1例と複数の対照、またはその逆からなるサブクラス、MatchIt method = "full"、仕様ではmatching.method: full）：${g.full !== undefined ? `${g.full}例全員を保持` : `キャリパー${(g.cal ?? "").replace(/ SD of the logit PS/, " SD（ロジットPS）").replace(/ SD of the PS/, " SD（PS）")}では${g.fn}例中${g.fk}例を保持（治療例${g.ftn}例中${g.ft}例、対照${g.fcn}例中${g.fc}例：キャリパー内に相手がいる患者）、キャリパーなしでは${g.fall}例全員（matching.caliper: null）`}、ATTまたはATE；重み付け（ATEにはIPTW、ATOには比較可能な相手のいない患者の重みを下げるoverlap重み）：${g.w}例全員を保持`,
  bootstrapFailed: ({ g }) => `${g.b}回のブートストラップ反復のうち${g.n}回が完全に失敗し、除外した`,
  graceDefault: ({ g }) => `猶予期間${g.g}${unit(g.unit)}（既定値：起点から治療までの時間の90パーセンタイルを切り上げ、ランドマーク以上）。${g.key}を臨床的に意図した期間に設定すること`,
  latencyUndetermined: ({ g }) =>
    `潜時分布がデータから決まらない：${(g.list ?? "").replace(/(log-normal|log-logistic|generalised gamma|Weibull|exponential)/g, (d) => LATENCY[d] ?? d).replace(/ \(AIC ([^)]*)\)/g, "（AIC $1）").replace(/, /g, "、")}も選択した${LATENCY[g.chosen] ?? g.chosen}分布とほぼ同等に当てはまり、治癒割合は${g.lo}%から${g.hi}%`,
  mallerZhouInconclusive: ({ g }) =>
    `追跡が十分に長いかは判定保留：Maller–Zhou検定は${g.a}から${g.b}の間（最終イベント前のMaller–Zhou区間）のイベント${g.e}件に基づき、最終イベント（${g.last}）以降も追跡された患者は${g.n}例（${g.min}例未満では少なすぎる）。`,
  cureAboveKm: ({ g }) =>
    `モデルの治癒割合（${g.cure}%）が最終イベント後のカプラン・マイヤー生存率（${g.km}%）を上回っている。治癒割合はこれを超えるべきではない（治癒例は長期生存者に含まれる）。モデルは裾の治癒を過大評価している`,
  cureAllCause: ({ g, t }) =>
    `治癒割合は、モデルの${g.n}例（治療例と非治療例を合わせた集団、${g.treatment}はモデルに含まれない）において${t(g.event ?? "")}が決して起こらない確率であり、疾患の治癒割合ではない（原因別モデルには${g.key}に対象の原因を指定する）`,
  emptyStrata: ({ g }) => `イベントのないイベント番号層（尤度に寄与しない）：${g.list}`,
  indexOperation: ({ g }) =>
    `指標手術（${g.col}、${g.treatment}の日付）は数えない：イベントはその後の手術である（数えるにはcountIndexOperation: trueを設定）。再手術は初回手術の後にしか起こらないため、${g.treatment2}を受けていない患者には構造上イベントがない（population: treatedとすると手術日から手術例を追跡する）`,
  ciContainsOne: () => "観察された信頼区間はすでに1を含む：バイアス分析は推定値がどこまで動きうるかを示すものであり、有意な結果を説明し去るものではない",
  rosenbaumCensored: ({ g }) => `${g.t}より前に一方が打ち切られた${g.n}ペアは除外した`,
  ate: () => "平均処置効果（ATE）",
  att: () => "治療群における平均処置効果（ATT）",
  ateDescription: () => "研究対象集団全体が治療を受けた場合と誰も受けなかった場合の効果",
  attDescription: () => "治療を受けた患者における治療の効果",
  weightsAte: ({ g, t }) => `w = 1/e（治療例）；w = 1/(1 − e)（対照）${g.rest === undefined || g.rest === "" ? "" : t(g.rest)}`,
  stabilised: ({ g }) => `。その後、患者自身の群の割合を乗じて安定化した（治療例${g.t}、非治療例${g.c}）`,
  smdFormula: () =>
    "SMD = (x̄₁ʷ − x̄₀ʷ)/σ、σ = √((s₁² + s₀²)/2)（調整前の治療群と対照群の併合SD、調整前後で同一）；連続変数 (x̄₁ − x̄₀)/σ；二値変数 (p₁ − p₀)/σ、s² = p(1 − p)；重み付き平均と分散 Σw̃(x − x̄)²/(1 − Σw̃²)、w̃ = w/Σw",
  balanceRule: ({ g }) =>
    [`|SMD| < ${g.smd}`, g.lo !== undefined ? `分散比が${g.lo}–${g.hi}の範囲内` : null, g.ks !== undefined ? `KS < ${g.ks}` : null].filter((x): x is string => x !== null).join("かつ"),
  matchedSet: () => "マッチドセット",
  ccwPrimary: ({ g }) => `クローン・打ち切り・重み付け、ターゲットトライアルエミュレーション（猶予期間${g.g}${unit(g.unit)}）`,
  defaultOrder: () =>
    "クローン・打ち切り・重み付け（ターゲットトライアルエミュレーション）、共変量調整済み時間依存性Cox、ランドマークIPTW（M推定SE、次いでロバストSE）、ランドマークPSマッチング、ランドマーク多変量Cox（以上はイモータルタイムを扱う）、M推定SEのIPTW、ロバストSEのIPTW、PSマッチング、多変量Coxおよび粗Cox",
  deathAnyCause: () => "全死因死亡",
  treatedPatients: ({ g }) => `治療例（${g.def}）`,
  allPatients: () => "全患者",
  effectLabel: ({ g }) => effectWordsJa(g.model + (g.adj ?? "") + (g.details !== undefined ? ` (${g.details})` : "")),
  andersenGill: () => "Andersen–Gill",
  pwp: ({ g }) => (g.scale === "total" ? "PWP総時間" : "PWPギャップ時間"),
  latency: ({ g }) => LATENCY[g.dist] ?? g.dist,
  infiniteFirthDone: ({ g }) => `${terms(g.terms)}の係数が無限大の可能性がある：この係数が収束する前に部分尤度が収束した（単調尤度、例：一方の群にイベントなし）`,
  firthFittedWhere: () => "係数が発散したためFirthの罰則付き尤度（coxphf）で当てはめた：発散した推定値ではなく、その推定値を用いる（結果のfirth部分、報告書のCox表では†を付した行）",
  bootNotEstimableCount: ({ g }) => `ブートストラップでは推定不能（${g.b}回中${g.failed}回の反復が失敗）`,
  notInEquipoise: ({ g }) => `経験的均衡（empirical equipoise）にない：選好スコアが[${g.lo}, ${g.hi}]にあるのは治療群の${g.t}%、対照群の${g.c}%（Walkerらは各群${g.share}%以上を求める）`,
  immortalSwitchedOff: ({ g }) =>
    `治療（${g.date}）は起点より後に起こりうるが、イモータルタイムの解析はオフになっている（immortalTime: false）：起点から受けた治療による比較はすべてデザインによるバイアスがある（イモータルタイム）`,
};

export const scopesJa: ScopeCatalogue = {
  propensity: () => "傾向スコア",
  cox: () => "Cox",
  multivariable: () => "多変量",
  univariable: ({ g }) => `単変量 ${g.label}`,
  univariableList: ({ g }) => `単変量 ${g.label}、多変量および線形性の確認`,
  linearity: () => "線形性の確認",
  immortal: () => "イモータルタイム",
  tdAdjusted: () => "調整済み時間依存性Cox",
  tdAdjustedLong: ({ g }) => `${g.prefix ? "イモータルタイム：" : ""}共変量で調整した時間依存性Cox`,
  landmarkPsLong: () => "傾向スコアを再推定したランドマーク解析",
  immortalCap: () => "イモータルタイム",
  tdAdjustedAndCcw: () => "調整済み時間依存性Coxおよびクローン・打ち切り・重み付け",
  landmarkPs: ({ g }) => `${g.t}${unit(g.unit)}時点のランドマーク（PS）`,
  landmark: ({ g }) => `${g.t}${unit(g.unit)}時点のランドマーク`,
  ccw: () => "クローン・打ち切り・重み付け",
  ccwCensoring: ({ g }) =>
    `クローン・打ち切り・重み付け、「${g.strategy === "treatment within the grace period" ? "猶予期間内の治療" : g.strategy === "no treatment within the grace period" ? "猶予期間内の非治療" : g.strategy}」の打ち切りモデル`,
  effects: () => "治療効果",
  cure: () => "治癒モデル",
  allPatients: () => "全患者",
  missingData: () => "欠測データ",
  effectRow: ({ g }) => `治療効果、${effectWordsJa(g.list)}`,
  prediction: () => "予測モデル",
  recurrent: () => "再発イベント",
  pwpBoth: () => "PWP総時間およびPWPギャップ時間",
  pwp: ({ g }) => (g.scale === "total" ? "PWP総時間" : "PWPギャップ時間"),
  sensitivity: () => "感度解析",
  biasAnalysis: () => "バイアス分析",
  rosenbaum: () => "Rosenbaum限界",
  competingCs: () => "競合リスク、原因別Coxモデル",
  competingFg: () => "競合リスク、Fine–Grayモデル",
  csModel: ({ g }) => `原因別Cox、${g.cause}`,
  fgModel: ({ g }) => `Fine–Gray、${g.cause}`,
  effectLabels: ({ g }) => effectWordsJa(g.list),
  landmarkRow: ({ g, t }) => `イモータルタイム、${g.t}${unit(g.unit)}時点のランドマーク、${t(g.model ?? "")}`,
  hrOfRow: ({ g }) => `ハザード比、${effectWordsJa(g.list)}`,
};
