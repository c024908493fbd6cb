package xlsx

import (
	"bytes"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"pgregory.net/rapid"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/internal/sample"
	"github.com/shopmetrics/shopmetrics/inventory"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/report"
	"github.com/shopmetrics/shopmetrics/report/render"
)

// demoReview is the review of the demo store's last whole month, built as
// examples/review builds it.
func demoReview(t testing.TB) *report.Review {
	t.Helper()
	store := sample.Generate(sample.Config{Seed: sample.DefaultSeed})
	items := make([]inventory.Item, len(store.Catalogue))
	for i, p := range store.Catalogue {
		items[i] = inventory.Item{SKU: p.SKU, Name: p.Name, Category: p.Category, UnitPrice: p.Price, LeadTimeDays: float64(p.LeadTime)}
	}
	in := report.Input{Store: "Demo store 演示店铺", Items: items, Orders: slices.Values(store.Orders), Refunds: store.Refunds,
		Events: slices.Values(store.Events), Spend: store.Spend, Targets: store.Targets, Snapshots: slices.Values(store.Snapshots),
		Receipts: store.Receipts, Promotions: store.Promotions, Tickets: store.Tickets}
	last := metrics.PeriodOf(store.Period.End.AddDate(0, 0, -1), metrics.Month)
	if last.End.After(store.Period.End) {
		last = last.Previous()
	}
	r, err := report.Build(in, report.Config{Period: last, Sessions: funnel.SessionRule{Key: funnel.PropSession}, BadRecords: inventory.Skip})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func open(t *testing.T, r *report.Review, l render.Language) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	if err := (Workbook{Lang: l}).Render(&buf, r); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// find returns the cell reference of the first cell in column A of sheet
// whose text is s, searching from row from.
func find(t *testing.T, f *excelize.File, sheet, s string, from int) int {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for i := from - 1; i < len(rows); i++ {
		if len(rows[i]) > 0 && rows[i][0] == s {
			return i + 1
		}
	}
	t.Fatalf("sheet %q: no row %q", sheet, s)
	return 0
}

func raw(t *testing.T, f *excelize.File, sheet, ref string) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func numFmt(t *testing.T, f *excelize.File, sheet, ref string) string {
	t.Helper()
	id, err := f.GetCellStyle(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if st.CustomNumFmt == nil {
		return ""
	}
	return *st.CustomNumFmt
}

// TestWorkbookAgainstReview reads the demo review's workbook back and
// checks cells against the Review they came from: sheet names, amounts
// as numbers equal to the exact decimal with the currency's format, rates
// as fractions with a percentage format and their changes in percentage
// points, undefined values as the NA text, frozen headers, and one row per
// day of the sales trend.
func TestWorkbookAgainstReview(t *testing.T) {
	r := demoReview(t)
	f := open(t, r, render.English)
	var want []string
	for _, s := range render.Shown(r) {
		want = append(want, sheetName(render.SectionTitle(r, s, render.English)))
	}
	if len(want) < 7 || want[0] != "1. Overview" {
		t.Fatalf("shown sections %q: want the seven core sections at least, numbered", want)
	}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Fatalf("sheets %q, want %q", got, want)
	}
	ov := want[0]
	if p, err := f.GetPanes(ov); err != nil || !p.Freeze || p.YSplit != 2 {
		t.Errorf("overview panes %+v, %v: want the header row 2 frozen", p, err)
	}
	for _, k := range r.Overview.KPIs {
		row := strconv.Itoa(find(t, f, ov, render.Label(k.Key, render.English), 1))
		got := raw(t, f, ov, "B"+row)
		switch {
		case k.Current.Unit() == metrics.UnitMoney:
			m, _ := k.Current.Money()
			if g, _ := strconv.ParseFloat(got, 64); strconv.FormatFloat(g, 'f', 2, 64) != m.Round(money.RoundHalfEven).Amount() {
				t.Errorf("%s: cell %s, want %s", k.Key, got, m.Amount())
			}
			if nf := numFmt(t, f, ov, "B"+row); !strings.Contains(nf, `"CN¥"#,##0.00`) {
				t.Errorf("%s: number format %q", k.Key, nf)
			}
		case k.Current.Unit() == metrics.UnitRatio:
			v, _ := k.Current.Float()
			// excelize writes a float with 15 significant digits, Excel's
			// own precision: equal to 1e-14 relative.
			if g, err := strconv.ParseFloat(got, 64); err != nil || math.Abs(g-v) > 1e-14*math.Abs(v) {
				t.Errorf("%s: cell %s, want %v", k.Key, got, v)
			}
			if nf := numFmt(t, f, ov, "B"+row); nf != "0.0%" {
				t.Errorf("%s: number format %q, want 0.0%%", k.Key, nf)
			}
			old, ok := k.Previous.Float()
			if ok {
				pp, _ := strconv.ParseFloat(raw(t, f, ov, "D"+row), 64)
				if d := pp - (v-old)*100; d > 1e-9 || d < -1e-9 {
					t.Errorf("%s: change %v pp, want %v", k.Key, pp, (v-old)*100)
				}
			}
		case k.Current.Unit() == metrics.UnitCount:
			n, _ := k.Current.Count()
			if got != strconv.FormatInt(n, 10) {
				t.Errorf("%s: cell %s, want %d", k.Key, got, n)
			}
		}
		if !k.YearAgo.Defined() {
			if got := raw(t, f, ov, "E"+row); got != "n/a" {
				t.Errorf("%s: undefined last year is %q, want n/a", k.Key, got)
			}
		}
	}
	// The daily table: a date and an amount per day, in order.
	start := find(t, f, ov, render.Label("sales_trend", render.English), 1) + 2
	for i, d := range r.Overview.Daily {
		ref := strconv.Itoa(start + i)
		if got, _ := f.GetCellValue(ov, "A"+ref); got != d.Date.Format("2006-01-02") {
			t.Errorf("day %d: date %q, want %s", i, got, d.Date.Format("2006-01-02"))
		}
		g, _ := strconv.ParseFloat(raw(t, f, ov, "B"+ref), 64)
		if strconv.FormatFloat(g, 'f', 2, 64) != d.NetSales.Round(money.RoundHalfEven).Amount() {
			t.Errorf("day %d: %v, want %s", i, g, d.NetSales.Amount())
		}
	}
	// Promotions: the first one's actual sales.
	if r.Promotions != nil && len(r.Promotions.Items) > 0 {
		p := r.Promotions.Items[0]
		sh := want[slices.Index(render.Shown(r), report.SectionPromotions)]
		row := strconv.Itoa(find(t, f, sh, p.Name, 1))
		g, _ := strconv.ParseFloat(raw(t, f, sh, "C"+row), 64)
		if strconv.FormatFloat(g, 'f', 2, 64) != p.Actual.Round(money.RoundHalfEven).Amount() {
			t.Errorf("promotion %s: actual %v, want %s", p.Name, g, p.Actual.Amount())
		}
	}
	// Chinese sheet names and the ¥ symbol.
	zh := open(t, r, render.Chinese)
	if got := zh.GetSheetList()[0]; got != "一、总体概览" {
		t.Errorf("first Chinese sheet %q", got)
	}
	row := strconv.Itoa(find(t, zh, "一、总体概览", "净销售额", 1))
	if nf := numFmt(t, zh, "一、总体概览", "B"+row); !strings.Contains(nf, `"¥"#,##0.00`) {
		t.Errorf("zh money format %q", nf)
	}
}

// TestLeftOutSection checks that a section without its input is a sheet
// with the one-line note, not an empty or zero-filled sheet.
func TestLeftOutSection(t *testing.T) {
	r := &report.Review{Store: "x", Currency: money.MustCurrency("CNY"),
		Omitted: []report.Omission{{Section: report.SectionTraffic, Missing: "events"}}}
	f := open(t, r, render.English)
	if got, _ := f.GetCellValue("2. Traffic and conversion", "A1"); got != "Left out: no events." {
		t.Errorf("A1 = %q", got)
	}
}

// TestLeftOutNoteWithoutReason checks a left-out note whose key says why:
// its count alone in the parentheses (it printed "(: 69)").
func TestLeftOutNoteWithoutReason(t *testing.T) {
	r := &report.Review{Store: "x", Currency: money.MustCurrency("CNY"),
		Omitted: []report.Omission{{Section: report.SectionTraffic, Missing: "events"}},
		Notes:   []report.Note{{Section: report.SectionTraffic, Key: "clv_no_spend", LeftOut: 69}}}
	f := open(t, r, render.English)
	want := "Left out: " + render.Label("clv_no_spend", render.English) + " (69)"
	find(t, f, "2. Traffic and conversion", want, 1)
}

// TestMoneyExact checks the rule of the package documentation: an amount
// below 10^15 minor units is written as its exact decimal digits and
// needs no comment, and a larger one gets its exact decimal in a comment.
func TestMoneyExact(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		b := newBook(render.English, money.MustCurrency("CNY"))
		defer b.f.Close()
		minor := rapid.Int64Range(-(1e15-1), 1e15-1).Draw(t, "minor")
		m := money.MustCurrency("CNY").FromMinor(minor)
		if err := b.money("Sheet1", "A1", m); err != nil {
			t.Fatal(err)
		}
		got, err := b.f.GetCellValue("Sheet1", "A1", excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		if got != m.Amount() {
			t.Fatalf("%s written as %s", m.Amount(), got)
		}
		if cs, _ := b.f.GetComments("Sheet1"); len(cs) != 0 {
			t.Fatalf("%s got a comment", m.Amount())
		}
	})
	b := newBook(render.English, money.MustCurrency("CNY"))
	defer b.f.Close()
	big := money.MustNew("92233720368547758.07", "CNY") // the largest amount money holds, 2^63-1 minor units: 19 digits
	if err := b.money("Sheet1", "A1", big); err != nil {
		t.Fatal(err)
	}
	if err := b.money("Sheet1", "A2", money.MustNew("-4667.90", "CNY")); err != nil {
		t.Fatal(err)
	}
	cs, err := b.f.GetComments("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 1 || cs[0].Cell != "A1" || !strings.Contains(cs[0].Text, "92233720368547758.07") {
		t.Errorf("comments %+v: want one on A1 with the exact amount", cs)
	}
}

