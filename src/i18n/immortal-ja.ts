/**
 * Japanese texts of one part of the report: Immortal time and the primary analysis (src/report/sections-immortal.ts, the headline of the primary result).
 * English reference: src/i18n/immortal-en.ts.
 */
import type { ImmortalMessages, ImmortalTextId } from "./immortal-en.js";
import type { EngineTemplate } from "./warnings.js";

export const immortalJa: ImmortalMessages = {
  primaryElsewhere: (lead, headline, hr, n, events) => `${lead}：${headline}；per-protocol ${hr}（副次的）；${n}例、${events}イベント（下記のイモータルタイムの項）。ここに示す各行は感度解析である`,
  primaryHere: (lead, headline, hr, n, events) => `${lead}：${headline}；per-protocol ${hr}（副次的）；${n}例、${events}イベント`,
  primaryHereHr: (lead, hr, n, events) => `${lead}：${hr}；${n}例、${events}イベント`,

  // ---- 「イモータルタイム」の項
  sinceLandmark: (u) => (u === "" ? "ランドマークからの時間" : `ランドマークからの時間（${unitOf(u)}）`),
  amount: (x, u) => `${x}${unitOf(u)}`,
  notEstimable: "推定不能",
  noBootstrapCi: "ブートストラップなし：信頼区間は未計算",
  diffCi: (est, lower, upper) => `${est}（${lower}～${upper}）`,
  diffNoCi: (est, why) => `${est}（${why}）`,
  points: (x) => `${x}ポイント`,
  waited: (treated, wait) => `治療日のある治療例は${treated}例；起点から治療までの期間の中央値は${wait}。`,
  landmarkDefault: (L) => `ランドマーク時点${L}は既定値（治療までの期間の中央値を丸めた値）である。`,
  sep: "；",
  primaryOfStudy: (label, defaults, declared) =>
    `本研究の主解析：${label}${defaults}（${declared ? "研究仕様で宣言" : "survinferの既定ルールで選択、研究仕様で未宣言"}）。以下の他のデザインおよび治療歴の有無による比較（治療効果の項）は感度解析である。`,
  ccwIntro: (primary, lt, lc, n, excluded, devTreat, devControl, G, model, covariates, estimand, variance, graceDefault) =>
    `${primary ? "主解析：" : ""}クローン・打ち切り・重み付け（clone–censor–weight）によるターゲットトライアルエミュレーション（Hernán & Robins 2016；Maringe et al. 2020）：起点から「${lt}」と「${lc}」を比較する。` +
    `共変量が揃った${n}例${excluded}の各患者を両戦略にクローンし、戦略から逸脱した時点でクローンを打ち切る` +
    `（第1戦略で${G}以内に治療されなかったクローン${devTreat}、第2戦略で${G}以内に治療されたクローン${devControl}）。人為的な打ち切りは、${model}を${covariates}で推定した打ち切りの逆確率重みで補正する。` +
    `猶予期間終了前のイベントは両戦略で計上するため、いずれの戦略にもイモータルタイムは割り当てられない。推定対象：${estimand}。${variance}。` +
    graceDefault,
  ccwExcluded: (total, treated, untreated) => `（共変量欠測のため${total}例を除外：治療例${treated}例、非治療例${untreated}例）`,
  ccwModelPiecewise: (G, periods) => `${G}までに治療されないことのロジスティック回帰（第1戦略）と治療までの時間のCoxモデル${periods}（第2戦略）の各々`,
  ccwPeriods: (k) => `（係数は${k}期間で変化）`,
  ccwModelCox: "逸脱までの時間のCoxモデル",
  ccwCovariates: (list) => `共変量（${list}）`,
  ccwNoCovariates: "共変量なし（未調整）",
  ccwGraceDefault: (G) => `猶予期間${G}は既定値（治療までの期間の90パーセンタイルを切り上げた値）であり、臨床的に選んだ期間が望ましい（immortalTime.cloneCensorWeight.grace）。`,
  survivalAt: (t, u) => `${t}${unitOf(u)}生存率`,
  rmstUpTo: (t, u) => `${t}${unitOf(u)}までのRMST`,
  beyondCell: "–（データの範囲外）",
  beyondItem: (what, atRisk, inFollowUp) => `${what}：リスク集合${atRisk.replace(" and ", "例と")}例${inFollowUp === atRisk ? "" : `（追跡中${inFollowUp.replace(" and ", "例と")}例）`}`,
  beyondNote: (minAtRisk, items) =>
    `–（データの範囲外）：その時点でいずれかの戦略のリスク集合が${minAtRisk}例未満（図と同じく重みなしで、その時点で追跡中のクローンを数える）で、図が曲線を打ち切るため示さない（figures.minAtRisk）：${items}。results.jsonには数値をbeyondDataの印付きで残す。`,
  centreItem: (what, bias, se, offCentre) => `${what}：バイアス${bias}、SE ${se}${offCentre ? "（中心から外れている）" : ""}`,
  logHr: "対数HR",
  centreNote: (items) =>
    `ブートストラップのバイアス（反復の平均－推定値）とブートストラップSE：${items}。バイアスがSEの4分の1を超える場合、ブートストラップ分布は推定値を中心としておらず、推定値がずれている可能性があり、パーセンタイル区間（RMST、ハザード比のブートストラップ区間）は信頼できない。`,
  waldOffCentre: (text, bias, lower, upper) =>
    `${text}（ブートストラップのバイアス${bias}（SEの¼超）：推定値と区間がずれている可能性；ブートストラップ・パーセンタイル区間 ${lower}～${upper}）`,
  waldOffCentreShort: (text, lower, upper) => `${text}（ブートストラップ分布が中心から外れている：ずれの可能性；パーセンタイル区間 ${lower}～${upper}）`,
  seUsedBootstrap: (what, se) => `${what}：ブートストラップSE ${se}`,
  seUsedIj: (what, se) => `${what}：IJ SE ${se}`,
  seUsedNote: (items) => `各生存率の差の区間に用いたSE（ブートストラップSEと無限小ジャックナイフ（IJ）SEの大きい方）：${items}。`,
  hrBootOffCentre: (boot, bias) =>
    `${boot}：反復推定値が推定値を中心としていない（対数スケールでバイアス${bias}、ブートストラップSEの¼超）ため、このパーセンタイル区間は信頼できない。ロバスト区間はブートストラップに依らないが、このバイアスはハザード比自体がずれている可能性を示すため、ロバスト区間も同様に慎重に読むこと`,
  primaryIntervals: (items) => `区間：${items.replace(/, /g, "、")}`,
  intervalsWald: "生存率の差はWald法（ブートストラップSEとIJ SEの大きい方）",
  intervalsRmstPercentile: "RMSTはブートストラップ・パーセンタイル法",
  intervalsHrRobust: "ハザード比はロバストSE",
  heavyItem: (by, strategy, at, weight, share, ofDifference) =>
    `${by}までに「${strategy}」の1件の死亡（${at}時点、重み${weight}）がその戦略の生存率低下の${share}%${ofDifference === null ? "" : `、戦略間の差の${ofDifference}%`}を占める`,
  heavyNote: (items) => `重みの大きい単独の死亡（戦略の生存率低下または差の3分の1超）：${items}。`,
  hrNotEstimable: "per-protocolハザード比：推定不能。",
  hrText: (hr, p, boot) => `per-protocolハザード比（副次的；クローンに対する重み付きCox回帰、患者でクラスター化したロバストSE）：${hr}、p ${p}${boot !== null ? `；ブートストラップ${boot}` : ""}。`,
  ccwTitle: (primary, n) => `${primary ? "主解析：" : ""}クローン・打ち切り・重み付け、絶対効果（n = ${n}）`,
  differenceCi: "差（95%信頼区間）",
  ccwFootnote: (u, boot, weights, w1, w2, hrText) =>
    `戦略ごとの重み付きカプラン・マイヤー推定値。差は第1戦略－第2戦略で、生存率はパーセントポイント、RMSTは${unitCount(u)}で示す${boot}。` +
    `重み：${weights === "stabilized" ? "安定化" : weights === "unstabilized" ? "非安定化" : weights}；戦略ごとの最小/中央値/最大は${w1}および${w2}。${hrText}`,
  ccwFigureTitle: (lt, lc) => `クローン・打ち切り・重み付け：${lt} vs ${lc}`,
  ccwFigureDifference: (t, u, diff) => `${t}${unitOf(u)}時点の生存率の差（治療戦略－非治療戦略）：${diff}ポイント`,
  ccwBoot: (replicates, failed) => `（解析全体を再推定する${replicates}回のブートストラップ；失敗${failed}回。生存率の差は推定値 ± 1.96 × ブートストラップSEと無限小ジャックナイフSEの大きい方、RMSTの差はパーセンタイル区間）`,
  ccwNoBoot: "（ブートストラップなし、信頼区間なし）",
  ccwFigureHr: (hr, n) => `per-protocol HR ${hr}（副次的；クローンに対する重み付きCox回帰、患者でクラスター化したロバストSE；n = ${n}例）`,
  // ---- single-column figures (issue 19, h/figs)
  ccwDifferenceShort: (t, u) => `${t}${unitOf(u)}時点の差：`,
  simonMakuchFlag: "粗解析（治療のみ）：交絡は未調整",
  ccwFigureCaption: (n) =>
    `エミュレートした試験の2つの戦略の、打ち切りの逆確率で重み付けしたカプラン・マイヤー曲線（n = ${n}例、各患者を両戦略にクローン）。リスク集合の人数は、各時点におけるリスク集合のクローン数（患者・戦略ごとに1つ、重みなし；追跡期間がその時点以上のもの、逸脱したクローンは逸脱時に除外）で、他のカプラン・マイヤー図と同じ。図中のHRは同じクローンで算出した。`,
  strategyTreated: (label, G) => `${G}以内の${label}`,
  strategyNot: (label, G) => `${G}以内の${label}なし`,
  notYet: (name) => `${name}前（未施行）`,
  after: (name) => `${name}後`,
  notByLandmark: (name, L) => `${L}までに${name}なし`,
  byLandmark: (name, L) => `${L}までに${name}あり`,
  crude: "粗解析（治療のみ）",
  primaryTag: (design) => `${design}（主解析）`,
  ccwRowPrimary: (G) => `クローン・打ち切り・重み付け、猶予期間${G}：per-protocol HR、主解析の副次的な数値（主要な結果は上の絶対効果）`,
  ccwRow: (G) => `クローン・打ち切り・重み付け、猶予期間${G}（per-protocol HR）`,
  commaSep: "、",
  ccwEvents: (patients, treat, control) => `${patients}例（クローンのイベント ${treat}件 / ${control}件）`,
  ccwEventsNote: (lt, lc) =>
    `クローン・打ち切り・重み付けのイベント：イベントのあった患者数、続いてper-protocolハザード比の基礎となる戦略ごとのクローンのイベント数（「${lt}」/「${lc}」）。治療前に猶予期間内に死亡した場合は両戦略で数え、戦略から逸脱した後の死亡はその戦略では数えない。`,
  ccwPopulation: (n) => `共変量が揃った全例、n = ${n}、各患者を両戦略にクローン`,
  ccwEstimand: "エミュレートした試験のper-protocol HR（重み付き曲線の要約）",
  ccwVariance: "患者でクラスター化したロバストSE",
  adjustedDesign: "共変量で調整した時間依存性Cox回帰",
  completePopulation: (n, intervals) => `共変量が揃った全例${n === null ? "" : `、n = ${n}`}${intervals === null ? "" : `（${intervals}区間）`}`,
  conditionalAdjusted: "条件付きHR（共変量で調整）",
  notEstimated: "推定せず",
  aliveAt: (L, n, treated) => `${L}時点の生存例のうち共変量が完全な患者、n = ${n}（その時点までの治療例${treated}例）`,
  lmBalanceTitle: (L) => `ランドマーク（${L}）で再推定した傾向スコアモデルの共変量バランス`,
  lmBalanceFootnote: (L) =>
    `ランドマーク解析の傾向スコアは、${L}時点で生存し追跡中の患者（治療＝その時点までに治療）で再推定し、共変量、マッチングおよび重み付けは上の表の各行と同じである。バランスは傾向スコアの項と同じ基準で判定する。`,
  matchedAt: (L, n) => `${L}時点でマッチング、n = ${n}`,
  stabilised: (estimand) => `${estimand}、安定化`,
  lmIptw: (L, w) => `${L}時点のランドマーク、傾向スコア再推定、IPTW（${w}）Cox回帰`,
  lmIptwM: (L, w) => `${L}時点のランドマーク、傾向スコア再推定、IPTW（${w}）Cox回帰、M推定によるSE`,
  lmMatched: (L) => `${L}時点のランドマーク、傾向スコア再推定、傾向スコアマッチングCox回帰`,
  lmMatchedStratified: (L) => `${L}時点のランドマーク、傾向スコア再推定、マッチングセットで層別した傾向スコアマッチングCox回帰`,
  lmPsDesign: (L) => `${L}時点のランドマーク、傾向スコア再推定（IPTW、傾向スコアマッチングおよび共変量で調整したCox回帰）`,
  lmPsPopulation: (L) => `${L}時点の生存例、共変量が揃った患者`,
  lmAdjusted: (L) => `${L}時点のランドマーク、共変量で調整したCox回帰`,
  lmMarginal: (L, estimand) => `${L}時点の生存例における周辺HR（${estimand}）`,
  lmMatchedEstimand: (estimand, L) => `${estimand}、${L}時点の生存例`,
  lmConditional: (L) => `${L}時点の生存例における条件付きHR`,
  seqPopulation: (matched, eligible, controls) => `治療例${eligible}例中${matched}例をマッチング、対照${controls}例`,
  seqStratified: "逐次（リスク集合）マッチング、マッチドセットで層別したCox回帰",
  seqStratifiedEstimand: "条件付きHR（マッチドセット内）、治療時点以降",
  seqClustered: "逐次（リスク集合）マッチング、マッチドセットでのCox回帰",
  seqClusteredEstimand: "マッチング例におけるHR、治療時点以降",
  tdCrude: (crude) => `時間依存性Cox回帰、${crude}`,
  allPatients: (n, intervals) => `全例、n = ${n}${intervals === null ? "" : `（${intervals}区間）`}`,
  unadjusted: "未調整HR",
  modelBased: "モデルに基づく",
  lmCrude: (L, crude) => `${L}時点のランドマーク、${crude}`,
  lmCrudePopulation: (L, n, excluded) => `${L}時点の生存例、n = ${n}（除外${excluded}例）`,
  naive: (biased) => `治療歴の有無を起点で固定した単純なCox回帰、全例（${biased}）`,
  naiveEstimand: "未調整HR（バイアスあり）",
  crudeNote: (nCrude, nAll) =>
    `ナイーブ比較の行は、治療効果の表の粗Cox回帰（n = ${nCrude}、傾向スコアの共変量が揃った患者）を全${nAll}例に当てはめたものであり、両者は対象患者のみが異なる。`,
  adjustedFirst: (flagged) =>
    `調整デザインを先に示す：推定された場合、未測定の交絡がなく、治療・打ち切り・アウトカムのモデルが正しく特定されているという仮定の下で、イモータルタイムと測定された交絡を同時に扱う。推定できなかったデザインはその行に記載する${flagged ? "。フラグが付いた行（イベント数不足、共変量の残存する不均衡またはバランスの悪化）はこの条件を満たさず、感度解析としてのみ扱う（研究仕様で主解析と宣言された場合を除く。その場合はフラグとともに読む）" : ""}。`,
  noCovariates: "共変量が指定されていない：粗解析のデザインのみであり、イモータルタイムは除けるが交絡は除けない。",
  byDesignFootnote: (biased) =>
    `粗解析の行は治療のみのCox回帰である。ナイーブ比較は治療前の期間を治療ありとして数えるため${biased}であり、対照として示す。` +
    "条件付きHR（共変量調整または層別）と周辺HR（重み付け）は異なる問いに答え、交絡がなくても異なる（非collapsibility）。",
  byDesignTitle: "イモータルタイム：デザイン別の治療のハザード比",
  byDesignHeaders: ["デザイン", "対象集団", "推定対象", "HR（95%信頼区間）", "p", "イベント", "分散"],
  lmBeyond: (t, u, atRisk, min) => `その${t}${unitOf(u)}後は推定不能：リスク集合${atRisk.replace(" and ", "例と")}例（${min}例未満で、図が曲線を打ち切る時点）`,
  lmAt: (t, u, treated, control, diff) => `その${t}${unitOf(u)}後、ランドマークまでの治療例${treated}、その時点までの非治療例${control}（差${diff}）`,
  lmWeighted: (population, items, flags) =>
    `ランドマーク時点の生存例におけるIPTW重み付きカプラン・マイヤー生存率（${population}）：${items}。ランドマーク解析にはブートストラップがないため、これらの差に信頼区間はない。${flags === "" ? "" : `表のランドマークIPTW行と同じ重みによるため、同じフラグが付く：${flags}。感度解析としてのみ扱う。`}`,
  diverged: "推定不能（発散）",
  adjustedTitle: "共変量で調整した時間依存性Cox回帰",
  adjustedHeaders: ["項", "HR（95%信頼区間）", "p"],
  adjustedFootnote: (n, events, intervals, exTotal, exTreated, exUntreated, variance, from) =>
    `n = ${n}例、${events}イベント、(開始, 終了]区間${intervals}。共変量が揃わない${exTotal}例を除外（治療例${exTreated}例、非治療例${exUntreated}例）。${variance}。共変量：${from === "immortalTime.covariates" ? "immortalTime.covariatesのとおり" : from === "propensity.covariates" ? "傾向スコアモデルの共変量" : "研究の全共変量"}。`,
  landmarksTitle: "ランドマークの感度解析：ランドマーク時点別の治療のハザード比",
  landmarksHeaders: ["ランドマーク", "ランドマーク時点のn", "その時点までの治療例", "イベント", "調整HR（95%信頼区間）", "IPTW HR（95%信頼区間）"],
  mainLandmark: "（主ランドマーク）",
  landmarksFootnote:
    "調整：ランドマークまでの治療と共変量のCox回帰（条件付きHR、モデルに基づくSE）。IPTW：各ランドマークで傾向スコアを再推定し、ロバストSEを伴う重み付きCox回帰（ランドマーク時点の生存例における周辺HR）。",
  simonMakuchTitle: "Simon–Makuchプロット",
  simonMakuchCaption: (n) =>
    `時間依存性共変量としての治療別の生存率、粗解析（治療のみ）：患者は治療日に治療群の曲線へ移る。リスク集合は各時点で各曲線にいる患者を数える。治療群の曲線への移動は印を付けていない（+ は打ち切りのみ）。対象集団：追跡のある全例、n = ${n}。`,
  landmarkFigureTitle: (L) => `${L}時点のランドマーク解析`,
  landmarkLogrank: (p, n) => `ランドマークのログランク検定 ${p}（粗解析、n = ${n}）`,
  landmarkCaption: (L, n, excluded) =>
    `ランドマーク時点で生存し追跡中の患者における、ランドマーク以降のカプラン・マイヤー推定値（ランドマーク前に受けた治療別、粗解析）。対象集団：${L}時点の生存例、n = ${n}（それ以前に死亡または追跡終了の${excluded}例を除く）。`,
  ci: (pct) => `${pct}%信頼区間`,
  setting: (d) => `；${d}`,
  primarySentence: (declared, label, defaults, description, n, events, est, flag = null) =>
    `主解析（${declared ? "研究仕様で宣言" : "survinferの既定ルールで選択、研究仕様で未宣言"}）：${label}${defaults}（「イモータルタイム」の項）。推定対象：${description}；${n}例、${events}イベント；${est}。${flag === null ? "イモータルタイムと交絡を同時に扱う。" : `イモータルタイムと交絡を同時に扱うよう設計されているが、ここではフラグが付いている：${flag}。`}以下の解析は起点から治療歴の有無で患者を比較するものであり、感度解析にすぎない。`,
  // ---- clone–censor–weight weight diagnostics (issue 19, referee A9)
  ccwBalanceTitle: "クローン・打ち切り・重み付け：猶予期間終了時点で打ち切られていないクローンのバランス",
  ccwBalancePopulation: (n) => `n = ${n}例、各患者を両戦略にクローン`,
  ccwBalanceTerm: "共変量項",
  ccwBalanceUnweighted: "SMD（重み付けなし）",
  ccwBalanceWeighted: "SMD（重み付けあり）",
  ccwBalanceUncensored: (G) => `${G}後も追跡中のクローン`,
  ccwBalanceOf: (k, n) => `${n}例中${k}例`,
  ccwBalanceReference: (G) => `参照集団：${G}後も生存かつ追跡中の患者`,
  ccwBalanceEss: "その重みの有効サンプルサイズ（Kish）",
  ccwBalanceFootnote: (G, binary, rule) =>
    `${G}後も追跡中のクローン（生存、戦略を遵守、脱落なし）と参照集団（自身のデータで${G}後も生存かつ追跡中の患者、遵守の有無を問わない；重み付けなし。打ち切り重みが補正するのは人為的打ち切りであり、猶予期間内の死亡や追跡不能ではない）とのSMD：重み付けなしは人為的打ち切りの影響、${G}後の各クローンの打ち切り確率の逆数による重み付けありは重み付け後に残る差を示す。分母：重み付けなしの2群の併合SD √((s₁² + s₀²)/2)、両列で共通；${binary}。有効サンプルサイズ (Σw)²/Σw²（Kish）：重みが等しければクローン数。不均衡：${rule}（analyses.propensity.balance.thresholds）、本研究のバランス表と同じ基準；残存する不均衡があれば、ランドマークIPTWの行と同様にこのデザインにフラグを付ける。`,
  ccwBalanceBinaryRaw: "二値項は割合の差（標準化なし）",
  ccwBalanceBinaryStd: "二値項はp(1 − p)で標準化",
  ccwBalanceVrUnweighted: "分散比（重み付けなし）",
  ccwBalanceVrWeighted: "分散比（重み付けあり）",
  ccwBalanceImbalancedIn: "重み付け後に不均衡な戦略",
  ccwBalanceTermsFootnote: (k, m) =>
    `分散比：参照集団に対するクローンの分散比（連続項のみ；二値項は–）。重み付け後に不均衡な戦略：重み付けしたクローンでその項が基準を外れる戦略。項は打ち切りモデルの列である：因子の参照水準以外の水準で、参照水準の行はない（傾向スコアのバランス表はすべての水準を示す）；残存する不均衡のフラグは両戦略の項を数える（${m}項中${k}項）。`,
  ccwBalanceArm: (strategy, G, n, ess, verdict, worse) => `戦略「${strategy}」、${G}後も追跡中のクローン（n = ${n}、ESS ${ess}）：${verdict}${worse}`,
  ccwBalanceRemain: (k, m, rule, list) => `重み付け後も共変量項${m}個中${k}個が不均衡である（${rule}）：${list}。`,
  ccwBalanceAll: (m, rule) => `重み付け後、共変量項${m}個すべてが均衡している（${rule}）。`,
  ccwBalanceItem: (label, stats) => `${label}（${stats}）`,
  ccwBalanceSmd: (x) => `SMD ${x}`,
  ccwBalanceVr: (x) => `分散比 ${x}`,
  ccwBalanceChange: (stat, before, after) => `${stat === "smd" ? "SMD" : "分散比"} ${before} → ${after}`,
  ccwBalanceWorse: (list) => `重み付けにより悪化した項（重み付けなしのクローンより参照集団から離れた）：${list}。`,
};

