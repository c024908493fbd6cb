package storedata

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The bad-input battery of issue 18, for what the other tests do not
// cover: each case is a located error or a value read as documented.

const batteryHead = "order_id,placed_at,currency,sku,name,quantity,unit_price\n"

// TestBatteryAmounts: a decimal comma unquoted splits the row (a wrong
// number of fields), quoted it is not an amount; 1e400 and NaN are not
// amounts. Each is located in its row (and column when it has one).
func TestBatteryAmounts(t *testing.T) {
	for _, tc := range []struct {
		name, row string
		column    int
		want      string
	}{
		{"decimal comma", "o1,2025-11-11T20:00:00Z,CNY,A1,Tea,1,12,30", 0, "8 fields, the header has 7"},
		{"decimal comma quoted", `o1,2025-11-11T20:00:00Z,CNY,A1,Tea,1,"12,30"`, 7, `"12,30" is not an amount`},
		{"exponent", "o1,2025-11-11T20:00:00Z,CNY,A1,Tea,1,1e400", 7, `"1e400" is not an amount`},
		{"NaN", "o1,2025-11-11T20:00:00Z,CNY,A1,Tea,1,NaN", 7, `"NaN" is not an amount`},
		{"Inf", "o1,2025-11-11T20:00:00Z,CNY,A1,Tea,1,-Inf", 7, `"-Inf" is not an amount`},
		{"huge", "o1,2025-11-11T20:00:00Z,CNY,A1,Tea,1,99999999999999999999999", 7, "range"},
		{"bad date", "o1,2025-02-30T20:00:00Z,CNY,A1,Tea,1,1", 2, "not an RFC 3339 time"},
		{"date without zone", "o1,2025-11-11 20:00:00,CNY,A1,Tea,1,1", 2, "not an RFC 3339 time"},
		{"unknown currency", "o1,2025-11-11T20:00:00Z,RMB,A1,Tea,1,1", 3, "RMB"},
	} {
		orders, errs := Collect(ReadOrders(strings.NewReader(batteryHead+tc.row+"\n"), Options{File: "order_lines.csv"}))
		var pe *ParseError
		if len(orders) != 0 || len(errs) == 0 || !errors.As(errs[0], &pe) || pe.Line != 2 || pe.Column != tc.column || !strings.Contains(errs[0].Error(), tc.want) {
			t.Errorf("%s: orders %v, errors %v; want line 2 column %d saying %q", tc.name, orders, errs, tc.column, tc.want)
		}
		if Rejected(errs) != 1 {
			t.Errorf("%s: %d rows rejected, want 1", tc.name, Rejected(errs))
		}
	}
}

// TestBatteryLayout: reordered columns, CRLF line endings, extra columns
// and a missing optional column read the same orders; a missing required
// column is a FileError naming it.
func TestBatteryLayout(t *testing.T) {
	const rows = "o1,2025-11-11T20:00:00+08:00,CNY,A1,Tea,2,59.90\no2,2025-11-12T20:00:00+08:00,CNY,B2,Cup,1,19.90\n"
	want, errs := Collect(ReadOrders(strings.NewReader(batteryHead+rows), Options{}))
	if errs != nil {
		t.Fatal(errs)
	}
	reorder := func(s string) string { // the columns in reverse order, plus an extra one
		var out []string
		for _, line := range strings.Split(strings.TrimSuffix(s, "\n"), "\n") {
			cells := strings.Split(line, ",")
			slices.Reverse(cells)
			out = append(out, strings.Join(append(cells, "x"), ","))
		}
		return strings.Join(out, "\n") + "\n"
	}
	for name, in := range map[string]string{
		"reordered": reorder(batteryHead + rows),
		"crlf":      strings.ReplaceAll(batteryHead+rows, "\n", "\r\n"),
		"bom":       "\ufeff" + batteryHead + rows,
		"no name":   strings.Replace(batteryHead, ",name", "", 1) + strings.ReplaceAll(strings.ReplaceAll(rows, ",Tea", ""), ",Cup", ""),
	} {
		got, errs := Collect(ReadOrders(strings.NewReader(in), Options{}))
		if errs != nil {
			t.Errorf("%s: %v", name, errs)
			continue
		}
		w := want
		if name == "no name" {
			w = slices.Clone(want)
			for i := range w {
				w[i].Lines = slices.Clone(w[i].Lines)
				w[i].Lines[0].Name = ""
			}
		}
		if diff := cmp.Diff(w, got, moneyCmp); diff != "" {
			t.Errorf("%s (-want +got):\n%s", name, diff)
		}
	}
	_, errs = Collect(ReadOrders(strings.NewReader(strings.Replace(batteryHead, "unit_price", "price", 1)+rows), Options{File: "order_lines.csv"}))
	var fe *FileError
	if len(errs) != 1 || !errors.As(errs[0], &fe) || !errors.Is(errs[0], ErrMissingColumn) || !strings.Contains(errs[0].Error(), "unit_price") {
		t.Errorf("missing unit_price: %v", errs)
	}
}

// TestBatteryLongCells: a 10 MB quoted field (with commas, quotes and
// line breaks) and a 10 MB line without quotes are read whole, and the
// line numbers after them stay right.
func TestBatteryLongCells(t *testing.T) {
	big := strings.Repeat("茶,\"\n", 10<<20/6)
	in := batteryHead +
		`o1,2025-11-11T20:00:00Z,CNY,A1,"` + strings.ReplaceAll(big, `"`, `""`) + `",1,1` + "\n" +
		"o2,2025-11-11T20:00:00Z,CNY,A1," + strings.Repeat("x", 10<<20) + ",1,1\n" +
		"o3,2025-11-11T20:00:00Z,CNY,A1,Tea,x,1\n"
	orders, errs := Collect(ReadOrders(strings.NewReader(in), Options{}))
	if len(orders) != 2 || orders[0].Lines[0].Name != big || len(orders[1].Lines[0].Name) != 10<<20 {
		t.Errorf("long cells: %d orders", len(orders))
	}
	var pe *ParseError
	lines := 2 + strings.Count(big, "\n") + 1 // header, o1 over its lines, o2
	if len(errs) != 2 || !errors.As(errs[0], &pe) || pe.Line != lines+1 {
		t.Errorf("the error after the long cells: %v; want line %d", errs, lines+1)
	}
}

// TestBatteryRefundOfUnknownOrder: a reader checks a file, not the store:
// a refund of an order that is not in the data passes through (the review
// decides; report.Config.BadRecords), and so do events out of time order
// (Dir sorts them; see TestDirFiles).
func TestBatteryRefundOfUnknownOrder(t *testing.T) {
	refunds, errs := Collect(ReadRefunds(strings.NewReader("refund_id,order_id,refunded_at,currency,amount\nr1,no-such-order,2025-11-11T20:00:00Z,CNY,5\n"), Options{}))
	if errs != nil || len(refunds) != 1 || refunds[0].OrderID != "no-such-order" {
		t.Errorf("refund of an unknown order: %v, %v", refunds, errs)
	}
	events, errs := Collect(ReadEvents(strings.NewReader("user_id,time,name\nu1,2025-11-11T20:00:00Z,b\nu1,2025-11-11T19:00:00Z,a\n"), Options{}))
	if errs != nil || len(events) != 2 || events[0].Name != "b" {
		t.Errorf("events out of order: %v, %v", events, errs)
	}
}
