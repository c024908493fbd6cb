package storedata

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/metrics/service"
)

// Issue 16, item 3: an empty refunds.csv, or one without its amount column,
// was one *ParseError that the review job counted as "1 rows rejected" and
// went on without any refund. A header problem is a *FileError, which is
// not a *ParseError, so a caller cannot mistake it for a bad row.
func TestHeaderProblemIsFileError(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     error
		reason   string
	}{
		{"empty", "", ErrNoHeader, "an empty file has no header"},
		{"blank lines", "\n\n", ErrNoHeader, "blank lines are skipped, leaving no header"},
		{"no amount", "refund_id,order_id,refunded_at,currency\nr1,o1,2025-11-12T10:00:00Z,CNY\n", ErrMissingColumn, "amount is required"},
		{"duplicate", "refund_id,order_id,refunded_at,currency,amount,amount\n", ErrDuplicateColumn, "two amount columns"},
	} {
		_, errs := Collect(ReadRefunds(strings.NewReader(tc.in), Options{File: "refunds.csv"}))
		if len(errs) != 1 {
			t.Fatalf("%s: %d errors, want 1: %v", tc.name, len(errs), errs)
		}
		var fe *FileError
		var pe *ParseError
		if !errors.As(errs[0], &fe) || errors.As(errs[0], &pe) || fe.File != "refunds.csv" || fe.Line != 1 || !errors.Is(errs[0], tc.want) {
			t.Errorf("%s (%s): error %#v, want a *FileError at refunds.csv:1 wrapping %v", tc.name, tc.reason, errs[0], tc.want)
		}
	}
}

// Item 3: rejected rows are counted as rows: an order of three rows with
// one bad row is three rejected rows, not two messages.
func TestRejectedCountsRows(t *testing.T) {
	const in = `order_id,placed_at,currency,sku,quantity,unit_price
o1,2025-11-11T20:00:00Z,CNY,A1,1,1.00
o1,2025-11-11T20:00:00Z,CNY,A2,x,1.00
o1,2025-11-11T20:00:00Z,CNY,A3,1,1.00
o2,2025-11-11T20:00:00Z,CNY,A1,1,1.00
`
	got, errs := Collect(ReadOrders(strings.NewReader(in), Options{}))
	if len(got) != 1 || Rejected(errs) != 3 {
		t.Errorf("%d orders, %d rows rejected; want 1 and 3: %v", len(got), Rejected(errs), errs)
	}
	_, errs = Collect(ReadSpend(strings.NewReader("channel,day,currency,amount\nads,x,CNY,1\nads,2025-11-02,CNY,y\n"), Options{}))
	if Rejected(errs) != 2 {
		t.Errorf("spend: %d rows rejected, want 2", Rejected(errs))
	}
}

// Item 7: an exact duplicate of the row before it was counted twice.
func TestDuplicateRows(t *testing.T) {
	const orders = `order_id,placed_at,currency,sku,quantity,unit_price
o1,2025-11-11T20:00:00Z,CNY,A1,1,10.00
o1,2025-11-11T20:00:00Z,CNY,A1,1,10.00
o1,2025-11-11T20:00:00Z,CNY,B2,1,5.00
`
	got, errs := Collect(ReadOrders(strings.NewReader(orders), Options{}))
	if len(got) != 1 || len(got[0].Lines) != 2 || len(errs) != 1 || !errors.Is(errs[0], ErrDuplicateRow) || Rejected(errs) != 1 {
		t.Errorf("lenient: %+v, %v; want o1 with 2 lines and one skipped duplicate row", got, errs)
	} else if pe := errs[0].(*ParseError); pe.Line != 3 {
		t.Errorf("duplicate reported on line %d, want 3", pe.Line)
	}
	if got, errs := Collect(ReadOrders(strings.NewReader(orders), Options{Strict: true})); len(got) != 0 || len(errs) != 1 || !errors.Is(errs[0], ErrDuplicateRow) {
		t.Errorf("strict: %d orders, %v; want the duplicate as the one error", len(got), errs)
	}
	sp, errs := Collect(ReadSpend(strings.NewReader("channel,day,currency,amount\nads,2025-11-01,CNY,5\nads,2025-11-01,CNY,5\n"), Options{}))
	if len(sp) != 1 || len(errs) != 1 || !errors.Is(errs[0], ErrDuplicateRow) {
		t.Errorf("spend: %v, %v; want one row and one duplicate", sp, errs)
	}
	const tickets = "ticket_id,opened_at\nt1,2025-11-12T10:00:00Z\nt2,2025-11-12T10:00:00Z\nt1,2025-11-13T10:00:00Z\n"
	tk, errs := Collect(ReadTickets(strings.NewReader(tickets), Options{}))
	if len(tk) != 2 || len(errs) != 1 || !errors.Is(errs[0], ErrDuplicateID) || !strings.Contains(errs[0].Error(), "line 2") {
		t.Errorf("tickets: %d, %v; want 2 and a duplicate ID naming line 2", len(tk), errs)
	}
	const refunds = "refund_id,order_id,refunded_at,currency,amount\nr1,o1,2025-11-12T10:00:00Z,CNY,1\nr2,o1,2025-11-12T10:00:00Z,CNY,1\nr1,o1,2025-11-12T10:00:00Z,CNY,1\n"
	if _, errs := Collect(ReadRefunds(strings.NewReader(refunds), Options{})); len(errs) == 0 || !errors.Is(errs[0], ErrDuplicateID) {
		t.Errorf("refunds: %v; want a duplicate ID", errs)
	}
}

