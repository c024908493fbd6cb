package xlsx

import (
	"cmp"
	"fmt"
	"strconv"
	"strings"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/report"
	"github.com/shopmetrics/shopmetrics/report/render"
)

// The tables of each section's sheet, in the order the other renderers
// print them.

func (b *book) overview(sh *sheet, r *report.Review) {
	o := r.Overview
	if o == nil {
		return
	}
	lb := b.lb
	b.kpis(sh, lb("overview"), o.KPIs)
	var rows [][]xcell
	visitors := false
	for _, d := range o.Daily {
		visitors = visitors || d.Visitors.Defined()
	}
	for _, d := range o.Daily {
		row := []xcell{date(d.Date), amount(d.NetSales), b.value(d.Avg7), count(d.Orders)}
		if visitors {
			row = append(row, b.value(d.Visitors))
		}
		rows = append(rows, row)
	}
	head := []string{lb("date"), lb("net_sales"), lb("avg7"), lb("orders")}
	if visitors {
		head = append(head, lb("visitors"))
	}
	sh.table(lb("sales_trend"), head, rows)
	if d := o.Decomposition; d != nil {
		rows = nil
		for _, x := range d.Factors {
			rows = append(rows, []xcell{text(lb(x.Key)), b.value(x.Previous), b.value(x.Current), b.value(x.Effect)})
		}
		rows = append(rows, []xcell{text(lb("net_sales")), text(""), text(""), b.value(d.Change)})
		sh.table(lb("decomposition"), []string{lb("factor"), lb("prev_value"), lb("value"), lb("effect")}, rows)
	}
}

func (b *book) traffic(sh *sheet, t *report.Traffic) {
	if t == nil {
		return
	}
	lb := b.lb
	b.kpis(sh, lb("traffic"), t.KPIs)
	breakdown := func(title, col string, bs []report.Breakdown) {
		var rows [][]xcell
		for _, x := range bs {
			rows = append(rows, []xcell{text(x.Name), count(x.Visitors), b.value(x.Sessions), b.ratio(x.Share), b.ratio(x.Conversion)})
		}
		sh.table(lb(title), []string{lb(col), lb("visitors"), lb("sessions"), lb("share"), lb("conversion_rate")}, rows)
	}
	breakdown("sources", "source", t.Sources)
	breakdown("devices", "device", t.Devices)
	var rows [][]xcell
	for _, s := range t.Funnel {
		rows = append(rows, []xcell{text(lb(s.Name)), count(s.Users), b.ratio(s.StepConversion), b.ratio(s.DropOff()), b.ratio(s.UsualDropOff),
			b.ratio(s.Overall), b.value(s.MedianTime), b.value(s.P90Time)})
	}
	sh.table(lb("funnel"), []string{lb("step"), lb("users"), lb("step_conv"), lb("drop_off"), lb("usual_drop_off"), lb("overall"), lb("median_time"), lb("p90_time")}, rows)
	if c := t.TimeToConvert; c != nil {
		rows = [][]xcell{{text(lb("median")), b.value(c.Median)}, {text(lb("p90")), b.value(c.P90)}, {text(lb("buyers")), count(c.Buyers)}, {text(lb("no_visit")), count(c.NoVisit)}}
		sh.table(lb("time_to_convert"), []string{lb("metric"), lb("value")}, rows)
		rows = nil
		for _, x := range c.Buckets {
			rows = append(rows, []xcell{text(lb(x.Key)), count(x.Users), b.ratio(x.Share)})
		}
		sh.table(lb("time_bucket"), []string{lb("time_bucket"), lb("buyers"), lb("share")}, rows)
	}
}

