package render

// categoriesNames are the display names of the category penetration part of the products section; [names] holds them.
var categoriesNames = map[string]name{}
