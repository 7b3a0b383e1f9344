/**
 * 統計手法（src/report/methods-text.ts）の日本語版。英語の原文は src/i18n/methods-en.ts。
 * 用語は日本の臨床医学雑誌に倣う: 生存時間解析、カプラン・マイヤー法、ログランク検定、信頼区間、
 * Cox比例ハザードモデル、ハザード比、傾向スコア、マッチング、キャリパー、逆確率重み付け（IPTW）、
 * 標準化平均差、ロバスト分散、制限付き平均生存時間（RMST）、競合リスク、打ち切り、交絡因子、
 * immortal time バイアス（不死時間バイアス）、ターゲット・トライアル・エミュレーション、治癒割合。
 */
import type { MethodsMessages } from "./methods-en.js";

const UNITS: Readonly<Record<string, string>> = { days: "日", weeks: "週", months: "か月", years: "年" };

const TESTS: Readonly<Record<string, string>> = {
  "welch-t": "Welchのt検定",
  wilcoxon: "Wilcoxon順位和検定",
  chisq: "Pearsonのカイ二乗検定",
  "chisq-yates": "Yatesの連続性補正付きPearsonのカイ二乗検定",
  fisher: "Fisherの正確検定",
};

const ESTIMATORS: Readonly<Record<string, string>> = {
  gformula: "g-formula（治療と共変量のCoxモデルによる標準化）",
  iptw: "打ち切り重みを伴う治療の逆確率重み付け",
  aipw: "拡張逆確率重み付け（二重頑健）",
};