func (b *book) products(sh *sheet, p *report.Products) {
	if p == nil {
		return
	}
	lb := b.lb
	products := func(title string, ps []report.Product) {
		var rows [][]xcell
		for _, x := range ps {
			rows = append(rows, []xcell{text(x.SKU), text(x.Name), text(x.Category), count(x.Units), amount(x.NetSales), b.ratio(x.Share), text(x.Class)})
		}
		sh.table(lb(title), []string{lb("sku"), lb("product"), lb("category"), lb("units"), lb("net_sales"), lb("share"), lb("class")}, rows)
	}
	products("top_sellers", p.TopSellers)
	products("new_products", p.NewProducts)
	var rows [][]xcell
	for _, c := range p.Categories {
		rows = append(rows, []xcell{text(c.Category), amount(c.NetSales), b.value(c.GrossProfit), b.ratio(c.Margin)})
	}
	sh.table(lb("categories"), []string{lb("category"), lb("net_sales"), lb("gross_profit"), lb("margin")}, rows)
	b.kpis(sh, lb("inventory"), p.KPIs)
	rows = nil
	for _, s := range p.SlowMovers {
		st := lb("slow")
		if s.Dead {
			st = lb("dead")
		}
		rows = append(rows, []xcell{text(s.SKU), text(s.Name), count(s.OnHand), amount(s.Value), b.value(s.DaysOfSupply), text(st)})
	}
	sh.table(lb("slow_movers"), []string{lb("sku"), lb("product"), lb("on_hand"), lb("stock_value"), lb("days_supply"), lb("status")}, rows)
	if p.SlowValue.Defined() {
		sh.rows = append(sh.rows, []xcell{text(lb("slow_value")), b.value(p.SlowValue), text(lb("slow_share")), b.ratio(p.SlowShare)})
	}
	rows = nil
	for _, c := range p.Classes {
		rows = append(rows, []xcell{text(c.ABC + c.XYZ), count(c.SKUs), amount(c.NetSales)})
	}
	sh.table(lb("abc_xyz"), []string{lb("class"), lb("skus"), lb("class_sales")}, rows)
	rows = nil
	for _, s := range p.StockOutsA {
		rows = append(rows, []xcell{text(s.SKU), text(s.Name), count(s.Days), b.ratio(s.Rate)})
	}
	sh.table(lb("stockouts_a"), []string{lb("sku"), lb("product"), lb("days_out"), lb("stockout_rate")}, rows)
	rows = nil
	for _, x := range p.Aging {
		label := x.Label
		if x.Unknown {
			label = lb("age_unknown")
		}
		rows = append(rows, []xcell{text(label), count(x.Units), amount(x.Cost), b.ratio(x.Share)})
	}
	sh.table(lb("aging"), []string{lb("age_days"), lb("units"), lb("stock_cost"), lb("share")}, rows)
	rows = nil
	for _, x := range p.LostSales {
		rows = append(rows, []xcell{text(x.SKU), text(x.Name), count(x.StockoutDays), b.value(x.Units), amount(x.Revenue)})
	}
	sh.table(lb("lost_sales_title"), []string{lb("sku"), lb("product"), lb("days_out"), lb("lost_units"), lb("lost_sales")}, rows)
	rows = nil
	for _, x := range p.Reorder {
		rows = append(rows, []xcell{text(x.SKU), text(x.Name), count(x.OnHand), count(x.ReorderPoint), count(x.Quantity)})
	}
	sh.table(lb("reorder"), []string{lb("sku"), lb("product"), lb("on_hand"), lb("reorder_point"), lb("order_qty")}, rows)
}