// Item 18: CR-only line endings were "duplicate column"; UTF-16 was
// "missing column". A UTF-8 BOM is skipped.
func TestEncodingProblems(t *testing.T) {
	const spend = "channel,day,currency,amount\nads,2025-11-01,CNY,5\n"
	utf16 := func(s string, be bool) string {
		var b []byte
		for _, r := range s {
			if be {
				b = append(b, 0, byte(r))
			} else {
				b = append(b, byte(r), 0)
			}
		}
		return string(b)
	}
	for _, tc := range []struct {
		name, in, want string
		err            error
	}{
		{"cr only", strings.ReplaceAll(spend+"ads,2025-11-01,CNY,5\n", "\n", "\r"), "carriage return", ErrLineEnding},
		{"utf-16 le bom", "\xff\xfe" + utf16(spend, false), "UTF-16", ErrEncoding},
		{"utf-16 be bom", "\xfe\xff" + utf16(spend, true), "UTF-16", ErrEncoding},
		{"utf-16 le no bom", utf16(spend, false), "UTF-16", ErrEncoding},
		{"utf-32 le bom", "\xff\xfe\x00\x00a\x00\x00\x00", "UTF-32", ErrEncoding},
	} {
		_, errs := Collect(ReadSpend(strings.NewReader(tc.in), Options{File: "spend.csv"}))
		var fe *FileError
		if len(errs) != 1 || !errors.As(errs[0], &fe) || !errors.Is(errs[0], tc.err) || !strings.Contains(errs[0].Error(), tc.want) {
			t.Errorf("%s: %v; want one *FileError naming %s", tc.name, errs, tc.want)
		}
	}
	got, errs := Collect(ReadSpend(strings.NewReader("\ufeff"+`"channel",day,currency,amount`+"\nads,2025-11-01,CNY,5\n"), Options{}))
	if len(got) != 1 || len(errs) != 0 {
		t.Errorf("UTF-8 BOM before a quoted header: %v, %v", got, errs)
	}
}

// Item 22: messages quote the offending value; amounts are digits with an
// optional point followed by digits, as the documentation says.
func TestNumberMessages(t *testing.T) {
	const head = "order_id,placed_at,currency,sku,quantity,unit_price\n"
	for _, tc := range []struct{ qty, price, want string }{
		{"1.5", "1.00", `"1.5"`},
		{"99999999999999999999", "1.00", `"99999999999999999999"`},
		{"1", ".5", `".5"`},
		{"1", "39.", `"39."`},
		{"1", "+5", `"+5"`},
		{"1", "1e3", `"1e3"`},
	} {
		_, errs := Collect(ReadOrders(strings.NewReader(head+"o1,2025-11-11T20:00:00Z,CNY,A1,"+tc.qty+","+tc.price+"\n"), Options{}))
		if len(errs) == 0 || !strings.Contains(errs[0].Error(), tc.want) {
			t.Errorf("quantity %s, price %s: %v; want the first error to quote %s", tc.qty, tc.price, errs, tc.want)
		}
	}
}

