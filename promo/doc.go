// Package promo measures promotions: baselines, incremental sales and gross
// profit, ROI, cannibalization, halo and pull-forward, and calendar effects.
package promo
