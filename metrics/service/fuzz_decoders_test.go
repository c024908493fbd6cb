package service_test

import (
	"strings"
	"testing"

	"github.com/shopmetrics/shopmetrics/metrics/service"
)

// FuzzReasonMapNormalize checks that Normalize never panics, always gives
// one of the documented reasons, ignores ASCII case, and that a user's rule
// put first wins on its own text.
func FuzzReasonMapNormalize(f *testing.F) {
	for _, s := range []string{"Too small", "尺码偏大", "outfit", "chocolate", "late", "", "\xff\xfe", "FIT", "ſize", "İ", "changed my mind"} {
		f.Add(s, "掉色", uint8(2))
	}
	f.Add("arrived broken", "", uint8(0))
	f.Add("x", "\xff", uint8(9))
	valid := map[service.ReturnReason]bool{}
	for _, r := range service.ReturnReasons {
		valid[r] = true
	}
	f.Fuzz(func(t *testing.T, text, rule string, reason uint8) {
		var m service.ReasonMap
		got := m.Normalize(text)
		if !valid[got] {
			t.Fatalf("Normalize(%q) = %v, not a documented reason", text, got)
		}
		if want := (service.ReasonMap{Rules: service.DefaultReasonRules}).Normalize(text); got != want {
			t.Fatalf("Normalize(%q): zero map %v, default rules %v", text, got, want)
		}
		if isASCII(text) {
			if up := m.Normalize(strings.ToUpper(text)); up != got {
				t.Fatalf("Normalize(%q) = %v but Normalize(%q) = %v: case matters", text, got, strings.ToUpper(text), up)
			}
		}
		r := service.ReturnReasons[int(reason)%len(service.ReturnReasons)]
		custom := service.ReasonMap{Rules: append([]service.ReasonRule{{Contains: rule, Reason: r}}, service.DefaultReasonRules...)}
		cg := custom.Normalize(text)
		if !valid[cg] {
			t.Fatalf("custom Normalize(%q) = %v", text, cg)
		}
		if rule != "" && isASCII(rule) {
			if g := custom.Normalize(rule); g != r {
				t.Fatalf("a rule %q put first: Normalize of its own text = %v, want %v", rule, g, r)
			}
		}
		if rule == "" && cg != got {
			t.Fatalf("an empty rule changed Normalize(%q) from %v to %v", text, got, cg)
		}
	})
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
