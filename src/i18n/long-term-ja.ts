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
  ltTerminalDeath: () => "死亡",
  ltTerminalEvent: ({ g }) => `${g.ep}のイベント`,
};
