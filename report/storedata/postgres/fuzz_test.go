package postgres

import (
	"encoding/json"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/metrics/profile"
)

// FuzzDecodeProps: decodeProps never panics, and what it accepts is valid
// text that reads back the same after encoding it as Load does.
func FuzzDecodeProps(f *testing.F) {
	for _, s := range []string{`{}`, `{"page":"home","order_id":"O1"}`, `{"a":"1","a":"2"}`, `["a"]`, `{"a":1}`, `{"a":"x"} x`,
		`{"a":"\u001b"}`, `{"":"x"}`, `{"user_id":"u"}`, `null`, `{"a":"b",}`, `{"a":""}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		props, err := decodeProps(s, nil)
		if err != nil {
			return
		}
		b := []byte{'{'}
		for i, p := range props {
			if validText(p.Key) != nil || validText(p.Value) != nil || p.Value == "" {
				t.Fatalf("accepted %q with property %q", s, p)
			}
			if i > 0 {
				b = append(b, ',')
			}
			k, _ := json.Marshal(p.Key)
			v, _ := json.Marshal(p.Value)
			b = append(append(append(b, k...), ':'), v...)
		}
		b = append(b, '}')
		again, err := decodeProps(string(b), nil)
		if err != nil {
			t.Fatalf("%s (from %q) does not read back: %v", b, s, err)
		}
		if d := gocmp.Diff(props, again, gocmp.Comparer(func(a, b funnel.Prop) bool { return a == b })); d != "" {
			t.Fatalf("round trip of %q (-first +second):\n%s", s, d)
		}
	})
}

// FuzzDecodeLabels: decodeLabels never panics, and what it accepts are
// labels that Load writes and that read back the same.
func FuzzDecodeLabels(f *testing.F) {
	for _, s := range []string{`{}`, `{"income":"50-74K","渠道":"小红书"}`, `{"a":"1","a":"2"}`, `["a"]`, `{"a":1}`, `{"a":"x"} x`,
		`{"a":"\u001b"}`, `{"":"x"}`, `{"city":"x"}`, `{"customer_id":"x"}`, `null`, `{"a":"b",}`, `{"a":""}`, `{"<a>":"&\u2028"}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		labels, err := decodeLabels(s)
		if err != nil {
			return
		}
		if labels != nil && len(labels) == 0 {
			t.Fatalf("%q: an empty map, want nil", s)
		}
		c := profile.Customer{ID: "c1", Labels: labels}
		b := &batch{}
		if err := addCustomer(b, c); err != nil {
			t.Fatalf("decodeLabels accepted %q, which Load refuses: %v", s, err)
		}
		enc, _ := b.rows[0][7].(string)
		if labels == nil {
			if b.rows[0][7] != nil {
				t.Fatalf("%q: no labels written as %v", s, b.rows[0][7])
			}
			return
		}
		again, err := decodeLabels(enc)
		if err != nil {
			t.Fatalf("%s (from %q) does not read back: %v", enc, s, err)
		}
		if d := gocmp.Diff(labels, again); d != "" {
			t.Fatalf("round trip of %q (-first +second):\n%s", s, d)
		}
	})
}

// FuzzJSONProps: the straight path's props decoder never panics, and
// what it accepts decodeProps accepts with the same properties, after the
// same properties of the three columns (session_id, then device).
func FuzzJSONProps(f *testing.F) {
	for _, s := range []string{`{}`, ` { "page" : "home" , "x":"" } `, `{"page":"home","order_id":"O1"}`, `{"a":"1","a":"2"}`,
		`{"a":"","a":"2"}`, `["a"]`, `{"a":1}`, `{"a":"x"} x`, `{"a":"\u001b"}`, `{"":"x"}`, `{"user_id":"u"}`, `{"session_id":"s"}`,
		`{"device":"d"}`, `{"source":"s"}`, `null`, `{"a":"b",}`, `{"页":"值"}`, "{\"a\":\"\x7f\"}", "{\"a\":\"\xff\"}", `{"a\"b":"c"}`} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, cols bool) {
		vals := make([][]byte, len(eventCols))
		var before []funnel.Prop
		var kv []span
		if cols {
			vals[4], vals[6] = []byte("s1"), []byte("pc")
			kv = append(kv, span{key: -1}, span{from: 4}, span{key: -3}, span{from: 6})
			before = []funnel.Prop{{Key: funnel.PropSession, Value: "s1"}, {Key: funnel.PropDevice, Value: "pc"}}
		}
		vals[7] = []byte(s)
		kv, ok := jsonProps(vals[7], kv)
		if !ok {
			return
		}
		want, err := decodeProps(s, before)
		if err != nil {
			t.Fatalf("jsonProps accepts %q, decodeProps does not: %v", s, err)
		}
		var got []funnel.Prop
		for j := 0; j < len(kv); j += 2 {
			if c := kv[j]; c.key < 0 {
				got = append(got, funnel.Prop{Key: fixedProps[-1-c.key], Value: string(vals[kv[j+1].from])})
				continue
			}
			got = append(got, funnel.Prop{Key: s[kv[j].from:kv[j].to], Value: s[kv[j+1].from:kv[j+1].to]})
		}
		if d := gocmp.Diff(want, got); d != "" {
			t.Fatalf("%q: jsonProps differs from decodeProps (-decodeProps +jsonProps):\n%s", s, d)
		}
	})
}
