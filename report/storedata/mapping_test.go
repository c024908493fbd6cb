package storedata

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// rees46Mapping maps the REES46 events export (event_time, event_type,
// user_id, user_session; view, cart, purchase) to the events file and the
// review's default funnel steps.
const rees46Mapping = `{
  "columns": {
    "events": {"event_time": "time", "event_type": "name", "user_session": "session_id"}
  },
  "events": {"view": "page_view", "cart": "add_to_cart", "purchase": "purchase"}
}`

func TestParseMapping(t *testing.T) {
	m, err := ParseMapping([]byte(rees46Mapping))
	if err != nil {
		t.Fatal(err)
	}
	want := &Mapping{
		Columns: map[string]map[string]string{"events": {"event_time": "time", "event_type": "name", "user_session": "session_id"}},
		Events:  map[string]string{"view": "page_view", "cart": "add_to_cart", "purchase": "purchase"},
	}
	if diff := cmp.Diff(want, m); diff != "" {
		t.Errorf("mapping (-want +got):\n%s", diff)
	}
}

func TestParseMappingErrors(t *testing.T) {
	for _, tc := range []struct {
		name, in     string
		line, column int
		want         string
	}{
		{"unknown key", "{\n  \"colums\": {}\n}", 2, 3, `unknown key "colums"`},
		{"unknown kind", `{"columns": {"orders": {}}}`, 1, 14, `unknown kind of file "orders"`},
		{"unknown column", "{\"columns\": {\"order_lines\": {\n \"Total\": \"total\"}}}", 2, 11, `"total" is not a column of order_lines.csv`},
		{"two to one", `{"columns": {"spend": {"a": "day", "b": "day"}}}`, 1, 41, `"a" and "b" are both mapped to day`},
		{"key twice", `{"events": {"view": "page_view", "view": "x"}}`, 1, 34, `key "view" is given twice`},
		{"not a string", `{"events": {"view": 1}}`, 1, 21, "want a string, not 1"},
		{"empty name", `{"events": {"": "x"}}`, 1, 13, "empty"},
		{"padded", `{"events": {"view": " page_view"}}`, 1, 21, "space at an end"},
		{"not an object", `[]`, 1, 1, `want an object, not "["`},
		{"syntax", `{"events": {"view" "x"}}`, 1, 20, "invalid character"},
		{"cut short", `{"events": {`, 1, 13, "unexpected end"},
		{"trailing", `{} {}`, 1, 4, "after the mapping's object"},
		{"empty", ``, 1, 1, "unexpected end"},
	} {
		_, err := ParseMapping([]byte(tc.in))
		var pe *ParseError
		if !errors.As(err, &pe) || pe.File != "mapping" || pe.Line != tc.line || pe.Column != tc.column || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v (%+v); want mapping:%d column %d with %q", tc.name, err, pe, tc.line, tc.column, tc.want)
		}
	}
}

// TestReadWithMapping reads events and orders whose headers use an
// export's own names.
func TestReadWithMapping(t *testing.T) {
	m, err := ParseMapping([]byte(rees46Mapping))
	if err != nil {
		t.Fatal(err)
	}
	const in = "event_time,event_type,user_id,user_session,product_id\n" +
		"2019-10-01T00:00:00Z,view,u1,s1,p1\n2019-10-01T00:01:00Z,cart,u1,s1,p1\n2019-10-01T00:02:00Z,purchase,u1,s1,p1\n2019-10-01T00:03:00Z,remove_from_cart,u1,s1,p1\n"
	events, errs := Collect(ReadEvents(strings.NewReader(in), Options{Mapping: m}))
	if errs != nil {
		t.Fatal(errs)
	}
	var got []string
	for _, e := range events {
		got = append(got, e.Name+" "+e.Prop("session_id")+" "+e.Prop("product_id"))
	}
	// Unmapped names are kept.
	if diff := cmp.Diff([]string{"page_view s1 p1", "add_to_cart s1 p1", "purchase s1 p1", "remove_from_cart s1 p1"}, got); diff != "" {
		t.Errorf("events (-want +got):\n%s", diff)
	}
	m, err = ParseMapping([]byte(`{"columns": {"order_lines": {"Order ID": "order_id", "Created at": "placed_at", "Lineitem sku": "sku", "Lineitem quantity": "quantity", "Lineitem price": "unit_price", "Currency": "currency"}}}`))
	if err != nil {
		t.Fatal(err)
	}
	orders, errs := Collect(ReadOrders(strings.NewReader("Order ID,Created at,Currency,Lineitem sku,Lineitem quantity,Lineitem price\n#1001,2025-11-11T20:00:00+08:00,CNY,A1,2,59.90\n"), Options{Mapping: m}))
	if errs != nil || len(orders) != 1 || orders[0].ID != "#1001" || orders[0].Lines[0].Quantity != 2 {
		t.Errorf("orders %+v, errors %v", orders, errs)
	}
}

func FuzzParseMapping(f *testing.F) {
	for _, s := range []string{rees46Mapping, `{}`, `{"columns": {"spend": {"a": "day"}}}`, `{"events": {"a": "b"}}`, `{"x": 1}`, `[`, `{"events": {"a": "b", "a": "c"}}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := ParseMapping(data)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Line < 1 || pe.Column < 1 {
				t.Fatalf("error %v is not a located *ParseError", err)
			}
			if m != nil {
				t.Fatalf("a mapping with an error")
			}
			return
		}
		for kind, cols := range m.Columns {
			known, ok := kindColumns(kind)
			if !ok {
				t.Fatalf("unknown kind %q accepted", kind)
			}
			to := map[string]bool{}
			for from, col := range cols {
				if from == "" || col == "" || to[col] || (kind != kindEvents && !contains(known, col)) {
					t.Fatalf("bad column mapping %q → %q accepted", from, col)
				}
				to[col] = true
			}
		}
		for from, step := range m.Events {
			if from == "" || step == "" || validText(from) != nil || validText(step) != nil {
				t.Fatalf("bad event mapping %q → %q accepted", from, step)
			}
		}
	})
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}
