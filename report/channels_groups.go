package report

import "maps"

// DefaultChannelGroups returns the channel groups of the channels section
// when Config.ChannelGroups does not name a channel: "search" → paid_search
// (the demo store and most exports name paid search ads "search"; map it
// to organic_search when yours is SEO), "seo" and "organic" →
// organic_search, "ads" → ads, "social" → social, "live" and "kol" →
// kol_live (直播带货, live commerce and influencers), "direct" → direct,
// "email" and "crm" → owned (the store's own audience). The map is a new
// copy each call.
//
// Groups are not declared paid or organic: a group is paid in a period
// when one of its channels has spend in it, so organic social posts, and
// paid search that stopped spending, read as what they were that period.
func DefaultChannelGroups() map[string]string { return maps.Clone(defaultChannelGroups) }

var defaultChannelGroups = map[string]string{
	"search": "paid_search", "seo": "organic_search", "organic": "organic_search",
	"ads": "ads", "social": "social", "live": "kol_live", "kol": "kol_live",
	"direct": "direct", "email": "owned", "crm": "owned",
}

// channelGroup returns the group of channel ch under cfg's mapping: the
// Config's, then the default, then ch itself.
func (cfg Config) channelGroup(ch string) string {
	if g, ok := cfg.ChannelGroups[ch]; ok && g != "" {
		return g
	}
	if g, ok := defaultChannelGroups[ch]; ok {
		return g
	}
	if ch == "" {
		return noSource
	}
	return ch
}
