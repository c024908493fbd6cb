package xlsx

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/report"
	"github.com/shopmetrics/shopmetrics/report/render"
)

// Workbook renders a review as an Excel workbook (.xlsx): one sheet per
// section, numbers as numbers with their formats (see the package
// documentation). It implements [render.Renderer].
type Workbook struct {
	// Lang is the language of the sheet names, headers and texts.
	// Defaults to English.
	Lang render.Language
}

// Render writes r to w as an .xlsx file. It returns the first error of
// excelize or of w.
func (x Workbook) Render(w io.Writer, r *report.Review) error {
	r = render.Relabel(r, x.Lang, nil) // data values as the other formats name them
	b := newBook(x.Lang, r.Currency)
	defer b.f.Close()
	lb := b.lb
	first := true
	for _, s := range render.Shown(r) {
		name := sheetName(render.SectionTitle(r, s, x.Lang))
		if first {
			if err := b.f.SetSheetName("Sheet1", name); err != nil {
				return err
			}
			first = false
		} else if _, err := b.f.NewSheet(name); err != nil {
			return err
		}
		sh := &sheet{name: name}
		switch s {
		case report.SectionOverview:
			b.overview(sh, r)
		case report.SectionTraffic:
			b.traffic(sh, r.Traffic)
		case report.SectionProducts:
			b.products(sh, r.Products)
			b.detailPages(sh, r.DetailPages)
			b.categories(sh, r.Categories)
			b.suppliers(sh, r.Suppliers)
		case report.SectionMarket:
			b.market(sh, r.Market)
		case report.SectionPromotions:
			b.promotions(sh, r.Promotions)
			b.campaigns(sh, r.Campaigns)
		case report.SectionCustomers:
			b.customers(sh, r.Customers)
			b.profile(sh, r.Profile)
			b.membership(sh, r.Membership)
		case report.SectionService:
			b.service(sh, r.Service)
		case report.SectionFindings:
			b.findings(sh, r.Findings)
		case report.SectionChannels:
			b.channels(sh, r.Channels)
		case report.SectionFulfilment:
			b.fulfilment(sh, r.Fulfilment)
		case report.SectionPlan:
			b.plan(sh, r.Plan)
		}
		if !render.Present(r, s) {
			sh.note(omitted(r, s, x.Lang))
		}
		for _, n := range r.NotesOf(s) {
			reason := render.NoteReason(n, x.Lang)
			text := lb("not_computed") + ": " + lb(n.Key) + " (" + reason + ")"
			switch {
			case render.CoverageNote(n.Key): // the day the data starts or ends
				text = lb(n.Key) + " " + n.Reason
			case n.LeftOut > 0:
				detail := strconv.FormatInt(n.LeftOut, 10)
				if n.Reason != "" {
					detail = n.Reason + ": " + detail
				}
				text = lb("left_out") + ": " + lb(n.Key) + " (" + detail + ")"
			}
			sh.note(text)
		}
		if err := b.write(sh); err != nil {
			return fmt.Errorf("xlsx: sheet %q: %w", name, err)
		}
	}
	return b.f.Write(w)
}

// sheetName cuts a name to Excel's 31 characters and drops the characters
// a sheet name cannot hold.
func sheetName(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return -1
		}
		return r
	}, s)
	if utf8.RuneCountInString(s) > 31 {
		s = string([]rune(s)[:31])
	}
	return s
}

func omitted(r *report.Review, s report.Section, l render.Language) string {
	missing := "orders"
	for _, o := range r.Omitted {
		if o.Section == s {
			missing = o.Missing
		}
	}
	return fmt.Sprintf(render.Label("omitted", l), render.Label("missing_"+missing, l))
}

// kind is how a cell is written and formatted.
type kind uint8

const (
	kText kind = iota
	kTitle
	kHead
	kCount
	kMoney
	kPercent
	kChange // a relative change, signed percentage
	kPoints // a change in percentage points
	kNumber
	kMultiple
	kDays
	kDuration
	kDate
)

// xcell is one typed cell.
type xcell struct {
	kind kind
	text string
	n    int64
	f    float64
	m    money.Money
	t    time.Time
	d    time.Duration
}

// sheet collects the rows of one sheet.
type sheet struct {
	name   string
	rows   [][]xcell
	freeze int // the 1-based row of the first header, 0 for none
}

func (s *sheet) note(text string) { s.rows = append(s.rows, []xcell{{text: text}}) }

// table appends a titled table and a blank row after it.
func (s *sheet) table(title string, head []string, rows [][]xcell) {
	if len(rows) == 0 {
		return
	}
	if len(s.rows) > 0 {
		s.rows = append(s.rows, nil)
	}
	s.rows = append(s.rows, []xcell{{kind: kTitle, text: title}})
	h := make([]xcell, len(head))
	for i, x := range head {
		h[i] = xcell{kind: kHead, text: x}
	}
	s.rows = append(s.rows, h)
	if s.freeze == 0 {
		s.freeze = len(s.rows)
	}
	s.rows = append(s.rows, rows...)
}

