package render

// suppliersNames are the display names of the suppliers part of the products section; [names] holds them.
var suppliersNames = map[string]name{}
