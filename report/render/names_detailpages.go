package render

// detailPagesNames are the display names of the detail-page conversion part of the products section; [names] holds them.
var detailPagesNames = map[string]name{}