// Item 20: invalid UTF-8, NUL and ESC in text cells are located errors.
func TestInvalidText(t *testing.T) {
	const head = "order_id,placed_at,currency,sku,name,quantity,unit_price\n"
	for _, name := range []string{"bad\xffname", "nul\x00", "esc\x1b[31mred", "c1\u009b"} {
		_, errs := Collect(ReadOrders(strings.NewReader(head+"o1,2025-11-11T20:00:00Z,CNY,A1,"+name+",1,1.00\n"), Options{}))
		var pe *ParseError
		if len(errs) == 0 || !errors.As(errs[0], &pe) || pe.Column != 5 || !errors.Is(errs[0], ErrText) {
			t.Errorf("name %q: %v; want an ErrText at column 5", name, errs)
		}
	}
	_, errs := Collect(ReadEvents(strings.NewReader("user_id,time,name,page\nu1,2025-11-12T10:00:00Z,view,\x1b]0;x\a\n"), Options{}))
	if len(errs) != 1 || !errors.Is(errs[0], ErrText) {
		t.Errorf("event property with escapes: %v", errs)
	}
	got, errs := Collect(ReadOrders(strings.NewReader(head+"o1,2025-11-11T20:00:00Z,CNY,A1,\"tab\there\nand 茶\",1,1.00\n"), Options{}))
	if len(errs) != 0 || len(got) != 1 {
		t.Errorf("tab, newline and Chinese are text: %v", errs)
	}
}

// Item 19: negative spend, unknown target metrics and conflicting targets.
func TestSpendAndTargetChecks(t *testing.T) {
	_, errs := Collect(ReadSpend(strings.NewReader("channel,day,currency,amount\nads,2019-01-01,CNY,-5.00\n"), Options{File: "spend.csv"}))
	var pe *ParseError
	if len(errs) != 1 || !errors.As(errs[0], &pe) || pe.Line != 2 || pe.Column != 4 || !strings.Contains(errs[0].Error(), "-5.00") {
		t.Errorf("negative spend: %v", errs)
	}
	const targets = `metric,period,currency,amount,value
net_sales,2025-11,CNY,100.00,
net_salez,2025-11,CNY,100.00,
net_sales,2025-11,CNY,200.00,
orders,2025-11,,,10
orders,2025-11,,,10
`
	got, errs := Collect(ReadTargets(strings.NewReader(targets), Options{}))
	type loc struct {
		line int
		err  error
	}
	var locs []loc
	for _, err := range errs {
		pe := err.(*ParseError)
		var e error
		for _, s := range []error{ErrUnknownMetric, ErrDuplicateID, ErrDuplicateRow} {
			if errors.Is(err, s) {
				e = s
			}
		}
		locs = append(locs, loc{pe.Line, e})
	}
	want := []loc{{3, ErrUnknownMetric}, {4, ErrDuplicateID}, {6, ErrDuplicateRow}}
	if len(got) != 2 || !slices.Equal(locs, want) {
		t.Errorf("targets: %d read, errors %v; want 2 and %v", len(got), errs, want)
	}
}

