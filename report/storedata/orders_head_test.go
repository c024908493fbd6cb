package storedata

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

// TestOrderHeadsFast: ReadOrders compares the order-level cells of an
// order's rows as one span of bytes when they are consecutive columns of
// lines without quotes, and cell by cell otherwise. Reading the same rows
// with the sku column moved among the order-level columns (which takes
// the cell-by-cell path) gives the same orders and the same errors, by
// line, column name, rows and message; rows are quoted at random, and an
// order-level cell changes on some rows.
func TestOrderHeadsFast(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		// Mostly cells that need no quotes, so that many lines have none.
		cell := rapid.SampledFrom([]string{"", "a", "b", "", "a", "b", "long cell 长", "0.00", "1.50", "a", "b", "", "a,b", "x\"y"})
		when := rapid.SampledFrom([]string{"", "2025-11-11T20:00:00+08:00", "2025-11-12T08:00:00Z", "bad"})
		var rows [][]string
		for o := range rapid.IntRange(1, 6).Draw(t, "orders") {
			head := make([]string, len(orderCols))
			for i, c := range orderCols {
				switch c {
				case "placed_at", "paid_at", "shipped_at", "delivered_at", "promised_by":
					head[i] = when.Draw(t, c)
				case "currency":
					head[i] = rapid.SampledFrom([]string{"CNY", "USD"}).Draw(t, c)
				case "status":
					head[i] = rapid.SampledFrom([]string{"", "paid"}).Draw(t, c)
				case "order_discount", "shipping", "tax":
					head[i] = rapid.SampledFrom([]string{"", "0.00", "1.5"}).Draw(t, c)
				default:
					head[i] = cell.Draw(t, c)
				}
			}
			for l := range rapid.IntRange(1, 3).Draw(t, "lines") {
				h := slices.Clone(head)
				if l > 0 && rapid.IntRange(0, 3).Draw(t, "change") == 0 {
					i := rapid.IntRange(0, len(h)-1).Draw(t, "cell")
					h[i] += rapid.SampledFrom([]string{"", "x", ","}).Draw(t, "more")
				}
				row := append([]string{fmt.Sprintf("o%d", o)}, h...)
				row = append(row, fmt.Sprintf("S%d", l), cell.Draw(t, "name"), "c", "1", "9.90", "", "", "")
				rows = append(rows, row)
			}
		}
		quote := rapid.SliceOfN(rapid.SampledFrom([]bool{true, false, false, false}), len(rows), len(rows)).Draw(t, "quote")
		file := func(order []int) string {
			var b strings.Builder
			for i, c := range order {
				if i > 0 {
					b.WriteByte(',')
				}
				b.WriteString(OrderLineColumns[c])
			}
			b.WriteByte('\n')
			for r, row := range rows {
				for i, c := range order {
					if i > 0 {
						b.WriteByte(',')
					}
					if v := row[c]; quote[r] || strings.ContainsAny(v, "\",") {
						b.WriteString(`"` + strings.ReplaceAll(v, `"`, `""`) + `"`)
					} else {
						b.WriteString(v)
					}
				}
				b.WriteByte('\n')
			}
			return b.String()
		}
		std := make([]int, len(OrderLineColumns))
		for i := range std {
			std[i] = i
		}
		sku := slices.Index(OrderLineColumns, "sku")
		moved := slices.Insert(slices.Delete(slices.Clone(std), sku, sku+1), 5, sku)
		type loc struct {
			Line, Rows int
			Name, Err  string
		}
		read := func(data string) (any, []loc) {
			orders, errs := Collect(ReadOrders(strings.NewReader(data), Options{}))
			var locs []loc
			for _, err := range errs {
				var pe *ParseError
				if !errors.As(err, &pe) {
					t.Fatalf("%v is not a *ParseError", err)
				}
				locs = append(locs, loc{pe.Line, pe.Rows, pe.Name, pe.Err.Error()})
			}
			return orders, locs
		}
		fast, fastErrs := read(file(std))
		slow, slowErrs := read(file(moved))
		if diff := cmp.Diff(slow, fast, moneyCmp); diff != "" {
			t.Fatalf("orders (-cell by cell +fast):\n%s", diff)
		}
		if diff := cmp.Diff(slowErrs, fastErrs); diff != "" {
			t.Fatalf("errors (-cell by cell +fast):\n%s", diff)
		}
	})
}