export const methodsJa: MethodsMessages = {
  listSep: "、",
  listAnd: "および",
  numberSep: "、",
  joinSentences: (a, b) => `${a}${b}`,
  quantity: (n, u) => `${n}${u}`,
  lowerLabels: false,
  unitText: (u) => (u === "days" ? "日" : u === "months" ? "か月（1か月 = 30.4375日）" : u === "years" ? "年（1年 = 365.25日）" : u === "weeks" ? "週" : `単位 ${u}`),
  unit: (u) => UNITS[u] ?? u,
  treatmentFallback: "治療",
  theTreatmentFallback: "治療",
  followUpOrTreatment: "追跡または治療",
  droppedItem: (what, count) => `${what} ${count}例`,
  droppedPatients: (total, what) => `${total}例（欠測：${what}）`,
  dataSetHeld: (n) => `データセットは${n}例を含んでいた。`,
  excludedReason: (reason, count) => `${reason}：${count}例`,
  endpointExcluded: (label, excluded, reasons, analysed) => `${label}では${excluded}例を除外し（${reasons}）、${analysed}例を解析した。`,
  ccPropensity: (dropped, n) => `傾向スコア解析および治療効果解析から${dropped}（解析対象${n}例）`,
  ccMultivariable: (dropped, n) => `多変量Coxモデルから${dropped}（解析対象${n}例）`,
  completeCasesLeftOut: (mi, what) =>
    `${mi ? "後述の多重代入を除き、共変量の欠測値は補完しなかった" : "共変量の欠測値は補完しなかった"}。各モデルはそれぞれの共変量が揃った症例（完全ケース）を用い、${what}が除かれた。単変量モデルでは当該共変量が欠測した患者のみを除いた。`,
  completeCases: (mi) => `各モデルはそれぞれの共変量が揃った症例を用いた（欠測値は${mi ? "後述の多重代入以外では" : ""}補完しなかった）。`,
  miFitted: (coxModel, m, iterations, n, nMissing, checked) =>
    `${coxModel ? "多変量Coxモデル" : "治療効果の比較"}は、連鎖方程式による多重代入法（${m}回の代入、${iterations}回の反復。数値共変量には予測平均マッチング、カテゴリ共変量にはロジスティック回帰および多項回帰を用いた。Rのmiceと同じ。${checked}と照合）でも推定した。各代入モデルにはイベント指標とNelson–Aalen累積ハザードを含め（White & Royston 2009）、全${n}例（モデル共変量の欠測あり${nMissing}例）を対象とした。推定値はRubinのルールで統合し、自由度はBarnard–Rubin法によった。`,
  miWithin: (m, contrasts) =>
    `傾向スコア解析は補完済みの各データセット内で実施した（within法；Leyrat et al. 2019）。${m}個の各データセットで傾向スコアを推定し、マッチングと重み付けを行い、アウトカムモデルを当てはめた。ハザード比は対数スケールで統合し${contrasts ? "、標準化生存率とRMSTの差は原尺度で（生存率の比は対数スケールで）統合し" : ""}、共変量バランスは代入間で平均した。`,
  miPrimary: (miPrimary, within) =>
    `${miPrimary ? "欠測共変量への主な対処は多重代入法とし、完全ケース解析を感度解析とした" : "欠測共変量への主な対処は完全ケース解析とし、多重代入による解析を感度解析とした"}。${within ? "イモータルタイム" : "傾向スコア、イモータルタイム"}および予測モデルの解析は完全ケース解析のままである。`,

  firstOfDates: (dates) => `イベント日（${dates}）のうち最も早い日付`,
  theEvent: "イベント発生日",
  eventOf: (endpoint) => `${endpoint}のイベント`,
  columnDate: (col) => `${col}列`,
  eventNamed: (event) => event,
  eventNamedFirst: (event) => `${event}（いずれか早い日付）`,
  eventNamedDate: (event) => `${event}の日付`,
  lastFollowUp: "最終追跡日",
  cutoffClause: (cutoff) => `または管理上の打ち切り日${cutoff}のいずれか早い方`,
  originColumn: (col) => `${col}列の日付`,
  endpointDates: (label, origin, events, censor, cutoff) => `${label}は${origin}から${events}までとして測定した。イベントのない患者は${censor}${cutoff}で打ち切りとした。`,
  valuesOr: "または",
  endpointContact: (label, origin, values, cutoff) =>
    `${label}は${origin}から最終接触日までとして測定した。生存状況が${values}の場合をイベントとし、それ以外の患者は最終接触日${cutoff}で打ち切りとした。`,
  endpointColumns: (label, u, values) => `${label}は記録された追跡期間（単位：${u}）とイベントの有無（イベント：${values}）から得た。`,
  timeIn: (units) => `時間の単位は${units}である。`,
  medianFollowUp: "追跡期間中央値は逆カプラン・マイヤー法で推定した。",
  endpointNamed: (label, name) => `${label}（${name}）`,
  unusedEndpoints: (endpoints) =>
    `${endpoints}は研究仕様で定義されたが、どの解析にも用いられなかった。イベントと追跡は上記に記載したが、推定値は報告していない（解析のエンドポイントとして指定するか、仕様から削除する）。`,

  kmEstimated: (pct, confType, variance) => `生存率はカプラン・マイヤー法で推定し、${pct}%信頼区間（${confType}変換、${variance}分散）を求めた`,
  greenwood: "Greenwood",
  logrankTest: "ログランク検定",
  otherTest: (method, rho) => (rho === "" ? `${method}検定` : `${method}検定（rho = ${rho}）`),
  kmCompared: (between, test) => `。${between ? "群間の" : ""}比較には${test}を用いた`,
  sentenceEnd: "。",
  lrOnly: (test) => `生存率の群間比較には${test}を用いた。`,
  cumulativeIncidence: (label, causes, gray) =>
    `${label}について、各死因（${causes}）の累積発生率を、他の死因を競合イベントとしてAalen–Johansen法（Grayの分散）で推定した${gray ? "。群間比較にはGray検定を用いた" : ""}。`,
  crModels: "各死因に対する共変量の効果は、原因別ハザード比（他の死因を打ち切りとしたCoxモデル）および部分分布ハザード比（Fine–Grayモデル）として推定した。",
  rmst: (tau, u) => `${tau}${u}までの制限付き平均生存時間（RMST）を、差と比として群間で比較した（Greenwoodのプラグイン分散）。`,

  table1: (tests) => `患者背景は平均値（SD）または中央値［四分位範囲］およびn（%）で要約した${tests !== "" ? `。群間比較には${tests}を用いた` : ""}。`,
  testLabel: (id) => TESTS[id] ?? id,
  table1Smd: (formula) => `群間のバランスは標準化平均差（SMD；${formula}）で評価した。`,

  coxModels: (efron, robust, design) =>
    `予後因子はCox比例ハザードモデル（同順位の処理は${efron ? "Efron" : "Breslow"}法${robust ? "、ロバスト分散" : ""}）で検討した${design === "both" ? "。まず共変量ごとに単変量解析を行い、次いで多変量モデルで解析した" : design === "multivariable" ? "（多変量モデル）" : "（共変量ごとの単変量解析）"}。`,
  coxUnivariable: (covs) => `単変量モデルでは${covs}を検討した。`,
  coxCutoffs: (labels) => `連続共変量は事前に定めたカットオフ値で二値化した解析も行った（${labels}）。`,
  coxMultivariable: (terms) => `多変量モデルには${terms}を含めた。`,
  coxZph: "比例ハザード性の仮定はスケール化Schoenfeld残差で確認した（項ごとの検定および全体検定）。",
  firthUnivariable: (label) => `${label}の単変量モデル`,
  firthMultivariable: "多変量モデル",
  coxFirth: (models) => `係数が発散した場合（単調尤度：${models}）は、代わりにFirthの罰則付き部分尤度を用いて当てはめ（Heinze and Schemper 2001；R coxphf）、その推定値を報告した。`,

  psModel: (firth) => (firth ? "Firthの罰則付き尤度によるロジスティック回帰" : "ロジスティック回帰"),
  psEstimated: (treatment, model, covs, n) => `傾向スコア（共変量を条件とした${treatment}を受ける確率）は、${covs}を説明変数とする${model}で推定した（共変量が揃った${n}例）。`,
  psDistance: (logit) => (logit ? "傾向スコアのロジット" : "傾向スコア"),
  caliper: (width, sd, distance) => `（キャリパー：${distance}の${width} ${sd ? "SD" : "単位"}）`,
  orderRandom: (seed) => `ランダム順、シード${seed}`,
  orderData: "データの順",
  orderPs: (order) => (order === "largest" ? "傾向スコアの大きい順" : order === "smallest" ? "傾向スコアの小さい順" : `傾向スコアの${order}順`),
  exactOn: (covs) => `（${covs}で完全一致）`,
  fullMatching: (distance, caliper, exact, maxControls, tMatched, t, cMatched, c, estimand) =>
    `患者は${distance}に基づく最適フルマッチング（Hansen 2004）${caliper}${exact}でグループ化した。各サブクラスは治療例1例と1例以上の非治療例、または非治療例1例と1例以上の治療例からなり、サブクラス内距離の総和が最小となるよう構成した${maxControls !== "" ? `（治療例1例あたり非治療例は最大${maxControls}例）` : ""}。治療例${t}例中${tMatched}例、非治療例${c}例中${cMatched}例がサブクラスに割り当てられ、MatchItと同様に${estimand}のために重み付けした。効果はサブクラスでクラスター化したロバスト標準誤差を伴う重み付きCox回帰で推定した。`,
  pairMatching: (ratio, nearest, distanceClause, replace, caliper, exact, order, matched, treated) =>
    `治療例を非治療例と1:${ratio}で、${distanceClause !== "" ? `${distanceClause}に基づき` : ""}${nearest ? "最近傍法" : "最適マッチング"}により${replace ? "復元" : "非復元"}で${caliper}${exact}マッチングした（${order}）。治療例${treated}例中${matched}例がマッチした。マッチング後の生存率はカプラン・マイヤー法で推定し、ログランク検定で比較した。`,
  trimming: (lower, upper) => `。傾向スコアが［${lower}, ${upper}］の範囲外の例はトリミングした`,
  truncation: (pct) => `。重みは${pct}パーセンタイルで切り詰めた`,
  iptw: (estimand, description, weights, trimming, truncation) =>
    `${estimand}（${description}）のための治療の逆確率重み（IPTW）を${weights}として算出した${trimming}${truncation}。重み付きカプラン・マイヤー曲線で調整後の生存率を推定した。`,
  iptwBiased: (estimand, biased) =>
    `重みは${estimand}を目標とするが、重み付き比較は起点からの治療歴の有無による比較であり、デザインによるバイアスを受ける（${biased === "immortal time" ? "イモータルタイム" : biased}）ため、それを推定するものではない。`,
  balance: (what, n, formula, rule) =>
    `${what === "both" ? "マッチングおよび重み付け" : what === "matching" ? "マッチング" : "重み付け"}前後の共変量バランスは、標準化平均差（SMD）、分散比、Kolmogorov–Smirnov統計量で評価し、いずれも傾向スコア共変量が揃った${n}例を対象とした。${formula}。共変量の項は${rule}のときバランスがとれているとした。`,

  clusteredOn: (what) => `（${what}でクラスター化）`,
  crude: "調整なし（粗解析）",
  multivariable: "傾向スコアモデルの共変量で調整（多変量）",
  modelBased: (designs) => `${designs}、いずれもモデルに基づく分散`,
  matchedAlone: (cluster) => `治療のみのモデル、ロバスト分散${cluster}（Austin 2013）`,
  matchedStratified: "マッチドセットで層別",
  matchedAdjusted: (cluster) => `共変量で調整（ロバスト分散${cluster}）`,
  inMatched: (models) => `マッチング後の集団では${models}`,
  weightedAlone: "治療のみのモデル",
  weightedAdjusted: "共変量で調整したモデル",
  robustSandwich: "重みを既知として扱うロバストなサンドイッチ分散",
  mEstimation: "傾向スコアの推定も考慮したM推定分散（Shu et al. 2021）",
  inWeighted: (models, each, variances) => `重み付け集団では${models}、${each ? "それぞれ" : ""}${variances}`,
  designSep: "；",
  effectEstimated: (treatment, endpoint, designs) => `${endpoint}に対する${treatment}の効果は、Coxモデルによるハザード比として推定した：${designs}。`,
  refusedItem: (model, events, parameters) => `${model}（${parameters}パラメータに対し${events}イベント）`,
  ccwArmTreat: "治療戦略",
  ccwArmControl: "非治療戦略",
  ccwBelowFloor: (items) => `クローン・打ち切り・重み付けの打ち切りモデルは、重みの算出に不可欠なため、この下限未満でも当てはめた（${items}）。その区間には注記を付した。`,
  refusedModels: (floor, items) => `パラメータあたりのイベント数が${floor}未満の共変量調整モデルは推定しなかった（Vittinghoff and McCulloch 2007）：${items}。`,
  primary: (label, declared, defaultOrder, biased) =>
    `主解析は${label}とした${declared ? "（研究仕様で宣言）" : `（研究仕様で宣言されていないため、survinferの既定ルールで選択：${defaultOrder}のうち最初に推定可能なもの。イモータルタイムによるバイアスを受けるデザインは選ばない）`}${biased !== "" ? `。ただし、デザインによるバイアスを受ける（${biased}）` : ""}。その他の推定値は感度解析である。`,
  noPrimary: (biased) => `主解析とした治療効果の推定値はない。いずれも起点から治療歴の有無で患者を比較しており、デザインによるバイアスを受ける（${biased}）。すべて感度解析として報告する。`,
  survivalAt: (times, u) => `${times}${u}生存率`,
  rmstUpTo: (tau, u) => `${tau}${u}までの制限付き平均生存時間`,
  weighted: "重み付け",
  matched: "マッチング",
  absolute: (what, samples, bootstrap) =>
    `絶対効果は、${samples}後のカプラン・マイヤー曲線間の${what}の差（治療 − 非治療）として推定した${bootstrap ? "。信頼区間はブートストラップ・パーセンタイル法による" : "。ブートストラップを行っていないため、これらの差に信頼区間はない"}。`,
  eValue: "未測定交絡に対する各ハザード比の頑健性はE値で示した（VanderWeele and Ding 2017）。",

  atm: (discarded, total, kept) =>
    `マッチングにより治療例${total}例中${discarded}例が適切な対照なしとして除外されたため、マッチング後の解析はマッチした治療例における効果（ATM：治療例${total}例中${kept}例を保持）を推定しており、治療群における平均効果（ATT）ではない。`,
  att: (total) => `マッチングで治療例${total}例すべてが保持されたため、マッチング後の解析は治療群における効果（ATT）を推定する。`,
  marginal: (models) => `マッチング後または重み付け集団における治療のみのCoxモデル（${models}）は周辺（集団平均）ハザード比を推定する。`,
  conditional: (models) => `層別モデルおよび共変量調整モデル（${models}）は条件付きハザード比を推定する。ハザード比は非collapsibleであるため、交絡がなくても周辺ハザード比とは異なる（Hernán 2010）。`,
  notPotentialBiased:
    "ハザード比は潜在アウトカムの対比としては解釈しない。治療歴の有無で分けた患者の調整生存曲線もイモータルタイムを含むため同様であり、それを扱うデザイン（clone–censor–weight）の対比のみが潜在アウトカムの対比である。",
  notPotential: "ハザード比は潜在アウトカムの対比としては解釈しないが、調整生存曲線と制限付き平均生存時間は潜在アウトカムの対比として解釈できる。",
  bootstrap: (replicates, pct) =>
    `ブートストラップ・パーセンタイル区間は、治療群内で患者を再抽出し解析全体を再実行した${replicates}回の反復から求めた。当てはめが失敗または発散した反復（収束しない、|対数ハザード比| > 10、無限大の係数、空になった群）は除外し、そのような反復が${pct}%を超える推定値はブートストラップで推定不能と報告した。`,

  adjustedEstimator: (id) => ESTIMATORS[id] ?? id,
  adjustedCurves: (rmst, treatedOnly, estimators, checked) =>
    `${treatedOnly ? "治療例" : "全患者"}における調整生存曲線と絶対的治療効果（生存率の差と比${rmst ? "、および制限付き平均生存時間の差" : ""}）は、Rの riskRegression::ate と同様に${estimators}で推定し（${checked}と照合）、標準誤差はアウトカム・傾向スコア・打ち切りモデルの当てはめを考慮した影響関数から求めた。`,

  immortalIntro: (treatment, label, wait, u) =>
    `${treatment}は${label}の起点より後に行われたため${wait !== "" ? `（中央値で${wait}${u}後）` : ""}、起点から受けた治療で患者を比較すると、治療前の期間が治療群に有利に計上される（イモータルタイムバイアス；Suissa 2008）。この比較は対照として示すのみである。`,
  noCovariates: "共変量なし",
  censoringPeriods: (k) => `。係数は${k}期間で変化する`,
  censoringOnePeriod: "。期間は1つ（係数は一定）",
  censoringPiecewise: (covs, periods) =>
    `${covs}による逸脱のモデル（治療戦略では猶予期間終了までに治療を受けないことのロジスティック回帰、非治療戦略では治療までの時間のCoxモデル${periods}。期間の分割は、各期間でパラメータあたり猶予期間内の治療が10件以上ある場合にのみ用いた）`,
  censoringCox: (covs) => `${covs}による逸脱までの時間のCoxモデル`,
  ccwAt: (times, u) => `（${times}${u}）`,
  ccwRmst: (tau, u) => `および${tau}${u}までの制限付き平均生存時間`,
  ccwBootstrap: (replicates) => `信頼区間は${replicates}回のノンパラメトリック・ブートストラップ（患者を再抽出し手順全体を反復）により、生存率の差は推定値 ± 1.96 × ブートストラップSEと無限小ジャックナイフSEの大きい方、RMSTの差はパーセンタイル法による（生存率の差の区間の被覆確率はシミュレーションで300～2,000例のコホートについてのみ確認されており、それより小さいコホートは確認の範囲外である）`,
  ccwNoBootstrap: "ブートストラップなし（信頼区間なし）",
  weightsKind: (kind) => (kind === "unstabilized" ? "非安定化" : kind === "stabilized" ? "安定化" : kind),
  ccwHrPercentile: "。同じ反復からブートストラップ・パーセンタイル区間も求めた",
  ccw: (grace, weights, model, at, rmst, bootstrap, hrPercentile) =>
    `クローン・打ち切り・重み付け（clone–censor–weight）による、起点から${grace}以内の治療と${grace}以内の非治療を比較するターゲットトライアルエミュレーション（Hernán and Robins 2016；Maringe et al. 2020）。各患者を両戦略にクローンし、戦略から逸脱した時点でクローンを打ち切り、人為的な打ち切りを${model}から得た打ち切りの逆確率重み（${weights}）で補正した。戦略ごとの重み付きカプラン・マイヤー曲線から生存率${at}${rmst}とその差を求め、${bootstrap}。クローンに対する重み付きCoxモデルから、患者でクラスター化したロバスト分散を伴うper-protocolハザード比を求めた${hrPercentile}`,
  ccwBalanceCheck: (grace, rule, flag) =>
    `クローン・打ち切り・重み付けでは、各戦略で猶予期間（${grace}）終了時点でなお追跡中のクローン（重み付けあり）と、その時点で生存かつ追跡中の患者（重み付けなし）とのバランスを重み付け後に確認し（重み付けなしの2群の併合SDによる標準化平均差、および連続項の分散比；${rule}の項を不均衡とした）、クローンの重みのKishの有効サンプルサイズも求めた；${flag}報告した時点までの戦略の生存率低下、またはその死亡が広げる生存率の差の3分の1を超える重みを担う死亡は、単一の重い死亡として報告書に記載した。`,
  ccwFlagged: (k, m) => `重み付け後の残存する不均衡（両戦略の共変量項${m}個中${k}個）によりこのデザインにフラグを付け、その推定値はこのフラグとともに読むものとした。`,
  ccwNotFlagged: "重み付け後に不均衡な共変量項はなかった。",
  adjustedTd: (covs) => `治療を時間依存性共変量とし${covs}で調整したCoxモデル（条件付きハザード比；患者でクラスター化したロバスト分散）`,
  adjustedTdRefused: (covs, events, parameters, floor) =>
    `${covs}で調整し治療を時間依存性共変量としたCoxモデル（${parameters}パラメータに対し${events}イベントで、パラメータあたり${floor}未満のため推定せず）`,
  repeatedAt: (times, u) => `。感度解析として${times}${u}でも繰り返した`,
  landmarkAdjust: "共変量調整",
  landmarkAdjustRefused: (events, parameters, floor) => `共変量調整（${parameters}パラメータに対し${events}イベントで、パラメータあたり${floor}未満のため推定せず）`,
  landmarkPs: (time, u, estimand, stabilised, matching, repeated, adjustment) =>
    `${time}${u}時点のランドマーク解析。その時点で生存し追跡中の患者で傾向スコアを再推定し、治療の逆確率重み付け（${estimand}${stabilised ? "、安定化" : ""}）${matching ? `${adjustment !== "" ? "、" : "および"}傾向スコアマッチング` : ""}${adjustment !== "" ? `および${adjustment}` : ""}を行った${repeated}`,
  landmarkPsFlagged: (time, u, worsened, residual, fewEvents) =>
    `${time}${u}時点のランドマーク解析の推定値には、次の場合にレポート内で注記を付した：${[worsened ? "マッチングで共変量バランスが悪化した（交絡調整されていない）" : null, residual ? "重み付け後も共変量の不均衡が残った" : null, fewEvents ? "イベント数が少なく不正確である" : null].filter((x) => x !== null).join("、")}。`,
  sequentialMatching: "治療時点での逐次（リスクセット）マッチング（Lu 2005）。マッチドセットにCoxモデルを当てはめ、患者でクラスター化したロバスト分散を用いた",
  designItem: (k, text) => `（${String.fromCharCode(97 + k)}）${text}`,
  addressedTogether: (designs) => `イモータルタイムと測定された交絡は、次の方法で同時に扱った：${designs}。`,
  timeDependent: "計数過程形式のCoxモデルにおける時間依存性共変量として（患者は治療日まで非治療の期間を寄与する；Simon–Makuchプロット）",
  landmark: (time, u) => `${time}${u}時点のランドマーク解析として、その時点で生存し追跡中の患者を、ランドマーク前に受けた治療で比較した（カプラン・マイヤー法、ログランク検定およびCoxモデル）`,
  designsJoin: "、ならびに",
  crudeDesigns: (adjusted, designs) => `${adjusted ? "交絡の調整なし（粗解析）でも、治療を" : "そのため、治療を"}${designs}解析した。`,

  cureParametric: (latency, aic) =>
    `非治癒例の生存に対する${latency}分布（最尤法で当てはめ、標準誤差は観測情報量から算出）${aic ? "。潜時分布はWeibull、対数正規、対数ロジスティック、一般化ガンマのうち赤池情報量規準が最小のものを選択した" : ""}`,
  cureSemiparametric: (replicates) =>
    `非治癒例の生存に対するセミパラメトリック比例ハザードモデル（Rのsmcureと同様にEMアルゴリズムで当てはめ；Peng and Dear 2000；Sy and Taylor 2000、ブートストラップ標準誤差、${replicates}回）`,
  noCovariate: "共変量なし",
  cureCovariates: (incidence, latency) => `治癒は${incidence}で、非治癒例の生存は${latency}でモデル化した。`,
  cure: (label, probability, population, latency, covs) =>
    `${population === "" ? "" : `${population.replace(/^(.+)、治療日から$/, "治療日以降の$1")}における`}${label}の治癒割合（${probability}）は、混合治癒モデル（治癒確率のロジスティックモデルと、${latency}）で推定した。${covs}`,
  cureRelative: (description, file, checked) =>
    `相対生存率に基づく治癒モデルとした（De Angelis et al. 1999；Lambert et al. 2007）。混合モデルは${description}に対する超過ハザードに当てはめ、各患者の期待生存率はRのsurvexpと同様に算出した（${checked}；生命表 ${file}）。`,
  cureCauseSpecific: (otherCauseEvents) => `死因別モデルとし、他因死は打ち切りとした${otherCauseEvents === "" ? "" : `（モデル対象患者で${otherCauseEvents}例）`}。`,
  curePlateau: "ノンパラメトリックな治癒推定値（最終イベント後のカプラン・マイヤー生存率、すなわちプラトー）をモデルの推定値と並べて示す。",
  cureFollowUp:
    "治癒を論じるのに追跡が十分かどうかは、最終イベント後のカプラン・マイヤー曲線のプラトーと、追跡の十分性に関するMaller–Zhou検定で判断した（検定区間内のイベントが5件未満、または最終イベント以降も追跡された患者が5例未満の場合は判定保留）。モデルの生存曲線はカプラン・マイヤー推定値と最大距離およびブートストラップ同時信頼帯で比較した。",
  predictionDropped: (covs, one) => `（${covs}は係数が発散したため除外${one ? "" : "（複数）"}）`,
  predictionOptimism: (b) => `。いずれも${b}回のブートストラップで楽観度を補正した（Harrellの方法）`,
  predictionShrunk: (factor, bootstrap) => `ノモグラムと計算機の係数は${factor}${bootstrap ? "（楽観度補正後の較正勾配）" : ""}で一様に縮小し、ベースライン生存率を再推定した。`,
  predictionDca: (optimism) =>
    `臨床的有用性は予測時点での決定曲線分析で評価した（Vickers et al. 2008）${optimism ? "。正味の利益と計算機の積分較正指数は同じブートストラップで楽観度を補正した" : ""}。`,
  prediction: (label, time, u, covs, population, dropped, optimism, shrunk, dca) =>
    `${time}${u}時点の${label}の予測モデルを、${population}において術前共変量${covs}のCoxモデルとして変数選択なしで構築し${dropped}、TRIPODに従って報告した。` +
    `識別能はHarrellおよびUnoのC統計量と時間依存AUCで、較正は較正勾配、calibration-in-the-large、リスク群別較正プロット、integrated calibration indexを伴う平滑化較正曲線（Austin et al. 2020）で評価した${optimism}。` +
    `${shrunk}${dca}`,
  recurrentModels: (names) => `共変量の効果は${names}のCoxモデル（計数過程形式、患者でクラスター化したロバスト分散）でモデル化した。`,
  recurrentFromTreatment: (description) => `${description}の追跡は指標手術から開始し、`,
  recurrent: (label, terminal, quotedAt, models, fromTreatment, endpoint) =>
    `再発イベント（${label}）は、${terminal}を終末イベントとする患者あたりの平均イベント数（Ghosh and Lin 2000）で記述した：μ(t) = Σ_{t_j ≤ t} Ŝ(t_j−)·d_j / Y(t_j)（Ŝは${terminal}のないカプラン・マイヤー生存率）。患者は${terminal}まではイベントを寄与し、その後は寄与しない。95%信頼区間はロバスト（影響関数）分散から求めた（Rのmets::recurrentMarginalと同様）。` +
    `${quotedAt === "" ? "" : `リスク集合が${quotedAt}例以上の最後のイベント時点の値を示す。`}` +
    `${terminal}を打ち切りとして扱う平均累積関数（Nelson–Aalen型、Lawless–Nadeau分散）は${terminal}のない世界を記述するため、比較のためにのみ示す。` +
    `${models}${fromTreatment}追跡は${endpoint}のイベントまたは打ち切りで終了した。`,

  sensitivityIntro: "未測定交絡に対する感度は主解析の推定値について評価した。",
  sensitivityIntroCcw: "未測定交絡に対する感度は、主デザインのper-protocolハザード比（副次的な数値。デザインの主要な対比は生存率の差であり、ここではそのE値は計算しない）について評価した。",
  eValueRare: (rare) =>
    `E値（VanderWeele & Ding 2017）は、ハザード比を${rare ? "リスク比とみなして算出した（稀なアウトカム：追跡終了時のカプラン・マイヤー法による累積リスクが15%未満）" : "リスク比に変換して算出した（アウトカムが稀でない：追跡終了時のカプラン・マイヤー法による累積リスクが15%以上；VanderWeele 2020）"}。`,
  biasAnalysis: (gammas) =>
    `1つの未測定二値交絡因子に対するバイアス分析（VanderWeele & Arah 2011）では、治療例・非治療例における交絡因子の有病割合と、交絡因子のアウトカムに対するハザード比（${gammas}）の格子上で、ハザード比とその信頼限界をバイアス係数で除した。`,
  mcnemar: (time) => `、${time}時点までの死亡に対するMcNemar検定`,
  rosenbaum: (pairs, mcnemar, alpha) =>
    `傾向スコアでマッチした${pairs}ペアに対するRosenbaum限界（Rosenbaum 2002）には、打ち切りのあるペアに対する対応のあるPrentice–Wilcoxon検定（O'Brien & Fleming 1987）、死亡の順序が判明しているペアに対する符号検定${mcnemar}を用い、片側α = ${alpha}とした。`,
  negativeControl: (cause, same, label, primary) =>
    `陰性対照アウトカムとして、${cause}の原因別ハザード（他のイベントは打ち切り）を${same ? `主解析と同じ方法（${label}）で` : `${label}で${primary !== "" ? `（主解析のデザイン${primary}には原因別の版がない）` : ""}`}比較した。`,
  negativeControlNotRun: (reason) => `陰性対照アウトカムは解析しなかった：${reason}。`,
  sampleSize: "予測モデルの最小サンプルサイズはRiley et al.（2019, 2020）の基準で確認した。想定Cox–Snell R²は当てはめたモデルから求め、van Houwelingenの係数で縮小した。",
  software: (version) => `すべての解析にsurvinfer ${version}を用いた。`,
  predictionShrunkWithheld: (factor, bootstrap) => `新規患者の予測に必要な縮小係数は${factor}${bootstrap ? "（楽観度補正後の較正勾配）" : ""}と推定した（係数を一様に縮小し、ベースライン生存率を再推定）。`,
  predictionDcaWithheld: (optimism) =>
    `臨床的有用性は予測時点での決定曲線分析で評価した（Vickers et al. 2008）${optimism ? "。縮小モデルの予測の正味の利益と積分較正指数は同じブートストラップで楽観度を補正した" : ""}。`,
  predictionBelowFloor: (events, parameters, epv, floor) =>
    `予測モデルは、イベント${events}件・パラメータ${parameters}個（EPV ${epv}）で効果モデルを推定しなかった下限${floor}を下回るが、内部検証で評価されるため当てはめた（Riley et al. 2020）。楽観性は大きいと考えられる。`,
  predictionWithheld: (why) => `モデルは透明性のために報告し、計算ツールとノモグラムは提供しなかった：${why}。`,
};