// book is a workbook being written, with its styles.
type book struct {
	f      *excelize.File
	lang   render.Language
	fm     render.Formatter
	cur    money.Currency
	styles map[kind]int
	err    error
}

func (b *book) lb(k string) string { return render.Label(k, b.lang) }

func newBook(l render.Language, cur money.Currency) *book {
	b := &book{f: excelize.NewFile(), lang: l, fm: render.Formatter{Lang: l}, cur: cur, styles: map[kind]int{}}
	fmts := map[kind]string{
		kCount: "#,##0", kPercent: "0.0%", kChange: `+0.0%;-0.0%;0.0%`, kPoints: `+0.0" pp";-0.0" pp";0.0" pp"`,
		kNumber: "0.00", kMultiple: `0.00"×"`, kDays: "0.0", kDuration: "[h]:mm:ss", kDate: "yyyy-mm-dd",
		kMoney: moneyFormat(cur, b.fm),
	}
	if l == render.Chinese {
		fmts[kPoints] = `+0.0"个百分点";-0.0"个百分点";0.0"个百分点"`
	}
	for k, nf := range fmts {
		nf := nf
		id, err := b.f.NewStyle(&excelize.Style{CustomNumFmt: &nf})
		if err != nil && b.err == nil {
			b.err = err
		}
		b.styles[k] = id
	}
	id, err := b.f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 12}})
	if err != nil && b.err == nil {
		b.err = err
	}
	b.styles[kTitle] = id
	id, err = b.f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"EDEDED"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil && b.err == nil {
		b.err = err
	}
	b.styles[kHead] = id
	return b
}

// moneyFormat is the number format of amounts in c: the symbol the
// language's formatter prints, then the grouped amount with c's minor
// digits, such as "CN¥"#,##0.00.
func moneyFormat(c money.Currency, f render.Formatter) string {
	if c.IsZero() {
		return "#,##0.00"
	}
	zero := f.Money(c.Zero()) // "CN¥0.00", "¥0.00", "0.00 €"
	i := strings.IndexAny(zero, "0123456789")
	j := strings.LastIndexAny(zero, "0123456789")
	pre, post := zero[:max(i, 0)], zero[j+1:]
	num := "#,##0"
	if c.Digits() > 0 {
		num += "." + strings.Repeat("0", c.Digits())
	}
	q := func(s string) string {
		if s == "" {
			return ""
		}
		return `"` + strings.ReplaceAll(s, `"`, "") + `"`
	}
	pos := q(pre) + num + q(post)
	return pos + ";-" + pos
}

// write writes the sheet's cells, widths and frozen header.
func (b *book) write(s *sheet) error {
	if b.err != nil {
		return b.err
	}
	widths := map[int]float64{}
	for i, row := range s.rows {
		for j, c := range row {
			ref, err := excelize.CoordinatesToCellName(j+1, i+1)
			if err != nil {
				return err
			}
			w, err := b.cell(s.name, ref, c)
			if err != nil {
				return err
			}
			if c.kind != kTitle && c.kind != kText || len(row) > 1 {
				widths[j] = max(widths[j], min(w, 48))
			}
		}
	}
	for j, w := range widths {
		col, err := excelize.ColumnNumberToName(j + 1)
		if err != nil {
			return err
		}
		if err := b.f.SetColWidth(s.name, col, col, max(w+2, 8)); err != nil {
			return err
		}
	}
	if s.freeze > 0 {
		top := "A" + strconv.Itoa(s.freeze+1)
		if err := b.f.SetPanes(s.name, &excelize.Panes{Freeze: true, YSplit: s.freeze, TopLeftCell: top, ActivePane: "bottomLeft"}); err != nil {
			return err
		}
	}
	return nil
}

// cell writes one cell and returns its display width in characters.
func (b *book) cell(sheet, ref string, c xcell) (float64, error) {
	var err error
	width := 10.0
	switch c.kind {
	case kText, kTitle, kHead:
		err = b.f.SetCellStr(sheet, ref, c.text)
		width = textWidth(c.text)
		if c.kind == kHead {
			width = min(width, 16)
		}
	case kCount:
		err = b.f.SetCellInt(sheet, ref, c.n)
		width = float64(len(b.fm.Count(c.n)))
	case kMoney:
		err = b.money(sheet, ref, c.m)
		width = textWidth(b.fm.Money(c.m))
	case kDate:
		err = b.f.SetCellValue(sheet, ref, time.Date(c.t.Year(), c.t.Month(), c.t.Day(), 0, 0, 0, 0, time.UTC))
	case kDuration:
		err = b.f.SetCellFloat(sheet, ref, c.d.Seconds()/86400, -1, 64)
	default:
		err = b.f.SetCellFloat(sheet, ref, c.f, -1, 64)
	}
	if err != nil {
		return 0, err
	}
	if id, ok := b.styles[c.kind]; ok {
		if err := b.f.SetCellStyle(sheet, ref, ref, id); err != nil {
			return 0, err
		}
	}
	return width, nil
}

