// Package report builds the store operations review (店铺运营总结) that a
// store team hands to its boss: a [Review] of plain, language-free data,
// which package report/render writes as Markdown, HTML, JSON or plain
// text, in English or Chinese.
//
// # The review
//
// A [Review] is plain data: the period, the period it is compared with
// (环比) and the same period last year (同比), and seven sections:
//
//  1. [Overview] (总体概览): net sales, orders, AOV, spend per buyer, gross
//     margin, new customers, CAC, LTV and LTV/CAC as [KPI] rows with their
//     changes and target attainment, the daily sales trend (a chart in
//     HTML and, in every format, a table by [Trend]: net sales, the 7-day
//     average, orders and visitors per day, or per 7 days from the
//     period's first day when the period is longer than [WeeklyAfter] =
//     45 days), and the decomposition 销售额 = 访客数 × 转化率 × 客单价
//     ([Decomposition]).
//  2. [Traffic] (流量与转化): visitors and sessions by source and device,
//     buyers attributed to one source each ([Attribution]), bounce rate,
//     pages per session (page views / sessions, a number, undefined
//     without sessions or page views), the funnel and the step with the
//     largest loss, and the buyers' time to convert ([TimeToConvert]:
//     from the first event in the attribution's window, after any
//     earlier purchase and the half hour after it whose events are still
//     its own, to the first purchase of the period; median, 90th
//     percentile, and buckets under 1 h, 1–24 h, 1–7 d and 7 d or more).
//  3. [Products] (商品与库存): top sellers, new products, category margins,
//     turnover and DIO, sell-through (units sold / (opening units +
//     units received)), GMROI (gross profit / average inventory at cost),
//     sales lost to stock-outs ([LostSale]: sales per in-stock day × days
//     out of stock, an estimate), stock aging ([AgeRow], first in first
//     out), slow movers and dead stock, ABC×XYZ, stock-outs on A items,
//     the reorder list; the stock parts are n/a without snapshots.
//  4. [Promotions] (促销活动): each promotion's lift, ROI with its interval,
//     side effects and verdict; the weekday pattern; the weekend effect
//     ([WeekendEffect]: weekend / weekday mean daily net sales with its
//     95 % interval and a verdict read from the interval alone:
//     weekend_higher, weekend_lower, no_difference or undetermined) and
//     each promotion's weekend − weekday incremental gross profit per day
//     with its interval and verdict.
//  5. [Customers] (客户与复购): new and returning buyers, repurchase, the
//     repeat rates within 30, 60 and 90 days of the first order of the
//     customers whose whole window is observed, and of those whose
//     window closed in the period, the KPIs ([RepeatWindow]), the
//     cohort retention heatmap, RFM segments, the customer model chosen
//     ([CustomerModel]), active customers beside the buyers of the last 90
//     and 180 days, and the predicted CLV with its interval.
//  6. [Service] (客户服务与退换货): first-response time and SLA attainment,
//     resolution, CSAT, contacts per 100 orders, tickets by reason and
//     channel, return rates and reasons, SKUs whose returns stand out.
//  7. Findings (问题与建议): the conclusions of rules ([Finding]).
//
// [Channels] (渠道与投放), shown after the traffic section when the data
// has orders and spend, gives per channel its spend, visitors, sessions,
// bounce rate, attributed buyers and conversion, new customers, CAC,
// first-order revenue, revenue, ROAS and new-customer ROAS, the revenue per acquired customer
// after 30 and 90 days, LTV/CAC and the CAC payback in months, and the
// channel groups ([DefaultChannelGroups], Config.ChannelGroups) with the
// paid and organic shares of visitors, new customers and revenue.
// [Fulfilment] (物流与履约), shown after the service section when the
// period's orders have ship or delivery times or promises: time to ship
// and to deliver (median and 90th percentile), order to door, the on-time
// rate, by carrier and by region, the coverage of the data, and the
// late-delivery return rate and tickets per 100 orders of late and
// on-time orders.
// [Profile] (用户画像), shown within the customers section when the input
// has customer attributes (Input.Customers): per attribute (age band,
// gender, city, region, city tier, each label) and value, the buyers'
// sales and its share, buyers and their share, AOV, repurchase rate and
// historical value per buyer, with the buyers lacking the attribute as
// an "unknown" row so that the shares add up to 100 %, and the share of
// the period's new customers against all buyers' with a two-proportion
// z test (package metrics/profile).
//
// [Market] (市场与竞争), shown after the products section when the input
// has competitor prices (Input.CompetitorPrices): the price index of our
// SKUs against each competitor and the market (the median of the
// competitors' prices), weighted by our net sales, the sales of the SKUs
// above, near and at or below the market against the previous period,
// the SKUs above the market, and the competitors' promotion days beside
// ours (package metrics/market). Without competitor prices it is nil and
// not listed as omitted: most stores have none.
//
// Every number is a [metrics.Value]: an exact amount, a count, a ratio
// that keeps its numerator and denominator, or a duration, in a
// [metrics.Unit]. A number that cannot be computed (the AOV of a period
// without orders) is an undefined Value, never a zero: renderers print it
// as "n/a" in English and "—" in Chinese. A [KPI] is a row of Values with
// its changes and attainment, computed once by [metrics.KPI.Compare]
// ([NewKPI]); its Key is one of metrics.KPIs or of the review's own
// [KPIs].
//
// A section whose inputs are missing is nil and listed in Review.Omitted;
// renderers print a one-line note in its place, never zeros. A part of a
// section that cannot be computed from sound data (a CLV model that does
// not converge, a reorder list) is left out with a [Note] in Review.Notes,
// which renderers print in its section and count under the findings.
//
// # Computing a review
//
// [Build] computes a Review from an [Input] (orders with their history,
// refunds, events, marketing spend, targets, inventory snapshots and
// receipts, promotions, service tickets) for the period of a [Config]. It
// reads each source once: every order feeds, in one pass, the sales
// summaries of the period, the previous period (环比), the period before it
// and the same period last year (同比), the daily trend and the
// accumulators of the other sections; every event feeds the visits, the
// funnel of the period and of the previous period at once. The numbers come
// from the metric packages, so each one follows its definition in
// the package documentation of each:
//
//   - overview: metrics.Summarizer for the four periods,
//     metrics.CompareValues for changes and targets, metrics.AcquisitionCost
//     (blended CAC), the LTV of a new customer (below) and
//     metrics.Decompose (LMDI);
//   - traffic: funnel.Traffic (sessions, bounces) and funnel.Counter (the
//     funnel, ClickHouse windowFunnel semantics). Conversion rate (转化率)
//     is paying buyers (customers with a non-cancelled order in the
//     period) / visitors (users with an event in the period), a share,
//     undefined without visitors; the funnel's overall rate is a second,
//     named rate (users reaching its last step within its window, cancelled
//     orders included). Bounce rate is bounces / sessions by
//     Config.Sessions.Bounce: by default one page view and no purchase,
//     or GA4's engaged-session rule. Each buyer is attributed to one
//     source (成交来源): by default the last non-direct visit within 30
//     days before their first purchase of the period and after any
//     earlier purchase and its half hour ([Attribution]), so buyers by
//     source add up to 100 %; visitors by source or device count a
//     visitor under each value they came with, so their shares may
//     exceed 100 % and the page says so. A session belongs to one
//     user (tracker session IDs are scoped per user);
//   - products: inventory.Analyze with its ABC, XYZ, slow-moving and
//     reorder reports (on the sales alone without snapshots);
//   - detail pages ([DetailPages], in products, when events name SKUs):
//     funnel/detail's per-SKU viewers → carters → buyers of the period
//     and the previous one, the changes of view-to-cart tested with
//     Benjamini–Hochberg over the SKUs with Config.DetailMinViewers
//     viewers in both;
//   - promotions: promo.Ledger.Analyze (baseline, lift, ROI, side effects);
//   - customers: cohort.Ledger (retention, RFM, CLV statistics) and the
//     models of cohort/clv. clv.Choose fits the BG/NBD, the MBG/NBD and
//     the Pareto/NBD in weeks as of the period's last day and chooses by
//     the RMSE of the per-customer forecast of the last 13 weeks (fitted
//     on the weeks before) when the data span at least 39 weeks, by BIC
//     otherwise; the page names the model and why. An active customer
//     has P(alive) ≥ 50 % under it; under the BG/NBD, which holds every
//     customer without a repeat purchase alive by construction, such a
//     customer is active only if they bought in the last 90 days. A
//     Gamma-Gamma model gives the spend. Every LTV and CLV is over
//     Config.LTVMonths (default 12 months), discounted 1 % a month, at the
//     period's gross margin: the overview's LTV is the predicted gross
//     profit of a new customer from acquisition (first purchase included,
//     each purchase at the spend model's mean), the section's predicted
//     CLV that of all existing customers from the period's end, with a
//     95 % interval from the parameters' uncertainty (delta method,
//     clv.Intervals);
//   - service: service.Desk and service.Returns (package metrics/service);
//   - channels: a channel is the key shared by Spend.Channel,
//     Order.Channel and the events' source, joined on the exact string
//     ("(none)" for the empty one); a channel absent from one of them has
//     that part at zero, and the ratios over it undefined. New customers
//     and CAC are metrics.AcquisitionCost's per channel (first order ever
//     in the period, through the channel; CAC = spend / new customers,
//     undefined without new customers, 0 without spend); revenue is the
//     net sales of the period's orders through the channel (they add up
//     to net sales) and ROAS = revenue / spend (metrics.ROAS), which
//     counts returning customers' orders; new-customer ROAS = first-order
//     revenue / spend; conversion is the traffic section's attributed buyers / visitors of
//     the source. The revenue per acquired customer after 30 (90) days is
//     the net sales less refunds of each customer's first 30 (90) days
//     from their first order day, averaged over the customers the channel
//     acquired, in any period, early enough that those days are in the
//     data (cohort.Ledger.Retention by channel in rolling days). The CAC
//     payback is the first 30-day month in which the cumulative gross
//     profit per acquired customer, each month over the customers observed
//     that long, reaches the CAC (metrics.CACPayback); "not within n
//     months" when the observed months do not reach it. LTV/CAC divides
//     the overview's LTV of a new customer, the same for every channel
//     (the customer model does not know channels), by the channel's CAC.
//     A channel group is paid when one of its channels has spend in the
//     period.
//   - fulfilment: fulfilment.Tracker of the orders placed in the period,
//     the previous period and last year, each as of its period's end (an
//     undelivered order whose promise passed by then is late), and
//     fulfilment.Link of the period's orders with every refund (its
//     reason normalised by service's default ReasonMap: late_delivery)
//     and ticket about them, whenever dated (package metrics/fulfilment).
//   - market: market.Tracker of the period's competitor prices in the
//     review's currency (the others counted in a note), of the orders of
//     the period and the previous one (units, list-price and net sales
//     per SKU) and of the days of the period that Input.Promotions'
//     windows touch (package metrics/market).
//
// A comparison period the data does not reach back to is undefined, never
// zero, and a note says the day the data starts ("prev_coverage",
// "year_coverage"). When the data ends before the reviewed period does,
// a note says its last day ("cur_coverage": the period's figures cover
// the days up to it), the overview's daily series stops there rather
// than showing the days after it as zeros, and what grows with the days
// counted has no change against the compared periods and no target
// attainment, which would set part of a period against a whole one: the
// totals and counts (net sales, orders, buyers, visitors, sessions, new
// customers and members, points issued), the shares that count what
// their base does over the period (the repurchase rate, the members'
// active and repurchase rates, the inventory's turnover, sell-through,
// GMROI and lost sales), the spend per buyer (the more days, the more
// orders a buyer places), the categories' penetration, and the overview's
// decomposition of the change in sales, which would lay the missing days
// on visitors (a "decomposition" note says why it is not computed).
// Levels at the period's end (members, points outstanding, stock value)
// and rates and averages keep theirs. The stock is analysed over the days
// the data covers (over the whole period, the days after its end would
// count as days without sales, and days of inventory, days of supply
// and the reorder list would read too low a demand); snapshots after the
// data's end are counted in an "inventory_after_data_end" note. An
// undelivered order is late when its promise passed by the data's end,
// not by the period's: the export does not record the deliveries after
// it. The market section gives no change of units or sales against the
// previous period, nor a count of SKUs that fell (Market.Cut).
// Records cannot tell a store whose data stops from one that sold
// nothing, so the data is taken to end at its last order, event or
// refund (not marketing spend, often entered for the whole month) only
// when the days after it would be a very unlikely silence at the store's
// own pace (orders and daily visitors a day: a chance under 1 in 1,000
// for a Poisson count); a sparse store's quiet last days stay zeros. Every KPI row has its 同比 when the data reach the
// same period last year: the overview's, traffic's (sessions, bounce rate
// and pages per session from last year's events), the inventory's (from
// last year's snapshots), the repeat rates (of the customers whose
// window closed in last year's period)
// and the service's (last year's tickets and returns); only the customer
// model's forecast rows (active customers, predicted CLV) have none.
//
// # Data quality
//
// Under Config.BadRecords Skip, invalid orders, refunds, events and
// inventory records are left out and counted by problem, with their first
// IDs, in notes of their section; rows rejected by the readers
// (Input.Rejected) are noted per file and reason. Under Strict, the
// default, Build fails with every problem located. With Config.Logger set,
// every note of the review is also a log/slog record at level Warn, with
// its section, key, reason and count left out as attributes, for a
// service that watches its stores' data.
//
// # Events as rows or as columns
//
// The events come either as rows (Input.Events, funnel.Event values) or as
// columnar batches (Input.EventBatches or Input.EventBatchesWithin,
// funnel.Events: user and name
// numbers of dictionaries, Unix ns times), never both. The review is the
// same either way, byte for byte. The pass over events numbers each user
// once and keeps what it needs of a user (the periods with an event, the
// day last counted for the plan, the days and the sources and devices of
// the period, the purchase a buyer's earlier visits are attributed to) in
// slices indexed by that number, so that its memory grows with users, not
// events. Over batches, a batch's user numbers are mapped to the review's
// once per dictionary entry, and an event outside the compared periods
// (most of a long history) costs a few slice reads and no string; an event
// of a compared period is turned into a funnel.Event for the accumulators
// that take rows (the funnels, the visits, the detail pages). A source
// that can leave out the properties of the other events
// (Input.EventBatchesWithin, such as storedata's) is asked for them only
// within the periods the review reads whole ([Config.EventPeriods]).
//
// # Long builds: cancellation and progress
//
// [BuildContext] builds under a context: when it is cancelled or its
// deadline passes, the build returns within a few milliseconds (it looks
// at the context every 256 orders, events or snapshots, and leaves a
// section under way, which stops at its next look) with the context's
// error wrapped with the phase it stopped in (errors.Is(err,
// context.Canceled) holds), and no review; a phase whose stream the same
// context ended early is not reported done.
// [Build] is BuildContext with context.Background(). Config.Progress
// receives how far the build has come ([Progress]): the pass over the
// orders, the events, the snapshots, then the sections, each from 0 to its
// total (Input.Counts gives the totals of the streams when the caller
// knows them; storedata.Dir sets them), at most about every 100 ms.
//
// # Concurrency
//
// Build and BuildContext may run in several goroutines at once, on the
// same Input: they read the input and never change it, and each build
// keeps its state to itself. The streams of an Input (Orders, Events,
// EventBatches, Snapshots) are then ranged over by each build:
// slices.Values and storedata's streams may be; a stream that can be read
// only once may not (a build only reads a batch and its dictionaries). A Review is a value once returned: render it from any number of
// goroutines, but do not change it while they do. Evaluate changes the
// review it is given. A Config's Progress and Logger are called from the
// goroutine that runs the build: one shared by builds running at once must
// be safe for concurrent use (slog's handlers are).
//
// # Definitions the page follows
//
// Changes of amounts and counts are relative, in percent; changes of
// rates and shares, and a rate's distance from its target, are
// differences in percentage points (pp, 百分点; see [KPI.ChangeKind]). A
// promotion pays, or does not pay, only when its whole ROI interval lies
// above, or below, zero; otherwise its verdict is inconclusive, and a
// finding's severity follows the verdict. A new product (新品) was
// launched within the last 90 days of the period, by the catalogue's
// launch date or else by a first sale after the first 60 days of the data,
// and never in the first month of the data. ABC classes go by the band in
// which a SKU's cumulative share of sales starts. Return outliers are
// controlled at a 5 % false-discovery rate (Benjamini–Hochberg).
//
// Partial data is said, not hidden: a run of a week or more without any
// order that the store's pace makes very unlikely (r·g ≥ gapEvidence, as
// for the data's end), and without a visitor either, is noted in the overview as days missing from the
// data ("orders_gap"); the cohort months it touches after their
// first, and the closed repeat cohorts whose acquisition days and
// windows it touches ([RepeatWindow]), are n/a, not 0 %; a promotion
// whose pre-period, window or post-window holds such days is not
// measured ([Unmeasured] with the days, cause "cause_days_missing"), nor
// is a CRM campaign whose window or pre-window does; the plan's
// forecasts leave such days out of their fit, levels and backtests
// (forecast.Config.Missing), and the forecast chart shows them n/a, not
// as days without sales; the customer model, which cannot tell them
// from days without orders, is noted to read them ("model_gap", in the
// customers section); and when such
// days fall in the reviewed period or in a compared one, what grows with
// the days counted has no change against that period, as when the data
// end early (the totals and counts, the market's units and sales, the
// categories' penetration, the decomposition), with a note naming the
// days ("prev_gap", "year_gap"); without inventory snapshots the
// products section keeps its sales parts (top sellers, new products,
// categories, ABC×XYZ by sales) and notes that the stock parts need
// snapshots; sales without a unit cost make the gross margin and the
// categories' gross profit undefined, with a note of the share of gross
// sales that lacks a cost, and so the values that apply the margin (the
// predicted CLV, the LTV and LTV/CAC) and, for a line up to the period's
// end, each channel's CAC payback, which counts the customers' gross
// profit (notes "clv_no_cost" and "payback_cost_missing"). A promotion whose promoted items sold units
// without a unit cost in its pre-period or window gets no ROI, interval,
// profit after costs, net ROI or weekend figures and the verdict
// "inconclusive"; units of a measured side effect's items and days
// (cannibalization, halo, pull-forward) leave its net ROI undefined; a
// CRM campaign whose compared orders have such a line gets no
// incremental gross profit, gain, ROI or interval and the verdict
// "inconclusive". A note counts the units or
// orders (PromotionResult.CostMissing, or else SideCostMissing;
// CampaignResult.CostMissing); sales of other items, customers or days
// take nothing from them.
//
// Costs that the data do not record are not known, never zero: a
// promotion whose fixed and media costs are not recorded
// (promo.Promotion.CostUnknown, as the Complete Journey's campaigns are
// read) gets no ROI, interval, net ROI or profit after costs, the verdict
// "inconclusive", and a "promo_uncosted" note naming it, never the note
// that its cost is zero; a CRM campaign whose cost is not known gets no
// cost, gain or ROI and a "campaign_uncosted" note.
//
// A CRM campaign is measured only when the data cover its window,
// from its first day to its last (a record on the day counts), and,
// without a holdout, the equal pre-window its difference in differences
// subtracts, with no day missing from the data in them, and when it has
// targeted customers. One whose window ends after the data's last
// record, starts (or whose pre-window starts) before the data's first
// record, whose window or pre-window holds days missing from the data,
// or that has no targeted customer gets no row, no verdict and no
// finding; a note for each reason names them and counts them
// ("campaign_after_data", "campaign_before_data", "campaign_in_gap",
// "campaign_no_targets"; see [Campaigns]). Days outside the data are
// not days without a response: measuring the part of a window in the
// data would say so.
//
// # Findings and rules
//
// [Evaluate] runs [Rule] values over a review and stores their findings.
// [DefaultRules] gives the documented built-in rules, with thresholds set
// by [Thresholds]; add your own with [RuleFunc]. Each finding names the
// section of its evidence, the numbers, and a recommendation. Its title
// and recommendation are messages ([Message]): a format in each language and the
// arguments ([ValueArg], [LabelArg], [ChangeArg], [DataArg]) that a
// renderer formats for its reader, so a finding holds no formatted number
// and renders in either language.
//
// A finding is a problem or a strength ([Kind]). Strengths say what went
// well (做得好的) and are praised only past a guard against noise: a
// target met over the whole period, a promotion whose whole ROI interval
// is above zero, or a change whose significance test passes at |z| ≥
// Thresholds.StrengthZ (1.96 by default, a two-sided 5 % test): the
// two-proportion z-test for a rate of counts,
//
//	z = (p₁ − p₀) / √(p̄(1 − p̄)(1/n₁ + 1/n₀)),  p̄ = (x₁ + x₀) / (n₁ + n₀);
//
// z = (c − p) / √(c + p) for a count (orders, new customers, visitors: two
// Poisson counts over periods of equal length), divided by √φ for orders
// and visitors, φ ≥ 1 the variance over the mean of the period's daily
// counts (their over-dispersion: quasi-Poisson); and for CAC, a fixed
// spend over a Poisson count n of new customers,
// z = ln(CAC₁ / CAC₀) / √(1/n₁ + 1/n₀). A KPI no test fits (an amount, a
// duration, a model's estimate) is never praised for a change; the
// evidence of a strength states its test and z.
//
// A problem carries, where its rule can measure it, the money at stake
// (涉及金额, [Finding].Stake, a positive amount in the review's currency,
// or undefined; never a fake zero): the estimated sales lost to A-item
// stock-outs (per SKU, sales per in-stock day × days out), the cash at
// cost in slow and dead stock, a promotion's loss after its costs, the
// acquisition spend above payback ((CAC − LTV) × new customers, when CAC
// exceeds LTV) and the gap of net sales to target. The stakes are of
// different kinds ([Finding].StakeKind: sales, gross profit, stock at
// cost, spend, liability), which the pages name, and are neither added
// nor compared across kinds. Each problem also names the KPI to watch and
// the day to check it ([CheckDate]: the last day of the next period, or
// 30 days after the period for a stock action). [Actions] ranks the
// problems by severity, then by stake, largest first, the unmeasured
// last, and Build puts them in Plan.Actions (making the plan when the
// forecast did not).
//
// # Rendering
//
// Package report/render writes a Review: render.Markdown, render.HTML,
// render.JSON and render.Plain, each given its language, such as
// render.Markdown{Lang: render.Chinese}.Render(w, r). Display names of
// KPIs, sections and evidence keys, and the number formats of each
// locale, live there and only there; this package holds no text to show
// but the findings' messages.
package report
