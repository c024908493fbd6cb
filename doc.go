// Package shopmetrics computes e-commerce metrics exactly and fast, from raw
// orders, events, marketing spend, inventory and promotions, and joins them
// into a store operations review (店铺运营总结).
//
// The module is a set of packages, one per part of the review:
//
//   - metrics: undefined-safe ratios, periods, the order data model and the
//     core KPIs (sales, margin, AOV, CAC, LTV, repurchase); metrics/money
//     is the exact money layer and metrics/service measures tickets and
//     returns.
//   - funnel: conversion funnels, sessions and bounce from event streams.
//   - cohort: acquisition cohorts, retention, repurchase and RFM; cohort/clv
//     holds the probabilistic CLV models (BG/NBD, Pareto/NBD, Gamma-Gamma).
//   - promo: promotion ROI with baselines, incrementality, cannibalization
//     and pull-forward.
//   - inventory: turnover, days of inventory, sell-through, ABC/XYZ,
//     stock-outs, slow movers and reorder points.
//   - report: the review document, rendered as Markdown, HTML, JSON or text,
//     in Chinese or English.
//
// A short recipe: exact money that never loses a cent.
//
//	discount := money.MustNew("10.00", "CNY")
//	parts, err := discount.Split(3) // CNY 3.34, CNY 3.33, CNY 3.33
//
// The runnable main job is examples/review: go run ./examples/review.
package shopmetrics
