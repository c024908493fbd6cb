package render

// profileNames are the display names of the customer profile part of the customers section; [names] holds them.
var profileNames = map[string]name{}