function unitOf(u: string): string {
  return ({ days: "日", weeks: "週", months: "か月", years: "年" } as Readonly<Record<string, string>>)[u] ?? u;
}

/** Japanese templates of the engine texts of this part (IMMORTAL_PATTERNS). */
const UNITS: Readonly<Record<string, string>> = { days: "日", weeks: "週", months: "か月", years: "年" };
const unit = (u: string | undefined): string => (u === undefined ? "" : (UNITS[u] ?? u));
/** The unit an engine text writes after a number (" points", " months" or ""). */
const unitAfter = (u: string | undefined): string => {
  const w = (u ?? "").trim();
  return w === "" ? "" : w === "points" ? "ポイント" : unit(w);
};
const STAT: Readonly<Record<string, string>> = { "survival difference": "生存率の差", "RMST difference": "RMSTの差", "per-protocol log hazard ratio": "per-protocolハザード比の対数" };
/** "60か月時点の" / "60か月までの" */
const atJa = (at: string | undefined, t: string | undefined, u: string | undefined): string => (t === undefined ? "" : at === "up to" ? `${t}${unit(u)}までの` : `${t}${unit(u)}時点の`);
/** "; grace period 6 months (default)" → "；猶予期間6か月（既定値）" */
const defaultsJa = (s: string | undefined): string =>
  (s ?? "").replace(/; (grace period|landmark) ([−\d.,]+) (\w+) \(default\)/g, (_m, what: string, n: string, u: string) => `；${what === "landmark" ? "ランドマーク" : "猶予期間"}${n}${unit(u)}（既定値）`);

