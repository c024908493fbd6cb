// Package inventory computes inventory health: turnover, days of inventory,
// sell-through, ABC/XYZ classes, stock-outs, slow movers and replenishment.
package inventory
