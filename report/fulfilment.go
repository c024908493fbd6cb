package report

// Fulfilment is the fulfilment and logistics section (物流与履约): how fast
// orders were shipped and delivered, and whether deliveries kept their
// promise.
type Fulfilment struct {
}