/** The headline's items: "at 12 months: -7.8 points (-27.7 to 19.8), not estimable at 60 months: 12 and 3 patients at risk (…)". */
const headlineJa = (s: string | undefined): string =>
  (s ?? "")
    .replace(/\(([−\d.,-]+) to ([−\d.,-]+); bootstrap not centred: may be off; percentile ([−\d.,-]+) to ([−\d.,-]+)\)/g, "（$1～$2；ブートストラップ分布が中心から外れている：ずれの可能性；パーセンタイル区間 $3～$4）")
    .replace(/\(([−\d.,-]+) to ([−\d.,-]+); interval unreliable: bootstrap not centred\)/g, "（$1～$2；区間は信頼できない：ブートストラップ分布が中心から外れている）")
    .replace(/not estimable at ([−\d.,-]+) (\w+): ([−\d.,-]+) and ([−\d.,-]+) patients at risk \(fewer than ([−\d.,-]+), where the figures end the curves\)/g, (_m, t: string, u: string, a: string, b: string, k: string) => `${t}${unit(u)}時点は推定不能：リスク集合${a}例と${b}例（${k}例未満で、図が曲線を打ち切る時点）`)
    .replace(/(^|, | )at ([−\d.,-]+) (\w+):/g, (_m, pre: string, t: string, u: string) => `${pre === ", " ? "、" : pre.trim()}${t}${unit(u)}時点：`)
    .replace(/, ([−\d.,-]+) (\w+): /g, (_m, t: string, u: string) => `、${t}${unit(u)}時点：`)
    .replace(/ points/g, "ポイント")
    .replace(/\(([−\d.,-]+) to ([−\d.,-]+)\)/g, "（$1～$2）")
    .replace(/; RMST difference up to ([−\d.,-]+) (\w+): /g, (_m, t: string, u: string) => `；${t}${unit(u)}までのRMSTの差：`)
    .replace(/, /g, "、")
    .replace(/([−\d.,-]+) (months|days|weeks|years)/g, (_m, x: string, u: string) => `${x}${unit(u)}`)
    .replace(/： /g, "：")
    .replace(/ （/g, "（");

