package render

// campaignsNames are the display names of the CRM campaigns part of the promotions section; [names] holds them.
var campaignsNames = map[string]name{}
