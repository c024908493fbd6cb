package render

// marketNames are the display names of the market section; [names] holds them.
var marketNames = map[string]name{
	"market": {"Market and competitors", "市场与竞争"},
}
