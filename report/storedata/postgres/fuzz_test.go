package postgres

import (
	"encoding/json"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/funnel"
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