/** "ATE, stabilised" → "ATE、安定化" */
const weightsJa = (w: string | undefined): string => (w ?? "").replace(/, unstabilised/g, "、非安定化").replace(/, stabilised/g, "、安定化").replace(/, /g, "、");

/** The adjusted designs the explanation names (src/study/immortal-time/explanation.ts), "; "-separated, in Japanese. */
/** The caveats of a design estimated without a flag (src/study/immortal-time/explanation.ts DESIGN_CAVEATS). */
const caveatsJa = (list: string): string =>
  list
    .split("; ")
    .map(
      (c) =>
        ({
          "its censoring model has fewer deviations per parameter than the floor at which the study's other models are not fitted":
            "打ち切りモデルのパラメータあたりの逸脱数が、本研究の他のモデルを当てはめない下限を下回る",
          "its censoring model has few deviations per parameter": "打ち切りモデルのパラメータあたりの逸脱数が少ない",
          "its bootstrap distributions are not centred on the estimates": "ブートストラップ分布が推定値を中心としていない",
        })[c] ?? c,
    )
    .join("、");

const designsJa = (list: string): string =>
  list
    .split("; ")
    .map(
      (d) =>
        ({
          "target-trial emulation by clone–censor–weight": "クローン・打ち切り・重み付けによるターゲットトライアルエミュレーション",
          "time-dependent Cox adjusted for the confounders": "交絡因子で調整した時間依存性Cox回帰",
          "landmark analysis with the propensity score re-estimated among patients alive at the landmark": "ランドマーク時点の生存例で傾向スコアを再推定したランドマーク解析",
          "landmark Cox adjusted for the confounders": "交絡因子で調整したランドマークCox回帰",
          "sequential matching on the time of treatment": "治療時点での逐次マッチング",
        })[d] ?? d,
    )
    .join("、");