// TestPlanSheet reads the demo review's plan sheet back: the forecasts'
// point, low and high are the Plan's amounts and counts, and the forecast
// chart's days are a table of dates.
func TestPlanSheet(t *testing.T) {
	r := demoReview(t)
	if r.Plan == nil || len(r.Plan.Forecasts) == 0 {
		t.Fatal("the demo review has no forecasts")
	}
	f := open(t, r, render.English)
	sh := sheetName(render.SectionTitle(r, report.SectionPlan, render.English))
	for _, fc := range r.Plan.Forecasts {
		row := strconv.Itoa(find(t, f, sh, render.Label(fc.Key, render.English), 1))
		for col, v := range map[string]metrics.Value{"B": fc.Point, "C": fc.Low, "D": fc.High} {
			got := raw(t, f, sh, col+row)
			want := v.String()
			if m, ok := v.Money(); ok {
				want = m.Round(money.RoundHalfEven).Amount()
				g, _ := strconv.ParseFloat(got, 64)
				got = strconv.FormatFloat(g, 'f', 2, 64)
			}
			if got != want {
				t.Errorf("%s %s: cell %s, want %s", fc.Key, col, got, want)
			}
		}
	}
	start := find(t, f, sh, render.Label("forecast_chart", render.English), 1) + 2
	last := r.Plan.Days[len(r.Plan.Days)-1]
	if got, _ := f.GetCellValue(sh, "A"+strconv.Itoa(start+len(r.Plan.Days)-1)); got != last.Date.Format("2006-01-02") {
		t.Errorf("last forecast day %q, want %s", got, last.Date.Format("2006-01-02"))
	}
}

// TestCoverageNotes checks that the notes of how far the data reaches are
// written as their label and the day, in both languages, not as a part
// "not computed" with the day in parentheses.
func TestCoverageNotes(t *testing.T) {
	r := &report.Review{Store: "x", Currency: money.MustCurrency("CNY"),
		Omitted: []report.Omission{{Section: report.SectionTraffic, Missing: "events"}},
		Notes: []report.Note{{Section: report.SectionTraffic, Key: "cur_coverage", Reason: "2025-12-20"},
			{Section: report.SectionTraffic, Key: "prev_coverage", Reason: "2025-11-03"}}}
	for _, l := range []render.Language{render.English, render.Chinese} {
		f := open(t, r, l)
		sheet := f.GetSheetName(1)
		find(t, f, sheet, render.Label("cur_coverage", l)+" 2025-12-20", 1)
		find(t, f, sheet, render.Label("prev_coverage", l)+" 2025-11-03", 1)
	}
}