func (b *book) promotions(sh *sheet, p *report.Promotions) {
	if p == nil {
		return
	}
	lb := b.lb
	var rows [][]xcell
	for _, x := range p.Items {
		rows = append(rows, []xcell{text(x.Name), text(x.Window.Label()), amount(x.Actual), amount(x.Baseline), amount(x.Incremental),
			b.ratio(x.Lift), b.ratio(x.ROI), b.value(x.ROILow), b.value(x.ROIHigh), b.ratio(x.NetROI),
			b.value(x.Cannibalization), b.value(x.Halo), b.value(x.PullForward), text(lb(x.Verdict))})
	}
	sh.table(lb("promotions"), []string{lb("promotion"), lb("window"), lb("actual"), lb("baseline"), lb("incremental"), lb("lift"), lb("roi"),
		lb("roi_interval") + " ↓", lb("roi_interval") + " ↑", lb("net_roi"), lb("cannibal"), lb("halo"), lb("pull_forward"), lb("verdict")}, rows)
	for _, x := range p.Items {
		rows = nil
		for _, d := range x.Daily {
			rows = append(rows, []xcell{date(d.Date), amount(d.Actual), amount(d.Baseline)})
		}
		sh.table(lb("promo_chart")+": "+x.Name, []string{lb("date"), lb("actual"), lb("baseline")}, rows)
	}
	rows = nil
	for _, u := range p.Unmeasured {
		rows = append(rows, []xcell{text(cmp.Or(u.Name, u.ID)), text(render.UnmeasuredReason(u, b.lang))})
	}
	sh.table(lb("unmeasured"), []string{lb("promotion"), lb("reason")}, rows)
	rows = nil
	for _, x := range p.Items {
		for _, s := range render.SideCauses(x) {
			rows = append(rows, []xcell{text(x.Name), text(lb(s.Side)), text(lb(s.Cause))})
		}
	}
	sh.table(lb("sides_unmeasured"), []string{lb("promotion"), lb("side_effect"), lb("reason")}, rows)
	rows = nil
	for _, w := range p.Weekday {
		rows = append(rows, []xcell{text(weekday(int(w.Weekday), b)), b.value(w.NetSales), num(kNumber, ratioOr0(w.Index))})
	}
	sh.table(lb("weekday_title"), []string{lb("weekday"), lb("avg_sales"), lb("index")}, rows)
	rows = nil
	if w := p.Weekend; w != nil {
		rows = append(rows, []xcell{amount(w.WeekendMean), amount(w.WeekdayMean), b.value(metrics.RatioValue(w.Ratio).In(metrics.UnitMultiple)),
			b.value(w.Low), b.value(w.High), text(lb(w.Verdict))})
	}
	sh.table(lb("weekend_effect"), []string{lb("weekend_mean"), lb("weekday_mean"), lb("weekend_ratio"),
		lb("interval") + " ↓", lb("interval") + " ↑", lb("verdict")}, rows)
	rows = nil
	for _, x := range p.Items {
		if x.WeekendVerdict != "" {
			rows = append(rows, []xcell{text(x.Name), b.value(x.WeekendDiff), b.value(x.WeekendLow), b.value(x.WeekendHigh), text(lb(x.WeekendVerdict))})
		}
	}
	sh.table(lb("weekend_diff"), []string{lb("promotion"), lb("weekend_diff"), lb("interval") + " ↓", lb("interval") + " ↑", lb("verdict")}, rows)
}

func ratioOr0(r interface{ Value() (float64, bool) }) float64 {
	v, _ := r.Value()
	return v
}

func weekday(d int, b *book) string {
	if b.lang == render.Chinese {
		return [...]string{"周日", "周一", "周二", "周三", "周四", "周五", "周六"}[d%7]
	}
	return [...]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}[d%7]
}

func (b *book) customers(sh *sheet, c *report.Customers) {
	if c == nil {
		return
	}
	lb := b.lb
	b.kpis(sh, lb("customers"), c.KPIs)
	var repeat [][]xcell
	for _, r := range c.Repeat {
		repeat = append(repeat, []xcell{count(int64(r.Days)), date(r.AcquiredBy), count(r.Eligible), count(r.Repeaters), b.ratio(r.Rate),
			count(r.Closed), count(r.ClosedRepeaters), b.ratio(r.ClosedRate)})
	}
	sh.table(lb("repeat_title"), []string{lb("repeat_window"), lb("acquired_by"), lb("eligible"), lb("repeaters"), lb("repeat_rate"),
		lb("closed_customers"), lb("closed_repeaters"), lb("closed_rate")}, repeat)
	width := 0
	for _, r := range c.Cohorts {
		width = max(width, len(r.Retention))
	}
	head := []string{lb("cohort"), lb("size")}
	for i := 0; i < width; i++ {
		head = append(head, "M"+strconv.Itoa(i))
	}
	var rows [][]xcell
	for _, r := range c.Cohorts {
		row := []xcell{text(r.Label), count(r.Size)}
		for _, x := range r.Retention {
			row = append(row, b.ratio(x))
		}
		rows = append(rows, row)
	}
	sh.table(lb("cohorts"), head, rows)
	rows = nil
	for _, s := range c.Segments {
		rows = append(rows, []xcell{text(lb(s.Name)), count(s.Customers), b.ratio(s.Share), amount(s.NetSales)})
	}
	sh.table(lb("segments"), []string{lb("segment"), lb("users"), lb("share"), lb("net_sales")}, rows)
}