// money writes an amount rounded to its currency's minor unit. The
// file holds the amount's exact decimal digits; Excel reads them as the
// nearest double and shows and computes with 15 significant digits. An
// amount with more than 15 significant digits, or whose double does not
// print back as it, also gets a comment holding the exact decimal.
func (b *book) money(sheet, ref string, m money.Money) error {
	m = m.Round(money.RoundHalfEven)
	s := m.Amount()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return fmt.Errorf("amount %s: %w", s, err)
	}
	digits := m.Currency().Digits()
	if err := b.f.SetCellFloat(sheet, ref, v, digits, 64); err != nil {
		return err
	}
	if strconv.FormatFloat(v, 'f', digits, 64) != s || significant(s) > excelDigits {
		return b.f.AddComment(sheet, excelize.Comment{Cell: ref, Author: "shopmetrics", Text: "exact amount: " + s + " " + m.Currency().Code()})
	}
	return nil
}

// excelDigits is the precision Excel shows and computes with.
const excelDigits = 15

// significant counts the significant digits of a decimal string.
func significant(s string) int {
	n, lead := 0, true
	for _, r := range s {
		if r < '0' || r > '9' || lead && r == '0' {
			continue
		}
		lead = false
		n++
	}
	return n
}

// textWidth is the width of s in Excel's character units: 2 for a wide
// (CJK) character.
func textWidth(s string) float64 {
	w := 0.0
	for _, r := range s {
		if r >= 0x2E80 {
			w += 2
		} else {
			w++
		}
	}
	return w
}

// Cells of values.

func text(s string) xcell         { return xcell{text: s} }
func count(n int64) xcell         { return xcell{kind: kCount, n: n} }
func amount(m money.Money) xcell  { return xcell{kind: kMoney, m: m} }
func date(t time.Time) xcell      { return xcell{kind: kDate, t: t} }
func (b *book) na() xcell         { return text(b.fm.NA()) }
func num(k kind, v float64) xcell { return xcell{kind: k, f: v} }

// ratio is a share as a percentage, or the NA mark.
func (b *book) ratio(r metrics.Ratio) xcell {
	v, ok := r.Value()
	if !ok || math.IsInf(v, 0) || math.IsNaN(v) {
		return b.na()
	}
	return num(kPercent, v)
}

// change is a relative change, or the NA mark.
func (b *book) change(r metrics.Ratio) xcell {
	c := b.ratio(r)
	if c.kind == kPercent {
		c.kind = kChange
	}
	return c
}

// value is a metrics.Value in its unit.
func (b *book) value(v metrics.Value) xcell {
	if m, ok := v.Money(); ok {
		return amount(m)
	}
	if n, ok := v.Count(); ok {
		return count(n)
	}
	if d, ok := v.Duration(); ok {
		return xcell{kind: kDuration, d: d}
	}
	x, ok := v.Float()
	if !ok || math.IsInf(x, 0) || math.IsNaN(x) {
		return b.na()
	}
	switch v.Unit() {
	case metrics.UnitRatio:
		return num(kPercent, x)
	case metrics.UnitCount:
		return num(kCount, x)
	case metrics.UnitMultiple:
		return num(kMultiple, x)
	case metrics.UnitDays:
		return num(kDays, x)
	}
	return num(kNumber, x)
}

// kpiChange is a KPI's change as the KPI carries it: percentage points
// for a rate (the fraction 0.004 is +0.4 pp), the relative change
// otherwise.
func (b *book) kpiChange(k report.KPI, change metrics.Ratio) xcell {
	if k.ChangeKind() != metrics.PointChange {
		return b.change(change)
	}
	v, ok := change.Value()
	if !ok || math.IsInf(v, 0) || math.IsNaN(v) {
		return b.na()
	}
	return num(kPoints, v*100)
}

// attainment is a KPI's attainment: a share of the target, or for a rate
// its distance from the target in points.
func (b *book) attainment(k report.KPI) xcell {
	if k.ChangeKind() == metrics.PointChange {
		return b.kpiChange(k, k.Attainment)
	}
	return b.ratio(k.Attainment)
}

func (b *book) kpis(sh *sheet, title string, ks []report.KPI) {
	lb := b.lb
	var rows [][]xcell
	for _, k := range ks {
		rows = append(rows, []xcell{text(lb(k.Key)), b.value(k.Current), b.value(k.Previous), b.kpiChange(k, k.ChangePrev),
			b.value(k.YearAgo), b.kpiChange(k, k.ChangeYear), b.value(k.Target), b.attainment(k)})
	}
	sh.table(title, []string{lb("metric"), lb("value"), lb("prev_value"), lb("change_prev"), lb("year_value"), lb("change_year"), lb("target"), lb("attainment")}, rows)
}
