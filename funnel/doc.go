// Package funnel computes conversion funnels, sessions, visitors and bounce
// rates from streams of user events.
package funnel