/** The condition under which an adjusted design estimated without a flag addresses immortal time and confounding. */
const CONDITION_JA = "未測定の交絡がなく、治療・打ち切り・アウトカムのモデルが正しく特定されているという仮定の下で、イモータルタイムと測定された交絡を同時に扱う";
const FLAGS_JA = "イベント数不足、共変量の残存する不均衡またはバランスの悪化";

export const immortalTextsJa: Readonly<Record<ImmortalTextId, EngineTemplate>> = {
  itExplanation: ({ g, t }) =>
    `治療（${g.name}）は${g.label}の起点より後に行われた（中央値で${g.wait}${unit(g.unit)}後）：治療例として数えられるには治療まで生存する必要があるため、受けた治療で（起点から）群を比較すると治療に有利な偏りが生じる（イモータルタイムバイアス）。` +
    (g.none === undefined && (g.est !== undefined || g.only !== undefined || g.all !== undefined || g.some !== undefined || g.declared !== undefined)
      ? (g.est !== undefined
          ? `以下で推定された調整デザイン（${designsJa(g.est)}）は、${CONDITION_JA}。`
          : g.only !== undefined
            ? `調整デザインのうち、以下で用いる種類のフラグ（${FLAGS_JA}）なしで推定されたのは${designsJa(g.only)}のみであり、${CONDITION_JA}。`
            : "フラグなしで推定された調整デザインはない。") +
        (g.declared !== undefined ? `フラグが付いた（${g.declFlags === undefined ? FLAGS_JA : g.declFlags.split("; ").map(t).join("；")}）が、研究仕様で主解析として宣言されている：${designsJa(g.declared)}。` : "") +
        (g.cav !== undefined ? `${designsJa(g.cavOf ?? "")}の留意点：${caveatsJa(g.cav)}。` : "") +
        (g.all !== undefined ? `推定したすべての行に表でフラグが付いた（${FLAGS_JA}）ため、感度解析としてのみ扱う：${designsJa(g.all)}。` : "") +
        (g.some !== undefined ? `一部の行に表でフラグが付いた（${FLAGS_JA}）。フラグが付いた行は感度解析としてのみ扱う：${designsJa(g.some)}。` : "") +
        (g.not !== undefined ? `このデータでは推定できず、その旨を記載したもの：${designsJa(g.not)}。` : "")
      : g.none !== undefined
        ? `このデータではどの調整デザインも推定できなかった（その旨を記載：${designsJa(g.none)}）ため、推定値を示すのは粗解析のデザインのみであり、イモータルタイムは除けるが交絡は除けない。`
        : "共変量が指定されていないため、粗解析のデザインのみを示す：イモータルタイムは除けるが交絡は除けない。") +
    "粗解析（治療のみ）はその後に示す。ナイーブ比較はデザインによるバイアスがあり、対照としてのみ示す。" +
    (g.byDefault ? "治療日が起点より後にあるため、これらの解析は既定で実行された（無効にするにはanalyses.immortalTime: falseを設定）。" : ""),
  settingDefault: ({ g }) => `${g.what === "landmark" ? "ランドマーク" : "猶予期間"}${g.x}${unit(g.unit)}（既定値）`,
  ccwEstimand: ({ g }) =>
    `全患者が${g.g}${unit(g.unit)}以内に治療された場合と${g.g}${unit(g.unit)}以内に治療されなかった場合の生存率（およびRMST）の差（エミュレートした試験のper-protocol効果；治療時期に未測定交絡がないという仮定の下での因果的対比）`,
  ccwVarianceBootstrap: ({ g }) => `解析全体のノンパラメトリック・ブートストラップ、${g.b}回（生存率の差：ブートストラップSEと無限小ジャックナイフSEの大きい方によるWald区間、RMSTの差：パーセンタイル区間）；HRには患者でクラスター化したロバストSEも示す`,
  ccwVarianceRobust: () => "HRには患者でクラスター化したロバストSE；ブートストラップなし（生存率の差の信頼区間にはimmortalTime.cloneCensorWeight.bootstrapを設定）",
  ccwPopulation: ({ g }) => `共変量が揃った全${g.n}例、各患者を両戦略にクローン`,
  ccwHrNotEstimable: () => "per-protocolハザード比は推定できなかった",
  ccwDescription: ({ g, t }) =>
    `${t(g.estimand ?? "")}；${t(g.population ?? "")}；生存率の差（猶予期間内の治療あり－なし）：${headlineJa(g.items).replace(/^ /, "")}${headlineJa(g.rmst)}；ハザード比はエミュレートした試験のper-protocolハザード比（クローンに対する重み付きCox回帰；曲線の要約であり、因果的なハザードの対比ではない）`,
  lmPopulation: ({ g }) => `${g.t}${unit(g.unit)}時点で生存し追跡中かつ共変量が完全、n = ${g.n}（その時点までの治療例${g.k}例）`,
  lmDescription: ({ g, t }) => `${t(g.estimand ?? "")}；${t(g.population ?? "")}`,
  tdEstimandAdjusted: () => "条件付きHR（共変量で調整）、治療日以降を治療ありとする",
  tdEstimandUnadjusted: () => "未調整HR、治療日以降を治療ありとする",
  tdVariance: () => "患者でクラスター化したロバスト（サンドイッチ）分散、coxph(cluster = id)と同じ",
  tdPopulation: ({ g }) => `共変量が揃った全${g.n}例、治療までは非治療群`,
  tdCrudeDescription: () => "時間依存性共変量としての治療の未調整HR（交絡は扱わない）",
  seqEstimand: () => "マッチングした治療例における治療時点以降のHR（層別時はマッチドセットで条件付け）",
  seqVariance: () => "患者でクラスター化したロバスト（サンドイッチ）分散（患者は対照となった後に治療されうる）",
  seqPopulation: ({ g }) => `治療例${g.n}例中${g.k}例を、治療時点で追跡中の未治療の対照${g.c}例とマッチング`,
  designDescription: ({ g, t }) => `${t(g.a ?? "")}；${t(g.b ?? "")}；${t(g.c ?? "")}`,
  varModelBased: () => "モデルに基づく（情報行列の逆行列）",
  varModelBasedStrata: () => "モデルに基づく、マッチドセットで層別",
  varRobustStrata: () => "ロバスト（非整数のマッチング重み）、マッチドセットで層別",
  varRobustSet: ({ g }) => `ロバスト、${g.on === "patient" ? "患者" : "マッチドセット"}でクラスター化${g.ref === " (Austin 2013)" ? "（Austin 2013）" : g.ref ? "（復元ありマッチング）" : ""}`,
  varSandwich: ({ g }) => `ロバスト・サンドイッチ分散、重み（${weightsJa(g.w)}）は既知として扱う`,
  varMEstimation: ({ g }) => `M推定：傾向スコアとCoxのスコア方程式を連立、重み${weightsJa(g.w)}（Shu et al. 2021）`,
  atmKept: ({ g }) => `ATM：治療例${g.n}例中${g.k}例を保持；${g.hr === "marginal" ? "周辺" : "条件付き"}HR`,
  primaryLead: ({ g, t }) => `主解析${g.how?.startsWith("chosen") ? "はsurvinferの既定ルールで選択（研究仕様で未宣言）" : "（研究仕様で宣言）"}：${t(g.label ?? "")}${defaultsJa(g.defaults)}`,
  ccwHeadline: ({ g }) => `生存率の差（${g.g}${unit(g.unit)}以内の治療あり－なし）：${headlineJa(g.items).replace(/^ /, "")}${headlineJa(g.rmst)}`,
  ccwBeyondData: ({ g }) =>
    `${atJa(g.at, g.t, g.unit)}${g.stat === "RMST difference" ? "RMSTの差" : "生存率の差"}は示さない（推定不能）：データの範囲外で、図が曲線を打ち切る時点である（リスク集合（追跡中）は2つの戦略で${g.k1}例と${g.k2}例、${g.min}例未満）。results.jsonには数値をbeyondDataの印付きで残す`,
  ccwHeavyDifference: ({ g }) =>
    `${g.t}${unit(g.unit)}時点の生存率の差は主に1件の死亡に依存している：${g.at}${unit(g.unit)}時点、重み${g.w}のこの死亡が差の${g.share}%を占める（推定値は慎重に読むこと）`,
  ccwBootstrapOffCentre: ({ g }) =>
    `${atJa(g.at, g.t, g.unit)}${STAT[g.stat] ?? g.stat}のブートストラップ分布は推定値を中心としていない（反復の平均${g.mean}${unitAfter(g.u)}、推定値${g.est}${unitAfter(g.u)}：バイアス${g.bias}${unitAfter(g.u)}はブートストラップSE ${g.se}${unitAfter(g.u)}の4分の1を超える）。${g.end?.startsWith("the estimate") ? "推定値と信頼区間がずれている可能性がある（依拠しないこと）" : "信頼区間は信頼できない（依拠しないこと）"}`,
  primaryDefaults: ({ g, t }) =>
    `主解析${g.how?.startsWith("chosen") ? "はsurvinferの既定ルールで選択（研究仕様で未宣言）" : "（研究仕様で宣言）"}：${t(g.label ?? "")}${defaultsJa(g.defaults)} — survinferによる既定値であり研究の選択ではない：結果を見る前にanalyses.primary${g.settings ? "と（既定値）と記した設定" : ""}を研究仕様で宣言すること`,
  notEstimatedLandmarkRow: ({ g, t }) => `イモータルタイム、${g.t}${unit(g.unit)}時点のランドマーク、${t(g.model ?? "")}：${t(g.rest ?? "")} [${g.code}]`,
  lmAdjustedModel: () => "共変量で調整したCox回帰（条件付きHR）",
  ccwResidualImbalance: ({ g, t }) =>
    `${t(g.flag ?? "")}：重み付けした生存曲線は、猶予期間後も追跡中のクローンに残る共変量の差に一部依存している（クローン・打ち切り・重み付けのバランス表に記載）`,
  ccwSmallSample: ({ g }) => `生存率の差の信頼区間の被覆率はシミュレーションで${g.min}〜2,000例について確認された（docs/validation.md）；${g.n}例での被覆率は不明である`,
};

/** A unit as the measure of a quantity ("RMSTは月数で示す", referee s12 B12: not "か月で示す"). */
function unitCount(u: string): string {
  return ({ days: "日数", weeks: "週数", months: "月数", years: "年数" } as Readonly<Record<string, string>>)[u] ?? unitOf(u);
}