// Item 21: writers never write what readers reject.
func TestWritersRefuseWhatReadersReject(t *testing.T) {
	ev := func(props ...funnel.Prop) []funnel.Event {
		return []funnel.Event{{UserID: "u", Time: time.Unix(0, 0).UTC(), Name: "view", Props: props}}
	}
	cny := money.MustCurrency("CNY")
	for _, tc := range []struct {
		name  string
		write func(*bytes.Buffer) error
	}{
		{"event key name", func(b *bytes.Buffer) error { return WriteEvents(b, slices.Values(ev()), "name") }},
		{"event key with space", func(b *bytes.Buffer) error { return WriteEvents(b, slices.Values(ev()), "utm ") }},
		{"event key empty", func(b *bytes.Buffer) error { return WriteEvents(b, slices.Values(ev()), "") }},
		{"event prop without column", func(b *bytes.Buffer) error {
			return WriteEvents(b, slices.Values(ev(funnel.Prop{Key: "page", Value: "x"})))
		}},
		{"event value with NUL", func(b *bytes.Buffer) error {
			return WriteEvents(b, slices.Values(ev(funnel.Prop{Key: "page", Value: "\x00"})), "page")
		}},
		{"event without user", func(b *bytes.Buffer) error {
			return WriteEvents(b, slices.Values([]funnel.Event{{Time: time.Unix(0, 0), Name: "v"}}))
		}},
		{"order year 10000", func(b *bytes.Buffer) error {
			return WriteOrders(b, slices.Values([]metrics.Order{{ID: "o", Currency: cny, PlacedAt: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC),
				Lines: []metrics.Line{{SKU: "A", Quantity: 1, UnitPrice: cny.Zero()}}}}))
		}},
		{"order duplicate line", func(b *bytes.Buffer) error {
			l := metrics.Line{SKU: "A", Quantity: 1, UnitPrice: cny.Zero()}
			return WriteOrders(b, slices.Values([]metrics.Order{{ID: "o", Currency: cny, PlacedAt: time.Unix(0, 0), Lines: []metrics.Line{l, l}}}))
		}},
		{"orders with one ID", func(b *bytes.Buffer) error {
			o := metrics.Order{ID: "o", Currency: cny, PlacedAt: time.Unix(0, 0), Lines: []metrics.Line{{SKU: "A", Quantity: 1, UnitPrice: cny.Zero()}}}
			return WriteOrders(b, slices.Values([]metrics.Order{o, o}))
		}},
		{"negative spend", func(b *bytes.Buffer) error {
			return WriteSpend(b, slices.Values([]metrics.Spend{{Channel: "ads", Day: time.Unix(0, 0), Amount: money.MustNew("-1", "CNY")}}))
		}},
		{"unknown target", func(b *bytes.Buffer) error {
			return WriteTargets(b, slices.Values([]metrics.Target{{Metric: "nope", Period: metrics.MonthOf(2025, 11, time.UTC), Value: 1}}))
		}},
		{"ticket score 6", func(b *bytes.Buffer) error {
			return WriteTickets(b, slices.Values([]service.Ticket{{ID: "t", OpenedAt: time.Unix(0, 0), Score: 6}}))
		}},
	} {
		var buf bytes.Buffer
		if err := tc.write(&buf); err == nil {
			t.Errorf("%s: written without an error:\n%s", tc.name, buf.String())
		}
	}
	var buf bytes.Buffer
	if err := WriteEvents(&buf, slices.Values(ev(funnel.Prop{Key: "source", Value: "ads"})), "source", "page", "page"); err != nil {
		t.Errorf("listing a fixed column or a key twice: %v", err)
	} else if _, errs := Collect(ReadEvents(&buf, Options{})); len(errs) > 0 {
		t.Errorf("reading back: %v", errs)
	}
}

// Every column of the events file is a property, so each needs a name
// that WriteEvents can write back: an unnamed column made properties with
// the key "" (found by FuzzReadEvents' write-back property).
func TestEventsColumnNames(t *testing.T) {
	for _, head := range []string{"user_id,time,name,", "user_id,time,name,\"a\tb\""} {
		_, errs := Collect(ReadEvents(strings.NewReader(head+"\nu1,2025-11-12T10:00:00Z,view,x\n"), Options{}))
		var fe *FileError
		if len(errs) != 1 || !errors.As(errs[0], &fe) || fe.Column != 4 {
			t.Errorf("header %q: %v; want a *FileError at column 4", head, errs)
		}
	}
}

// A scope list with an empty entry ("A1||B2", "A1|") was read as a SKU ""
// that WritePromotions refuses; it is a located error.
func TestPromotionScopeEmptyEntry(t *testing.T) {
	const head = "promotion_id,window,mechanism,skus,categories,currency\n"
	for _, row := range []string{"p1,2025-11-01..2025-11-11,percent_off,A1||B2,,CNY", "p1,2025-11-01..2025-11-11,percent_off,,tea|,CNY"} {
		got, errs := Collect(ReadPromotions(strings.NewReader(head+row+"\n"), Options{}))
		var pe *ParseError
		if len(got) != 0 || len(errs) != 1 || !errors.As(errs[0], &pe) || (pe.Name != "skus" && pe.Name != "categories") {
			t.Errorf("%s: %v, %v; want a located error", row, got, errs)
		}
	}
}

// A header after empty lines is located on its own line.
func TestHeaderLine(t *testing.T) {
	_, errs := Collect(ReadSpend(strings.NewReader("\n\nchannel,day\n"), Options{}))
	var fe *FileError
	if len(errs) != 1 || !errors.As(errs[0], &fe) || fe.Line != 3 {
		t.Errorf("%v; want a *FileError on line 3", errs)
	}
}
