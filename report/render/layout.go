package render

import (
	"cmp"
	"fmt"
	"github.com/shopmetrics/shopmetrics/report"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// The built-in renderers share one layout: a review is first laid out as a
// list of blocks (headings, paragraphs, tables, lists, charts) with every
// number already formatted for the language, and each renderer then writes
// the blocks in its own syntax, escaping every piece of text. Text from data
// and text from the catalogue are treated alike, so nothing reaches the
// output unescaped.

type block interface{ isBlock() }

type heading struct {
	level int
	text  string
}

type para struct{ text string }

// note is a one-line remark such as a left-out section.
type note struct{ text string }

type cell struct {
	text  string
	class string // "good" or "bad" to colour a change in HTML; "" otherwise
}

type table struct {
	head  []string
	rows  [][]cell
	right []bool // right-align column i (numbers)
	kpis  bool   // a table of KPIs, which HTML shows as cards in the overview
}

type item struct {
	strong string // a lead in bold, may be empty
	text   string
	sub    []string // indented lines under the item
}

type list struct{ items []item }

// chart is drawn as inline SVG by the HTML renderer and skipped by the
// text formats, whose tables carry the same numbers.
type chart struct {
	title string
	draw  func(f Formatter) string // returns the SVG element
}

func (heading) isBlock() {}
func (para) isBlock()    {}
func (note) isBlock()    {}
func (table) isBlock()   {}
func (list) isBlock()    {}
func (chart) isBlock()   {}

// layout lays r out in l.
func layout(r *report.Review, l Language) []block {
	f := Formatter{Lang: l}.forReview(r)
	lb := func(k string) string { return Label(k, l) }
	var bs []block
	title := lb("title")
	if r.Store != "" {
		title = r.Store + " — " + title
	}
	bs = append(bs, heading{1, title})
	sep := " · "
	info := lb("period") + colon(l) + periodText(r.Period)
	if !r.Previous.IsZero() {
		info += sep + lb("previous") + colon(l) + periodText(r.Previous)
	}
	if !r.YearAgo.IsZero() {
		info += sep + lb(f.yearKey("year_ago")) + colon(l) + periodText(r.YearAgo)
	}
	if !r.Currency.IsZero() {
		info += sep + lb("currency") + colon(l) + r.Currency.Code()
	}
	bs = append(bs, para{info})

	section := func(s report.Section, present bool, body func() []block) {
		bs = append(bs, heading{2, SectionTitle(r, s, l)})
		if !present {
			bs = append(bs, note{omittedText(r, s, l)})
			return
		}
		bs = append(bs, body()...)
		lp, rp := parens(l)
		for _, n := range r.NotesOf(s) {
			if n.LeftOut > 0 { // the data left out and how many records
				detail := f.Count(n.LeftOut)
				if n.Reason != "" {
					detail = n.Reason + colon(l) + detail
				}
				bs = append(bs, note{lb("left_out") + colon(l) + lb(n.Key) + lp + detail + rp})
				continue
			}
			if CoverageNote(n.Key) { // the day the data starts or ends
				label, sep := lb(n.Key), " "
				if strings.HasSuffix(label, "：") { // a full-width colon is its own space
					sep = ""
				}
				bs = append(bs, note{label + sep + n.Reason})
				continue
			}
			bs = append(bs, note{lb("not_computed") + colon(l) + lb(n.Key) + lp + NoteReason(n, l) + rp})
		}
	}
	section(report.SectionOverview, r.Overview != nil, func() []block { return layoutOverview(r.Overview, f) })
	section(report.SectionTraffic, r.Traffic != nil, func() []block { return layoutTraffic(r.Traffic, f) })
	if r.Channels != nil || omitted(r, report.SectionChannels) {
		section(report.SectionChannels, r.Channels != nil, func() []block { return layoutChannels(r.Channels, f) })
	}
	section(report.SectionProducts, r.Products != nil, func() []block { return layoutProducts(r.Products, f) })
	bs = append(bs, layoutDetailPages(r.DetailPages, f)...)
	bs = append(bs, layoutCategories(r.Categories, f)...)
	bs = append(bs, layoutSuppliers(r.Suppliers, f)...)
	if r.Market != nil || omitted(r, report.SectionMarket) {
		section(report.SectionMarket, r.Market != nil, func() []block { return layoutMarket(r.Market, f) })
	}
	section(report.SectionPromotions, r.Promotions != nil, func() []block { return layoutPromotions(r.Promotions, f) })
	bs = append(bs, layoutCampaigns(r.Campaigns, f)...)
	section(report.SectionCustomers, r.Customers != nil, func() []block { return layoutCustomers(r.Customers, f) })
	bs = append(bs, layoutProfile(r.Profile, f)...)
	bs = append(bs, layoutMembership(r.Membership, f)...)
	section(report.SectionService, r.Service != nil, func() []block { return layoutService(r.Service, f) })
	if r.Fulfilment != nil || omitted(r, report.SectionFulfilment) {
		section(report.SectionFulfilment, r.Fulfilment != nil, func() []block { return layoutFulfilment(r.Fulfilment, f) })
	}
	bs = append(bs, heading{2, SectionTitle(r, report.SectionFindings, l)})
	n := 0
	for _, x := range r.Notes {
		// Parts not computed; left-out data is said in its section, and a
		// compared period the data does not fully cover is a remark on
		// its comparisons, not a part missing.
		if x.LeftOut == 0 && !CoverageNote(x.Key) {
			n++
		}
	}
	if n > 0 {
		key := "notes_count"
		if n == 1 {
			key = "notes_count_one"
		}
		bs = append(bs, note{lb("not_computed") + colon(l) + fmt.Sprintf(lb(key), n)})
	}
	bs = append(bs, layoutFindings(r, r.Findings, f)...)
	if r.Plan != nil || omitted(r, report.SectionPlan) {
		section(report.SectionPlan, r.Plan != nil, func() []block { return layoutPlan(r.Plan, f) })
	}
	return bs
}

// CoverageNote reports whether a note of key says how far the data
// reaches (the day it starts after a compared period does, ends before
// the reviewed one does, or the days missing inside it): a remark on the
// figures, written as its label and the days, not a part missing.
func CoverageNote(key string) bool {
	return key == "cur_coverage" || key == "prev_coverage" || key == "year_coverage" || key == "orders_gap" ||
		key == "prev_gap" || key == "year_gap" || key == "model_gap" ||
		key == "forecast_product_promotions"
}

// SideCause is a side effect of a promotion that is not measured: the
// label keys of the side effect (the promotions table's column) and of
// why it is not measured (a cause key of [report.NoteCauses]).
type SideCause struct {
	Side, Cause string
}

// SideCauses returns the side effects of x that are not measured, in the
// order of the promotions table's columns: cannibalization, halo and
// pull-forward. The pages and the workbook list them from it.
func SideCauses(x report.PromotionResult) []SideCause {
	var out []SideCause
	for _, s := range []SideCause{
		{"cannibal", x.CannibalizationCause}, {"halo", x.HaloCause}, {"pull_forward", x.PullForwardCause},
	} {
		if s.Cause != "" {
			out = append(out, s)
		}
	}
	return out
}

// sidesUnmeasured returns, in l, the side effects of the promotions that
// are n/a with why, "Side effects not measured: A: halo (the promotion
// covers the whole store); B: …", or "" when every one is measured.
func sidesUnmeasured(items []report.PromotionResult, l Language) string {
	lp, rp := parens(l)
	sep := "; "
	if l == Chinese {
		sep = "；"
	}
	var out []string
	for _, x := range items {
		var sides []string
		for _, s := range SideCauses(x) {
			name := Label(s.Side, l)
			if l != Chinese {
				name = strings.ToLower(name)
			}
			sides = append(sides, name+lp+Label(s.Cause, l)+rp)
		}
		if len(sides) > 0 {
			out = append(out, x.Name+colon(l)+strings.Join(sides, sep))
		}
	}
	if len(out) == 0 {
		return ""
	}
	end := "."
	if l == Chinese {
		end = "。"
	}
	return Label("sides_unmeasured", l) + colon(l) + strings.Join(out, sep) + end
}

// parens returns the parentheses around a remark in l.
func parens(l Language) (string, string) {
	if l == Chinese {
		return "（", "）"
	}
	return " (", ")"
}

// colon returns the colon that separates a label from its value.
func colon(l Language) string {
	if l == Chinese {
		return "："
	}
	return ": "
}

func periodText(p metrics.Period) string {
	if p.IsZero() {
		return ""
	}
	return p.Label()
}

// omittedText is the one-line note of a left-out section.
func omittedText(r *report.Review, s report.Section, l Language) string {
	missing := "orders"
	for _, o := range r.Omitted {
		if o.Section == s {
			missing = o.Missing
			break
		}
	}
	return fmt.Sprintf(Label("omitted", l), Label("missing_"+missing, l))
}

// kpiTable lays out KPIs with their changes, target and attainment,
// colouring each change by whether it is an improvement.
func kpiTable(ks []report.KPI, f Formatter) table {
	lb := func(k string) string { return Label(k, f.Lang) }
	t := table{
		head:  []string{lb("metric"), lb("value"), lb("change_prev"), lb(f.yearKey("change_year")), lb("target"), lb("attainment")},
		right: []bool{false, true, true, true, true, true},
		kpis:  true,
	}
	for _, k := range ks {
		t.rows = append(t.rows, []cell{
			{text: lb(k.Key)},
			{text: f.Value(k.Current)},
			changeCell(k.ChangeKind(), k.ChangePrev, k.Direction, f),
			changeCell(k.ChangeKind(), k.ChangeYear, k.Direction, f),
			{text: f.Value(k.Target)},
			{text: f.Attainment(k)},
		})
	}
	return t
}

// changeCell is a change of kind k (see [Formatter.ChangeOf]) coloured by
// its direction; a change that prints as 0.0% or +0.0 pp is not coloured,
// whichever side of zero it was.
func changeCell(k metrics.ChangeKind, r metrics.Ratio, d metrics.Direction, f Formatter) cell {
	c := cell{text: f.ChangeOf(k, r)}
	if v, ok := r.Value(); ok && math.Round(v*1000) == 0 {
		return c
	}
	if good, known := d.Improved(r); known {
		c.class = "bad"
		if good {
			c.class = "good"
		}
	}
	return c
}

func layoutOverview(o *report.Overview, f Formatter) []block {
	lb := func(k string) string { return Label(k, f.Lang) }
	var bs []block
	if len(o.KPIs) > 0 {
		bs = append(bs, kpiTable(o.KPIs, f))
	}
	if len(o.Daily) > 0 {
		days := o.Daily
		bs = append(bs, chart{title: lb("sales_trend"), draw: func(f Formatter) string { return trendSVG(days, f) }})
		bs = append(bs, trendBlocks(days, f)...)
	}
	if d := o.Decomposition; d != nil {
		bs = append(bs, heading{3, lb("decomposition")})
		t := table{head: []string{lb("factor"), lb("prev_value"), lb("value"), lb("effect")}, right: []bool{false, true, true, true}}
		for _, x := range d.Factors {
			t.rows = append(t.rows, []cell{{text: lb(x.Key)}, {text: f.Value(x.Previous)}, {text: f.Value(x.Current)}, {text: signedMoney(x.Effect, f)}})
		}
		t.rows = append(t.rows, []cell{{text: lb("net_sales")}, {}, {}, {text: signedMoney(d.Change, f)}})
		bs = append(bs, t)
		if d.Driver != "" {
			bs = append(bs, para{lb("driver") + colon(f.Lang) + lb(d.Driver)})
		}
	}
	return bs
}

// trendBlocks lays out the sales trend as a table (report.Trend): a row
// per day with the trailing 7-day average, or per week of 7 days from the
// period's first day with the mean per day when the period is longer than
// report.WeeklyAfter days; the orders, and the visitors when known.
func trendBlocks(days []report.Day, f Formatter) []block {
	lb := func(k string) string { return Label(k, f.Lang) }
	rows, err := report.Trend(days)
	if err != nil {
		return []block{note{lb("not_computed") + colon(f.Lang) + lb("trend_table") + " (" + err.Error() + ")"}}
	}
	weekly := len(rows) > 0 && len(rows) < len(days)
	visitors := false
	for _, r := range rows {
		visitors = visitors || r.Visitors.Defined()
	}
	t := table{head: []string{lb("date"), lb("net_sales"), lb("avg7"), lb("orders")}, right: []bool{false, true, true, true}}
	if weekly {
		t.head = []string{lb("week_of"), lb("days"), lb("net_sales"), lb("mean_per_day"), lb("orders")}
		t.right = []bool{false, true, true, true, true}
	}
	if visitors && weekly {
		t.head = append(t.head, lb("visitors_per_day"))
		t.right = append(t.right, true)
	} else if visitors {
		t.head = append(t.head, lb("visitors"))
		t.right = append(t.right, true)
	}
	for _, r := range rows {
		row := []cell{{text: f.Date(r.Start)}}
		if weekly {
			row = append(row, cell{text: f.Count(int64(r.Days))})
		}
		row = append(row, cell{text: f.Money(r.NetSales)}, cell{text: f.Value(r.Avg7)}, cell{text: f.Count(r.Orders)})
		if visitors {
			row = append(row, cell{text: f.Value(r.Visitors)})
		}
		t.rows = append(t.rows, row)
	}
	bs := []block{heading{3, lb("trend_table")}, t}
	if weekly {
		bs = append(bs, para{fmt.Sprintf(lb("trend_weekly_def"), report.WeeklyAfter)})
	}
	return bs
}

// signedMoney formats an amount that is a change, such as an effect of the
// sales decomposition, with its sign either way ("+CN¥20.00", "-CN¥5.00");
// zero and undefined amounts print as Value does.
func signedMoney(v metrics.Value, f Formatter) string {
	s := f.Value(v)
	if m, ok := v.Money(); ok && m.IsPositive() {
		return "+" + s
	}
	return s
}

func layoutTraffic(tr *report.Traffic, f Formatter) []block {
	lb := func(k string) string { return Label(k, f.Lang) }
	var bs []block
	if len(tr.KPIs) > 0 {
		bs = append(bs, kpiTable(tr.KPIs, f))
		var visitors metrics.Value
		for _, k := range tr.KPIs {
			if k.Key == metrics.KeyVisitors {
				visitors = k.Current
			}
		}
		var defs []string // the definitions a Review from report.Build states
		if tr.FunnelWindow > 0 {
			defs = append(defs, fmt.Sprintf(lb("conversion_def"), f.Count(tr.Buyers), f.Value(visitors), f.Duration(tr.FunnelWindow)))
		}
		if tr.BounceRule != "" {
			defs = append(defs, lb("bounce_"+tr.BounceRule))
		}
		if len(defs) > 0 {
			sep := " "
			if f.Lang == Chinese {
				sep = ""
			}
			bs = append(bs, para{strings.Join(defs, sep)})
		}
	}
	breakdown := func(title, col string, rows []report.Breakdown, sources bool) {
		if len(rows) == 0 {
			return
		}
		bs = append(bs, heading{3, lb(title)})
		if len(rows) > 1 {
			bs = append(bs, chart{title: lb(title), draw: func(f Formatter) string { return sourcesSVG(lb(title), rows, f) }})
		}
		t := table{head: []string{lb(col), lb("visitors"), lb("sessions"), lb("share_visitors")}, right: []bool{false, true, true, true}}
		sources = sources && tr.Attribution != "" // attributed buyers come with their model
		if sources {
			t.head = append(t.head, lb("buyers_attr"), lb("buyer_share"))
			t.right = append(t.right, true, true)
		}
		t.head = append(t.head, lb("conversion_rate"))
		t.right = append(t.right, true)
		for _, b := range rows {
			row := []cell{{text: b.Name}, {text: f.Count(b.Visitors)}, {text: f.Value(b.Sessions)}, {text: f.Percent(b.Share)}}
			if sources {
				row = append(row, cell{text: f.Count(b.Buyers)}, cell{text: f.Percent(b.BuyerShare)})
			}
			t.rows = append(t.rows, append(row, cell{text: f.Percent(b.Conversion)}))
		}
		bs = append(bs, t)
		if sources {
			bs = append(bs, para{fmt.Sprintf(lb("attr_"+tr.Attribution), tr.AttributionDays, f.Duration(tr.AttributionAfterPurchase))})
		}
	}
	breakdown("sources", "source", tr.Sources, true)
	breakdown("devices", "device", tr.Devices, false)
	if len(tr.Sources)+len(tr.Devices) > 0 {
		bs = append(bs, para{lb("share_multi")})
	}
	if len(tr.Funnel) > 0 {
		bs = append(bs, heading{3, lb("funnel")})
		steps := tr.Funnel
		bs = append(bs, chart{title: lb("funnel_chart"), draw: func(f Formatter) string { return funnelSVG(steps, f) }})
		t := table{
			head:  []string{lb("step"), lb("users"), lb("step_conv"), lb("drop_off"), lb("usual_drop_off"), lb("overall"), lb("median_time"), lb("p90_time")},
			right: []bool{false, true, true, true, true, true, true, true},
		}
		for _, s := range steps {
			t.rows = append(t.rows, []cell{{text: lb(s.Name)}, {text: f.Count(s.Users)}, {text: f.Percent(s.StepConversion)},
				{text: f.Percent(s.DropOff())}, {text: f.Percent(s.UsualDropOff)}, {text: f.Percent(s.Overall)},
				{text: f.Value(s.MedianTime)}, {text: f.Value(s.P90Time)}})
		}
		bs = append(bs, t)
		if i := tr.LargestLoss; i >= 0 && i < len(steps) {
			bs = append(bs, para{lb("largest_loss") + colon(f.Lang) + lb(steps[i].Name) + " (" + lb("drop_off") + " " + f.Percent(steps[i].DropOff()) + ")"})
		}
	}
	return append(bs, convertBlocks(tr.TimeToConvert, f)...)
}

// convertBlocks lays out the distribution of the buyers' time to convert:
// its median and 90th percentile, the buckets and the definition.
func convertBlocks(c *report.TimeToConvert, f Formatter) []block {
	if c == nil {
		return nil
	}
	lb := func(k string) string { return Label(k, f.Lang) }
	sep := " · "
	bs := []block{heading{3, lb("time_to_convert")},
		para{lb("median") + colon(f.Lang) + f.Value(c.Median) + sep + lb("p90") + colon(f.Lang) + f.Value(c.P90) + sep + lb("buyers") + colon(f.Lang) + f.Count(c.Buyers)}}
	t := table{head: []string{lb("time_bucket"), lb("buyers"), lb("share")}, right: []bool{false, true, true}}
	for _, x := range c.Buckets {
		t.rows = append(t.rows, []cell{{text: lb(x.Key)}, {text: f.Count(x.Users)}, {text: f.Percent(x.Share)}})
	}
	bs = append(bs, t, para{fmt.Sprintf(lb("time_to_convert_def"), int(c.Window/(24*time.Hour)), f.Duration(c.AfterPurchase))})
	if c.NoVisit > 0 {
		lp, rp := parens(f.Lang)
		bs = append(bs, note{lb("left_out") + colon(f.Lang) + lb("no_visit") + lp + f.Count(c.NoVisit) + rp})
	}
	return bs
}

// agingBlocks lays out the stock aging buckets, if any.
func agingBlocks(rows []report.AgeRow, f Formatter) []block {
	if len(rows) == 0 {
		return nil
	}
	lb := func(k string) string { return Label(k, f.Lang) }
	t := table{head: []string{lb("age_days"), lb("units"), lb("stock_cost"), lb("share")}, right: []bool{false, true, true, true}}
	for _, r := range rows {
		label := r.Label
		if r.Unknown {
			label = lb("age_unknown")
		}
		t.rows = append(t.rows, []cell{{text: label}, {text: f.Count(r.Units)}, {text: f.Money(r.Cost)}, {text: f.Percent(r.Share)}})
	}
	return []block{heading{3, lb("aging")}, t, para{lb("aging_def")}}
}

// lostSalesBlocks lays out the SKUs with sales lost to stock-outs and the
// method of the estimate.
func lostSalesBlocks(rows []report.LostSale, f Formatter) []block {
	if len(rows) == 0 {
		return nil
	}
	lb := func(k string) string { return Label(k, f.Lang) }
	t := table{head: []string{lb("sku"), lb("product"), lb("days_out"), lb("lost_units"), lb("lost_sales")}, right: []bool{false, false, true, true, true}}
	for _, r := range rows {
		t.rows = append(t.rows, []cell{{text: r.SKU}, {text: r.Name}, {text: f.Count(r.StockoutDays)}, {text: f.Value(r.Units)}, {text: f.Money(r.Revenue)}})
	}
	return []block{heading{3, lb("lost_sales_title")}, t, para{lb("lost_def")}}
}

// classBlocks lays out the ABC×XYZ matrix, if any.
func classBlocks(p *report.Products, f Formatter) []block {
	if len(p.Classes) == 0 {
		return nil
	}
	lb := func(k string) string { return Label(k, f.Lang) }
	t := table{head: []string{lb("class"), lb("skus"), lb("class_sales")}, right: []bool{false, true, true}}
	for _, c := range p.Classes {
		t.rows = append(t.rows, []cell{{text: c.ABC + c.XYZ}, {text: f.Count(c.SKUs)}, {text: f.Money(c.NetSales)}})
	}
	return []block{heading{3, lb("abc_xyz")}, t}
}

func layoutProducts(p *report.Products, f Formatter) []block {
	lb := func(k string) string { return Label(k, f.Lang) }
	var bs []block
	products := func(title string, rows []report.Product) {
		if len(rows) == 0 {
			return
		}
		bs = append(bs, heading{3, lb(title)})
		t := table{head: []string{lb("sku"), lb("product"), lb("category"), lb("units"), lb("net_sales"), lb("share"), lb("class")}, right: []bool{false, false, false, true, true, true, false}}
		for _, x := range rows {
			t.rows = append(t.rows, []cell{{text: x.SKU}, {text: x.Name}, {text: x.Category}, {text: f.Count(x.Units)}, {text: f.Money(x.NetSales)}, {text: f.Percent(x.Share)}, {text: x.Class}})
		}
		bs = append(bs, t)
	}
	products("top_sellers", p.TopSellers)
	if len(p.Pareto) > 1 {
		pts := p.Pareto
		bs = append(bs, chart{title: lb("pareto_chart"), draw: func(f Formatter) string { return paretoSVG(pts, f) }})
	}
	products("new_products", p.NewProducts)
	if len(p.Categories) > 0 {
		bs = append(bs, heading{3, lb("categories")})
		if cats := p.Categories; len(cats) > 1 {
			bs = append(bs, chart{title: lb("category_chart"), draw: func(f Formatter) string { return categoriesSVG(cats, f) }})
		}
		t := table{head: []string{lb("category"), lb("net_sales"), lb("gross_profit"), lb("margin")}, right: []bool{false, true, true, true}}
		for _, c := range p.Categories {
			t.rows = append(t.rows, []cell{{text: c.Category}, {text: f.Money(c.NetSales)}, {text: f.Value(c.GrossProfit)}, {text: f.Percent(c.Margin)}})
		}
		bs = append(bs, t)
	}
	if len(p.KPIs) > 0 {
		bs = append(bs, heading{3, lb("inventory")}, kpiTable(p.KPIs, f))
	}
	if p.NoStock { // no snapshots: the stock parts were not computed, and a note says so
		return append(bs, classBlocks(p, f)...)
	}
	if p.NoSales { // no orders: the parts built on the stock's sales were not computed, and a note says so
		return append(bs, agingBlocks(p.Aging, f)...)
	}
	bs = append(bs, heading{3, lb("slow_movers")})
	bs = append(bs, para{lb("slow_value") + colon(f.Lang) + f.Value(p.SlowValue) + " · " + lb("slow_share") + colon(f.Lang) + f.Percent(p.SlowShare)})
	if len(p.SlowMovers) > 0 {
		t := table{head: []string{lb("sku"), lb("product"), lb("on_hand"), lb("stock_value"), lb("days_supply"), lb("status")}, right: []bool{false, false, true, true, true, false}}
		for _, s := range p.SlowMovers {
			st := lb("slow")
			if s.Dead {
				st = lb("dead")
			}
			t.rows = append(t.rows, []cell{{text: s.SKU}, {text: s.Name}, {text: f.Count(s.OnHand)}, {text: f.Money(s.Value)}, {text: f.Value(s.DaysOfSupply)}, {text: st}})
		}
		bs = append(bs, t)
	}
	bs = append(bs, agingBlocks(p.Aging, f)...)
	bs = append(bs, lostSalesBlocks(p.LostSales, f)...)
	bs = append(bs, classBlocks(p, f)...)
	bs = append(bs, heading{3, lb("stockouts_a")})
	if len(p.StockOutsA) == 0 {
		bs = append(bs, note{lb("no_rows")})
	} else {
		t := table{head: []string{lb("sku"), lb("product"), lb("days_out"), lb("stockout_rate")}, right: []bool{false, false, true, true}}
		for _, s := range p.StockOutsA {
			t.rows = append(t.rows, []cell{{text: s.SKU}, {text: s.Name}, {text: f.Count(s.Days)}, {text: f.Percent(s.Rate)}})
		}
		bs = append(bs, t)
	}
	if len(p.Reorder) > 0 {
		bs = append(bs, heading{3, lb("reorder")})
		t := table{head: []string{lb("sku"), lb("product"), lb("on_hand"), lb("reorder_point"), lb("order_qty")}, right: []bool{false, false, true, true, true}}
		for _, x := range p.Reorder {
			t.rows = append(t.rows, []cell{{text: x.SKU}, {text: x.Name}, {text: f.Count(x.OnHand)}, {text: f.Count(x.ReorderPoint)}, {text: f.Count(x.Quantity)}})
		}
		bs = append(bs, t)
	}
	return bs
}

func layoutPromotions(p *report.Promotions, f Formatter) []block {
	lb := func(k string) string { return Label(k, f.Lang) }
	var bs []block
	for _, u := range p.Unmeasured {
		lp, rp := parens(f.Lang)
		bs = append(bs, note{lb("unmeasured") + colon(f.Lang) + cmp.Or(u.Name, u.ID) + lp + UnmeasuredReason(u, f.Lang) + rp})
	}
	if len(p.Items) == 0 && len(p.Unmeasured) == 0 {
		bs = append(bs, note{lb("no_rows")})
	}
	if len(p.Items) > 0 {
		t := table{
			head:  []string{lb("promotion"), lb("window"), lb("actual"), lb("baseline"), lb("incremental"), lb("lift"), lb("roi"), lb("roi_interval"), lb("net_roi"), lb("cannibal"), lb("halo"), lb("pull_forward"), lb("verdict")},
			right: []bool{false, false, true, true, true, true, true, true, true, true, true, true, false},
		}
		for _, x := range p.Items {
			interval := f.NA()
			if x.ROILow.Defined() && x.ROIHigh.Defined() {
				interval = f.Value(x.ROILow) + " … " + f.Value(x.ROIHigh)
			}
			roi := cell{text: f.Percent(x.NetROI)}
			if v, ok := x.NetROI.Value(); ok && v < 0 {
				roi.class = "bad"
			}
			t.rows = append(t.rows, []cell{{text: x.Name}, {text: periodText(x.Window)}, {text: f.Money(x.Actual)}, {text: f.Money(x.Baseline)},
				{text: f.Money(x.Incremental)}, {text: f.Percent(x.Lift)}, {text: f.Percent(x.ROI)}, {text: interval}, roi,
				{text: f.Value(x.Cannibalization)}, {text: f.Value(x.Halo)}, {text: f.Value(x.PullForward)}, {text: lb(x.Verdict)}})
		}
		bs = append(bs, t)
		if u := sidesUnmeasured(p.Items, f.Lang); u != "" {
			bs = append(bs, note{u})
		}
		for _, x := range p.Items {
			if len(x.Daily) > 1 {
				days, name := x.Daily, x.Name
				bs = append(bs, chart{title: lb("promo_chart") + colon(f.Lang) + name, draw: func(f Formatter) string { return promoSVG(days, f) }})
			}
		}
	}
	if len(p.Weekday) > 0 {
		bs = append(bs, heading{3, lb("weekday_title")})
		t := table{head: []string{lb("weekday"), lb("avg_sales"), lb("index")}, right: []bool{false, true, true}}
		for _, w := range p.Weekday {
			t.rows = append(t.rows, []cell{{text: weekdayName(w.Weekday, f.Lang)}, {text: f.Value(w.NetSales)}, {text: f.Value(metrics.RatioValue(w.Index).In(metrics.UnitNumber))}})
		}
		bs = append(bs, t)
	}
	return append(bs, weekendBlocks(p, f)...)
}

// interval formats the interval lo … hi, or n/a when either end is
// undefined.
func interval(lo, hi metrics.Value, f Formatter) string {
	if !lo.Defined() || !hi.Defined() {
		return f.NA()
	}
	return f.Value(lo) + " … " + f.Value(hi)
}

// weekendBlocks lays out the store's weekend effect and each promotion's
// weekend-minus-weekday incremental gross profit, with their intervals
// and verdicts.
func weekendBlocks(p *report.Promotions, f Formatter) []block {
	lb := func(k string) string { return Label(k, f.Lang) }
	w := p.Weekend
	var weekendItems bool
	for _, x := range p.Items {
		weekendItems = weekendItems || x.WeekendVerdict != ""
	}
	if w == nil && !weekendItems {
		return nil
	}
	bs := []block{heading{3, lb("weekend_effect")}}
	if w != nil {
		t := table{head: []string{lb("weekend_mean"), lb("weekday_mean"), lb("weekend_ratio"), lb("interval"), lb("verdict")},
			right: []bool{true, true, true, true, false}}
		t.rows = append(t.rows, []cell{{text: f.Money(w.WeekendMean)}, {text: f.Money(w.WeekdayMean)},
			{text: f.Value(metrics.RatioValue(w.Ratio).In(metrics.UnitMultiple))}, {text: interval(w.Low, w.High, f)}, {text: lb(w.Verdict)}})
		bs = append(bs, t, para{lb("weekend_def")})
	}
	if weekendItems {
		t := table{head: []string{lb("promotion"), lb("weekend_diff"), lb("interval"), lb("verdict")}, right: []bool{false, true, true, false}}
		for _, x := range p.Items {
			t.rows = append(t.rows, []cell{{text: x.Name}, {text: signedMoney(x.WeekendDiff, f)}, {text: interval(x.WeekendLow, x.WeekendHigh, f)}, {text: lb(x.WeekendVerdict)}})
		}
		bs = append(bs, t)
	}
	return bs
}

func weekdayName(d time.Weekday, l Language) string {
	if l == Chinese {
		return [...]string{"周日", "周一", "周二", "周三", "周四", "周五", "周六"}[d%7]
	}
	return d.String()
}

func layoutCustomers(c *report.Customers, f Formatter) []block {
	lb := func(k string) string { return Label(k, f.Lang) }
	var bs []block
	if len(c.KPIs) > 0 {
		bs = append(bs, kpiTable(c.KPIs, f))
	}
	if len(c.Cohorts) > 0 {
		bs = append(bs, heading{3, lb("cohorts")})
		rows := c.Cohorts
		bs = append(bs, chart{title: lb("cohort_chart"), draw: func(f Formatter) string { return heatmapSVG(rows, f) }})
		width := 0
		for _, r := range rows {
			width = max(width, len(r.Retention))
		}
		t := table{head: []string{lb("cohort"), lb("size")}, right: []bool{false, true}}
		for i := 0; i < width; i++ {
			t.head = append(t.head, fmt.Sprintf("M%d", i))
			t.right = append(t.right, true)
		}
		for _, r := range rows {
			row := []cell{{text: r.Label}, {text: f.Count(r.Size)}}
			for i := 0; i < width; i++ {
				if i < len(r.Retention) {
					row = append(row, cell{text: f.Percent(r.Retention[i])})
				} else {
					row = append(row, cell{})
				}
			}
			t.rows = append(t.rows, row)
		}
		bs = append(bs, t)
	}
	bs = append(bs, repeatBlocks(c.Repeat, f)...)
	bs = append(bs, customerModelBlocks(c, f)...)
	if len(c.Segments) > 0 {
		bs = append(bs, heading{3, lb("segments")})
		t := table{head: []string{lb("segment"), lb("users"), lb("share"), lb("net_sales_to_date")}, right: []bool{false, true, true, true}}
		for _, s := range c.Segments {
			t.rows = append(t.rows, []cell{{text: lb(s.Name)}, {text: f.Count(s.Customers)}, {text: f.Percent(s.Share)}, {text: f.Money(s.NetSales)}})
		}
		bs = append(bs, t)
		bs = append(bs, para{lb("rfm_def")})
	}
	return bs
}

// repeatBlocks lays out the repeat rates within N days of the first order
// with the customers whose window is observed in full.
func repeatBlocks(rs []report.RepeatWindow, f Formatter) []block {
	if len(rs) == 0 {
		return nil
	}
	lb := func(k string) string { return Label(k, f.Lang) }
	t := table{head: []string{lb("repeat_window"), lb("acquired_by"), lb("eligible"), lb("repeaters"), lb("repeat_rate"),
		lb("closed_customers"), lb("closed_repeaters"), lb("closed_rate")},
		right: []bool{false, false, true, true, true, true, true, true}}
	for _, r := range rs {
		t.rows = append(t.rows, []cell{{text: fmt.Sprintf(lb("within_days"), r.Days)}, {text: f.Date(r.AcquiredBy)},
			{text: f.Count(r.Eligible)}, {text: f.Count(r.Repeaters)}, {text: f.Percent(r.Rate)},
			{text: f.Count(r.Closed)}, {text: f.Count(r.ClosedRepeaters)}, {text: f.Percent(r.ClosedRate)}})
	}
	return []block{heading{3, lb("repeat_title")}, t, para{lb("repeat_def")}}
}

// customerModelBlocks states the customer model the review chose and
// why, the definition of an active customer, the LTV horizon and the
// predicted CLV's interval.
func customerModelBlocks(c *report.Customers, f Formatter) []block {
	lb := func(k string) string { return Label(k, f.Lang) }
	num := func(v float64, prec int) string { return strconv.FormatFloat(v, 'f', prec, 64) }
	var bs []block
	if m := c.Model; m != nil {
		rule := fmt.Sprintf(lb("bic_rule"), num(m.HistoryWeeks, 1), num(m.MinHistory, 0), num(m.HoldoutWeeks, 0))
		crit := lb("by_bic")
		if m.Criterion == "holdout" {
			rule = fmt.Sprintf(lb("holdout_rule"), num(m.HistoryWeeks, 1), num(m.MinHistory, 0), num(m.HoldoutWeeks, 0))
			crit = lb("by_holdout")
		}
		bs = append(bs, para{fmt.Sprintf(lb("model_choice"), m.Chosen, crit, rule)})
		var items []item
		for _, k := range m.Candidates {
			var text string
			switch {
			case k.Error != "":
				text = fmt.Sprintf(lb("candidate_left_out"), k.Name)
			case k.Holdout != nil:
				text = fmt.Sprintf(lb("candidate_rmse"), k.Name, num(k.Holdout.RMSE, 4), num(k.Holdout.Predicted, 0), num(k.Holdout.Actual, 0))
			default:
				text = fmt.Sprintf(lb("candidate_bic"), k.Name, num(k.BIC, 1))
			}
			items = append(items, item{text: text})
		}
		bs = append(bs, list{items})
		for _, k := range m.Candidates {
			if h := k.Holdout; k.Name == m.Chosen && h != nil {
				if len(h.Tracking) > 1 {
					bs = append(bs, chart{title: lb("tracking_chart"), draw: func(f Formatter) string { return trackingSVG(h, f) }})
				}
				if len(h.ByFrequency) > 0 {
					bs = append(bs, chart{title: lb("frequency_chart"), draw: func(f Formatter) string { return frequencySVG(h, f) }})
				}
			}
		}
		def := fmt.Sprintf(lb("active_def"), num(m.AliveThreshold*100, 0)+"%")
		if m.OneTimeByRecency {
			sep := " "
			if f.Lang == Chinese {
				sep = ""
			}
			def += sep + fmt.Sprintf(lb("active_def_recency"), m.RecentDays)
		}
		bs = append(bs, para{def})
	}
	if c.LTVMonths > 0 {
		bs = append(bs, para{fmt.Sprintf(lb("ltv_def"), c.LTVMonths)})
	}
	if r := c.CLV; r != nil && r.Level > 0 {
		bs = append(bs, para{fmt.Sprintf(lb("clv_interval"), f.Money(r.Value), num(r.Level*100, 0)+"%", f.Money(r.Low), f.Money(r.High))})
		for _, s := range ModelCaveats(c, f.Lang) {
			bs = append(bs, para{s})
		}
	}
	return bs
}

func layoutService(s *report.Service, f Formatter) []block {
	lb := func(k string) string { return Label(k, f.Lang) }
	var bs []block
	bs = append(bs, para{lb("sla") + colon(f.Lang) + f.Duration(s.SLA) + " · " + lb("csat_n") + colon(f.Lang) + f.Count(s.CSATResponses)})
	if len(s.KPIs) > 0 {
		bs = append(bs, kpiTable(s.KPIs, f))
	}
	counts := func(title, col string, rows []report.Count) {
		if len(rows) == 0 {
			return
		}
		bs = append(bs, heading{3, lb(title)})
		t := table{head: []string{lb(col), lb("tickets_n"), lb("share")}, right: []bool{false, true, true}}
		for _, c := range rows {
			t.rows = append(t.rows, []cell{{text: c.Name}, {text: f.Count(c.N)}, {text: f.Percent(c.Share)}})
		}
		bs = append(bs, t)
	}
	counts("reasons", "reason", s.Reasons)
	counts("ticket_channels", "channel", s.Channels)
	if len(s.ReturnReasons) > 0 {
		bs = append(bs, heading{3, lb("return_reasons")})
		t := table{head: []string{lb("reason"), lb("units"), lb("refund_value"), lb("share")}, right: []bool{false, true, true, true}}
		for _, r := range s.ReturnReasons {
			t.rows = append(t.rows, []cell{{text: lb(r.Reason)}, {text: f.Count(r.Units)}, {text: f.Money(r.Value)}, {text: f.Percent(r.Share)}})
		}
		bs = append(bs, t)
	}
	if len(s.Outliers) > 0 {
		bs = append(bs, heading{3, lb("outliers")})
		t := table{head: []string{lb("sku"), lb("product"), lb("category"), lb("reason"), lb("sku_return_rate"), lb("category_rate")}, right: []bool{false, false, false, false, true, true}}
		for _, o := range s.Outliers {
			t.rows = append(t.rows, []cell{{text: o.SKU}, {text: o.Name}, {text: o.Category}, {text: lb(o.Reason)}, {text: f.Percent(o.Rate)}, {text: f.Percent(o.CategoryRate)}})
		}
		bs = append(bs, t)
	} else if s.OutliersTested > 0 {
		bs = append(bs, para{fmt.Sprintf(lb("no_outliers"), f.Count(int64(s.OutliersTested)))})
	}
	return bs
}

// layoutFindings lays out the findings: what went well first (the
// strengths, each with its evidence and its guard), then the problems with
// their evidence, recommendation, money at stake, KPI to watch and day to
// check.
func layoutFindings(r *report.Review, fs []report.Finding, f Formatter) []block {
	lb := func(k string) string { return Label(k, f.Lang) }
	if len(fs) == 0 {
		return []block{note{lb("no_findings")}}
	}
	var good, bad list
	for _, x := range fs {
		if x.Kind == report.Strength {
			it := item{strong: f.Message(x.Title)}
			if ev := evidenceLine(r, x, f); ev != "" {
				it.sub = append(it.sub, ev)
			}
			it.sub = append(it.sub, lb("keep")+colon(f.Lang)+f.Message(x.Recommendation))
			good.items = append(good.items, it)
			continue
		}
		it := item{strong: "[" + lb(x.Severity.String()) + "] " + f.Message(x.Title)}
		if ev := evidenceLine(r, x, f); ev != "" {
			it.sub = append(it.sub, ev)
		}
		it.sub = append(it.sub, lb("recommend")+colon(f.Lang)+f.Message(x.Recommendation))
		if s := followUp(x.Stake, x.StakeKind, x.Watch, x.CheckBy, f); s != "" {
			it.sub = append(it.sub, s)
		}
		bad.items = append(bad.items, it)
	}
	bs := []block{heading{3, lb("what_went_well")}}
	if len(good.items) > 0 {
		bs = append(bs, good)
	} else {
		bs = append(bs, note{lb("no_strengths")})
	}
	bs = append(bs, heading{3, lb("problems")})
	if len(bad.items) > 0 {
		bs = append(bs, bad)
	} else {
		bs = append(bs, note{lb("no_problems")})
	}
	return bs
}

// evidenceLine returns the line of a finding's evidence, with the section
// it is in, or "" without evidence.
func evidenceLine(r *report.Review, x report.Finding, f Formatter) string {
	lb := func(k string) string { return Label(k, f.Lang) }
	sep, lp, rp := "; ", " (", ")"
	if f.Lang == Chinese {
		sep, lp, rp = "；", "（", "）"
	}
	ev := ""
	for i, e := range x.Evidence {
		if i > 0 {
			ev += sep
		}
		ev += lb(e.Key)
		if s := subject(e, f.Lang); s != "" {
			ev += lp + s + rp
		}
		ev += " " + f.Value(e.Value)
	}
	if ev == "" {
		return ""
	}
	return lb("evidence") + lp + SectionTitle(r, x.Section, f.Lang) + rp + colon(f.Lang) + ev
}

// followUp returns the line of a problem's money at stake (with what it
// measures, kind, when known), KPI to watch and day to check, each when
// known, or "" when none is.
func followUp(stake metrics.Value, kind, watch string, checkBy time.Time, f Formatter) string {
	lb := func(k string) string { return Label(k, f.Lang) }
	sep := " · "
	var parts []string
	if stake.Defined() {
		parts = append(parts, lb("stake")+colon(f.Lang)+f.Value(stake)+stakeKind(kind, f.Lang))
	}
	if watch != "" {
		parts = append(parts, lb("watch")+colon(f.Lang)+lb(watch))
	}
	if !checkBy.IsZero() {
		parts = append(parts, lb("check_by")+colon(f.Lang)+f.Date(checkBy))
	}
	return strings.Join(parts, sep)
}