func (b *book) service(sh *sheet, s *report.Service) {
	if s == nil {
		return
	}
	lb := b.lb
	b.kpis(sh, lb("service"), s.KPIs)
	counts := func(title, col string, cs []report.Count) {
		var rows [][]xcell
		for _, c := range cs {
			rows = append(rows, []xcell{text(c.Name), count(c.N), b.ratio(c.Share)})
		}
		sh.table(lb(title), []string{lb(col), lb("tickets_n"), lb("share")}, rows)
	}
	counts("reasons", "reason", s.Reasons)
	counts("ticket_channels", "channel", s.Channels)
	var rows [][]xcell
	for _, r := range s.ReturnReasons {
		rows = append(rows, []xcell{text(lb(r.Reason)), count(r.Units), amount(r.Value), b.ratio(r.Share)})
	}
	sh.table(lb("return_reasons"), []string{lb("reason"), lb("units"), lb("refund_value"), lb("share")}, rows)
	rows = nil
	for _, o := range s.Outliers {
		rows = append(rows, []xcell{text(o.SKU), text(o.Name), text(o.Category), text(lb(o.Reason)), b.ratio(o.Rate), b.ratio(o.CategoryRate)})
	}
	sh.table(lb("outliers"), []string{lb("sku"), lb("product"), lb("category"), lb("reason"), lb("sku_return_rate"), lb("category_rate")}, rows)
	if len(s.Outliers) == 0 && s.OutliersTested > 0 {
		sh.note(fmt.Sprintf(lb("no_outliers"), b.fm.Count(int64(s.OutliersTested))))
	}
}

// findings writes what went well, then the problems with their money at
// stake, KPI to watch and day to check.
func (b *book) findings(sh *sheet, fs []report.Finding) {
	lb := b.lb
	if len(fs) == 0 {
		sh.note(lb("no_findings"))
		return
	}
	evidence := func(x report.Finding) string {
		var ev []string
		for _, e := range x.Evidence {
			s := lb(e.Key)
			if e.Subject != "" {
				s += " (" + e.Subject + ")"
			} else if e.Of != "" {
				s += " (" + lb(e.Of) + ")"
			}
			ev = append(ev, s+" "+b.fm.Value(e.Value))
		}
		return strings.Join(ev, "; ")
	}
	var good, bad [][]xcell
	for _, x := range fs {
		if x.Kind == report.Strength {
			good = append(good, []xcell{text(lb(x.Section.String())), text(b.fm.Message(x.Title)), text(evidence(x)), text(b.fm.Message(x.Recommendation))})
			continue
		}
		stake, kind, watch, check := b.na(), b.na(), b.na(), b.na()
		if x.Stake.Defined() {
			stake = b.value(x.Stake)
			kind = b.stakeKind(x.StakeKind)
		}
		if x.Watch != "" {
			watch = text(lb(x.Watch))
		}
		if !x.CheckBy.IsZero() {
			check = date(x.CheckBy)
		}
		bad = append(bad, []xcell{text(lb(x.Severity.String())), text(lb(x.Section.String())), text(b.fm.Message(x.Title)),
			text(evidence(x)), text(b.fm.Message(x.Recommendation)), stake, kind, watch, check})
	}
	if len(good) == 0 {
		sh.note(lb("what_went_well") + ": " + lb("no_strengths"))
	} else {
		sh.table(lb("what_went_well"), []string{lb("section"), lb("finding"), lb("evidence"), lb("keep")}, good)
	}
	if len(bad) == 0 {
		sh.note(lb("no_problems"))
		return
	}
	sh.table(lb("problems"), []string{lb("severity"), lb("section"), lb("finding"), lb("evidence"), lb("recommend"), lb("stake"), lb("stake_kind"), lb("watch"), lb("check_by")}, bad)
}
