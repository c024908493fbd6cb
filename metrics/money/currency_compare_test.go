package money

import (
	"slices"
	"testing"
)

func TestCurrencyCompare(t *testing.T) {
	got := []Currency{MustCurrency("USD"), {}, MustCurrency("CNY"), MustCurrency("EUR")}
	slices.SortFunc(got, Currency.Compare)
	want := []Currency{{}, MustCurrency("CNY"), MustCurrency("EUR"), MustCurrency("USD")}
	if !slices.Equal(got, want) {
		t.Errorf("sorted %v, want %v", got, want)
	}
}
