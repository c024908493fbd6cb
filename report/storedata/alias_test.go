package storedata

import (
	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/inventory"
	"github.com/shopmetrics/shopmetrics/promo"
)

type (
	eventAlias     = funnel.Event
	snapshotAlias  = inventory.Snapshot
	receiptAlias   = inventory.Receipt
	itemAlias      = inventory.Item
	promotionAlias = promo.Promotion
)
