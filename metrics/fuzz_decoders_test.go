package metrics_test

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// FuzzRatioUnmarshalJSON checks that Ratio.UnmarshalJSON never panics,
// fails on anything that is not JSON, leaves the ratio alone when it fails,
// and that whatever it accepts encodes and decodes back to an equal ratio
// whose value is never NaN or infinite.
func FuzzRatioUnmarshalJSON(f *testing.F) {
	for _, s := range []string{`{"num":12,"den":480,"value":0.025}`, `{"num":1,"den":0,"value":null}`, `null`, `{}`, `[]`, `"x"`,
		`{"num":1e308,"den":1e-308}`, `{"num":-0,"den":-0}`, `{"num":1e400}`, `{"num":"1"}`, `{"num":1,"den":2,"value":7}`, ``} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		sentinel := metrics.NewRatio(3, 7)
		r := sentinel
		err := r.UnmarshalJSON(b)
		if err != nil {
			if !r.Equal(sentinel) {
				t.Fatalf("UnmarshalJSON(%q) failed with %v but changed the ratio to %v/%v", b, err, r.Num(), r.Den())
			}
			return
		}
		if !json.Valid(b) {
			t.Fatalf("UnmarshalJSON(%q) accepted invalid JSON", b)
		}
		if v, ok := r.Value(); math.IsNaN(v) || math.IsInf(v, 0) || (!ok && v != 0) {
			t.Fatalf("UnmarshalJSON(%q) gave value %v, %v", b, v, ok)
		}
		if math.IsNaN(r.Num()) || math.IsInf(r.Num(), 0) || math.IsNaN(r.Den()) || math.IsInf(r.Den(), 0) {
			t.Fatalf("UnmarshalJSON(%q) gave a non-finite part %v/%v", b, r.Num(), r.Den())
		}
		_ = r.String()
		enc, err := json.Marshal(r)
		if err != nil {
			t.Fatalf("Marshal(%v/%v): %v", r.Num(), r.Den(), err)
		}
		var back metrics.Ratio
		if err := json.Unmarshal(enc, &back); err != nil || !back.Equal(r) {
			t.Fatalf("%q -> %v/%v -> %s -> %v/%v, %v", b, r.Num(), r.Den(), enc, back.Num(), back.Den(), err)
		}
		if back.Defined() != r.Defined() {
			t.Fatalf("%s: Defined changed in the round trip", enc)
		}
	})
}

// FuzzParseOrderStatus checks that ParseOrderStatus accepts exactly the
// names that OrderStatus.String gives for the defined statuses, and gives
// back the status that prints as the input.
func FuzzParseOrderStatus(f *testing.F) {
	for _, s := range []string{"placed", "paid", "cancelled", "Paid", "", "paid ", "OrderStatus(3)", "canceled"} {
		f.Add(s)
	}
	defined := map[string]metrics.OrderStatus{}
	for _, s := range []metrics.OrderStatus{metrics.Placed, metrics.Paid, metrics.Cancelled} {
		defined[s.String()] = s
	}
	f.Fuzz(func(t *testing.T, s string) {
		st, ok := metrics.ParseOrderStatus(s)
		want, valid := defined[s]
		if ok != valid {
			t.Fatalf("ParseOrderStatus(%q) ok = %v, want %v", s, ok, valid)
		}
		if !ok {
			if st != 0 {
				t.Fatalf("ParseOrderStatus(%q) failed but returned %v", s, st)
			}
			return
		}
		if st != want || st.String() != s {
			t.Fatalf("ParseOrderStatus(%q) = %v, want %v", s, st, want)
		}
	})
}

// FuzzValueUnmarshalJSON checks that Value.UnmarshalJSON never panics and
// that whatever it accepts, a difference in points included, encodes and
// decodes back to an equal value of the same unit.
func FuzzValueUnmarshalJSON(f *testing.F) {
	for _, s := range []string{`{"kind":"points","defined":true,"ratio":{"num":-0.046,"den":1,"value":-0.046}}`,
		`{"kind":"points","defined":false}`, `{"kind":"percent","defined":true,"ratio":{"num":1,"den":3}}`,
		`{"kind":"money","defined":true,"money":{"amount":"1.50","currency":"CNY"}}`, `{"kind":"count","defined":true,"count":3}`,
		`{"kind":"duration","defined":true,"seconds":60}`, `{"kind":"points","defined":true,"count":3}`, `null`, `{}`, ``} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var v metrics.Value
		if err := json.Unmarshal(b, &v); err != nil {
			return
		}
		if x, ok := v.Float(); ok && (math.IsNaN(x) || math.IsInf(x, 0)) {
			t.Fatalf("%q decoded to a non-finite %v", b, x)
		}
		enc, err := json.Marshal(v)
		if err != nil {
			t.Fatalf("Marshal(%v): %v", v, err)
		}
		var back metrics.Value
		if err := json.Unmarshal(enc, &back); err != nil || !back.Equal(v) || back.Unit() != v.Unit() {
			t.Fatalf("%q -> %v (%v) -> %s -> %v (%v), %v", b, v, v.Unit(), enc, back, back.Unit(), err)
		}
	})
}
