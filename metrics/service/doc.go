// Package service measures customer service and returns: first-response
// time and SLA attainment, resolution, reopen rate and satisfaction for
// tickets, and return rates and reasons for refunds.
//
// # Tickets
//
// A [Ticket] is one customer contact. [Desk] accumulates tickets (it is
// zero-value ready and merges across shards) and gives a [Summary]:
//
//   - first-response time and time to resolution, median and 90th
//     percentile (type-7 quantiles; absent when no ticket was answered or
//     resolved);
//   - within SLA = tickets answered within [Config].SLA / tickets, a ratio
//     in [0, 1]: unanswered tickets count as missed; undefined with no
//     ticket;
//   - resolution rate = resolved / tickets; reopen rate = reopened /
//     tickets resolved at least once;
//   - CSAT = scores of 4 or 5 / tickets with a score (the top-two-box
//     convention), undefined with no score; the average score on the 1–5
//     scale beside it;
//   - contacts per 100 orders = tickets × 100 / orders of the period,
//     undefined without orders.
//
// Waits are wall-clock durations, or the time within [BusinessHours] when
// the Config sets them. [ValidateTickets] reports every problem of a batch
// at once as *[TicketError] values.
//
// # Returns
//
// [Returns] accumulates orders and refunds: the return rate of each SKU and
// category by units (units returned / units sold) and by value, the reasons
// normalised from free text by a [ReasonMap] into [ReturnReason] values,
// and the SKUs whose return rate stands out from their category's: one
// Fisher exact test per SKU against the rest of its category (a month
// sells few units of most SKUs, too few for a z-test's normal
// approximation), with the false-discovery
// rate of all of them controlled by [BenjaminiHochberg] at [Returns].FDR
// (default [DefaultFDR], 5 %), so that many SKUs tested at once do not
// flag some by chance.
//
// # Errors and merging
//
// An invalid [Config] (a negative SLA, business hours outside the day) is
// reported by [Config.Validate], [Desk.Add] and [NewBusinessHours] as a
// *metrics.ConfigError naming the field, wrapping metrics.ErrConfig.
//
// [Desk.Merge] and [Returns.Merge] return a *metrics.MergeError, wrapping
// metrics.ErrIncompatible, and leave the receiver unchanged, when the two
// were set up differently: Desks with another SLA or other business hours,
// Returns with other reason rules (a reason would mean one thing in one and
// another in the other). [Durations] always merge, and their Merge returns
// nothing.
//
// # Encodings
//
// [Desk], [Returns] and [Durations] travel between processes as bytes
// (MarshalBinary, UnmarshalBinary: versioned, exact, equal state to equal
// bytes), so that shards counted on other machines merge into one. A Desk
// or Returns decodes only into one set up as the encoder's was (the same
// SLA and business hours, the same reason rules): the encoding records
// the setup to check it, and refuses another with a *metrics.MergeError,
// as Merge would. Bytes that are not such an encoding, or that encode
// counts no tickets or refunds make, are an error wrapping
// metrics.ErrCorrupt; decoding never panics. The encodings carry no
// checksum.
package service
