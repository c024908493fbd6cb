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
