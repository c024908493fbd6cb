package service

import "time"

// Ticket is one customer-service contact.
type Ticket struct {
	ID              string
	CustomerID      string
	OrderID         string // "" when the contact is not about an order
	Channel         string // chat, phone, email
	OpenedAt        time.Time
	FirstResponseAt time.Time // zero if not answered yet
	ResolvedAt      time.Time // zero if not resolved
	Reopened        bool      // the ticket was reopened after a resolution
	Reason          string
	Score           int // satisfaction 1–5; 0 when the customer gave none
}
