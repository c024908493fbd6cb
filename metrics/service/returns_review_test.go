package service

import "testing"

// English rules matched inside words: "outfit" hit the "fit" rule, so a
// "not as described" complaint became a size problem, and "chocolate" or
// "plate" hit "late".
func TestReasonMapWordStart(t *testing.T) {
	tests := map[string]ReturnReason{
		"the outfit is different from the photo": ReasonNotAsDescribed,
		"chocolate melted, box damaged":          ReasonDamaged,
		"plate arrived chipped":                  ReasonOther,
		"Delivery was late":                      ReasonLateDelivery,
		"fitting is poor":                        ReasonSizeFit, // a word that starts with a rule still matches
		"delayed 5 days":                         ReasonLateDelivery,
		"size:L too big":                         ReasonSizeFit,
	}
	var m ReasonMap
	for text, want := range tests {
		if got := m.Normalize(text); got != want {
			t.Errorf("Normalize(%q) = %v, want %v", text, got, want)
		}
	}
}
