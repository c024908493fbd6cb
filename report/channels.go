package report

// Channels is the channels and marketing section (渠道与投放): per
// channel, what it cost and what it brought.
type Channels struct {
}
