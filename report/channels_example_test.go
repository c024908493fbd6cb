package report_test

import (
	"fmt"
	"maps"
	"slices"

	"github.com/shopmetrics/shopmetrics/report"
)

// The channel groups of the channels section: override a channel with
// Config.ChannelGroups, such as {"search": "organic_search"} for a store
// whose "search" is SEO.
func ExampleDefaultChannelGroups() {
	groups := report.DefaultChannelGroups()
	for _, ch := range slices.Sorted(maps.Keys(groups)) {
		fmt.Printf("%s → %s\n", ch, groups[ch])
	}
	// Output:
	// ads → ads
	// crm → owned
	// direct → direct
	// email → owned
	// kol → kol_live
	// live → kol_live
	// organic → organic_search
	// search → paid_search
	// seo → organic_search
	// social → social
}
