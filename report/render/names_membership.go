package render

// membershipNames are the display names of the membership and points part of the customers section; [names] holds them.
var membershipNames = map[string]name{}
