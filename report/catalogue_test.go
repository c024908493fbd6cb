package report

import (
	"github.com/shopmetrics/shopmetrics/internal/sample"
	"github.com/shopmetrics/shopmetrics/inventory"
)

// catalogueItems returns the demo store's catalogue as the review's
// items: SKU, name and category.
func catalogueItems(s *sample.Store) []inventory.Item {
	items := make([]inventory.Item, len(s.Catalogue))
	for i, p := range s.Catalogue {
		items[i] = inventory.Item{SKU: p.SKU, Name: p.Name, Category: p.Category}
	}
	return items
}
