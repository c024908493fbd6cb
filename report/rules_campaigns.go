package report

import (
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// campaignVerdict reports each CRM campaign by the verdict of its gain's
// interval (METRICS.md "Verdict"), never by its point ROI alone: critical
// when the whole interval is below zero (stake: the loss, −Gain), a
// strength when it is above zero, information when it contains zero. A
// campaign whose cost is not known (Cost nil) has no gain: it is
// critical when the whole interval of its incremental gross profit is
// below zero (stake: the lost profit, a loss at least as large before the
// cost), information otherwise.
//
// An observational campaign (no random holdout: compared with the
// customers not sent it, by difference in differences) is weighed as
// such: its interval counts sampling error, not the difference between
// the customers chosen and the others, so a loss is a warning, not
// critical, and both a loss and a gain are said to appear, against the
// customers not sent it; the recommendation asks for a random holdout
// to confirm it, never to "keep" one it did not have.
func campaignVerdict(r *Review) []Finding {
	if r.Campaigns == nil {
		return nil
	}
	var out []Finding
	for _, c := range r.Campaigns.Items {
		name := c.Name
		ev := []Evidence{{Key: "campaign_incremental_profit", Subject: name, Value: c.IncrementalProfit},
			{Key: "campaign_gain", Subject: name, Value: c.Gain},
			{Key: "campaign_gain_low", Subject: name, Value: c.GainLow}, {Key: "campaign_gain_high", Subject: name, Value: c.GainHigh},
			{Key: "roi", Subject: name, Value: c.ROI}, {Key: "campaign_response", Subject: name, Value: metrics.RatioValue(c.Response)},
			{Key: "campaign_redemption", Subject: name, Value: metrics.RatioValue(c.Redemption)}}
		switch c.Verdict {
		case "does_not_pay":
			f := Finding{
				Section: SectionPromotions, Severity: Critical,
				Title: Say("CRM campaign %q did not pay: its incremental gross profit less its cost is %s, and the whole interval (%s to %s) is below zero.",
					"精准营销活动“%s”不划算：增量毛利扣除成本为%s，整个区间（%s至%s）都低于零。",
					DataArg(name), ValueArg(c.Gain), ValueArg(c.GainLow), ValueArg(c.GainHigh)),
				Evidence: ev,
				Recommendation: Say("Do not send %q again as it ran: target the customers who responded, cut its cost per contact, and keep a random holdout to measure the next one.",
					"不要按原方案再次发送“%s”：聚焦有响应的客户，降低单次触达成本，并保留随机对照组衡量下一次活动。", DataArg(name)),
				Stake: positive(loss(c.Gain)), StakeKind: StakeGrossProfit, Watch: metrics.KeyGrossMargin, CheckBy: CheckDate(r.Period, false),
			}
			switch {
			case c.Cost == nil && c.Randomised:
				f.Title = Say("CRM campaign %q did not pay: its incremental gross profit is %s, and the whole interval (%s to %s) is below zero before its cost, which is not recorded.",
					"精准营销活动“%s”不划算：增量毛利为%s，整个区间（%s至%s）在扣除成本（未记录）之前就已低于零。",
					DataArg(name), ValueArg(c.IncrementalProfit), ValueArg(c.ProfitLow), ValueArg(c.ProfitHigh))
				f.Recommendation = Say("Do not send %q again as it ran: target the customers who responded, record what it costs, and keep a random holdout to measure the next one.",
					"不要按原方案再次发送“%s”：聚焦有响应的客户，记录活动成本，并保留随机对照组衡量下一次活动。", DataArg(name))
				f.Stake = positive(loss(c.IncrementalProfit))
			case c.Cost == nil:
				f.Severity = Warning
				f.Title = Say("CRM campaign %q appears not to pay: against the customers not sent it (no random holdout), its incremental gross profit is %s, and the whole interval (%s to %s) is below zero before its cost, which is not recorded.",
					"精准营销活动“%s”看来不划算：与未收到该活动的客户相比（无随机对照组），增量毛利为%s，整个区间（%s至%s）在扣除成本（未记录）之前就已低于零。",
					DataArg(name), ValueArg(c.IncrementalProfit), ValueArg(c.ProfitLow), ValueArg(c.ProfitHigh))
				f.Recommendation = Say("Do not send %q again as it ran: target the customers who responded, record what it costs, and keep a random holdout of the list to confirm the loss (the customers chosen may differ from the others).",
					"不要按原方案再次发送“%s”：聚焦有响应的客户，记录活动成本，并从名单中随机保留对照组以确认亏损（入选客户可能本就不同于其他客户）。", DataArg(name))
				f.Stake = positive(loss(c.IncrementalProfit))
			case !c.Randomised:
				f.Severity = Warning
				f.Title = Say("CRM campaign %q appears not to pay: against the customers not sent it (no random holdout), its incremental gross profit less its cost is %s, and the whole interval (%s to %s) is below zero.",
					"精准营销活动“%s”看来不划算：与未收到该活动的客户相比（无随机对照组），增量毛利扣除成本为%s，整个区间（%s至%s）都低于零。",
					DataArg(name), ValueArg(c.Gain), ValueArg(c.GainLow), ValueArg(c.GainHigh))
				f.Recommendation = Say("Do not send %q again as it ran: target the customers who responded, cut its cost per contact, and keep a random holdout of the list to confirm the loss (the customers chosen may differ from the others).",
					"不要按原方案再次发送“%s”：聚焦有响应的客户，降低单次触达成本，并从名单中随机保留对照组以确认亏损（入选客户可能本就不同于其他客户）。", DataArg(name))
			}
			out = append(out, f)
		case "inconclusive":
			rec := Say("Before sending %q again, measure it so that it can be told: keep a random holdout of the list, large enough, and no offer for it.",
				"再次发送“%s”之前，先设计可判断效果的方案：从名单中随机保留足够大的对照组，不向其发送优惠。", DataArg(name))
			title := Say("The data cannot tell whether CRM campaign %q paid: its incremental gross profit less its cost is %s, but the interval (%s to %s) contains zero.",
				"无法判断精准营销活动“%s”是否划算：增量毛利扣除成本为%s，但区间（%s至%s）包含零。",
				DataArg(name), ValueArg(c.Gain), ValueArg(c.GainLow), ValueArg(c.GainHigh))
			if !c.GainLow.Defined() || !c.GainHigh.Defined() {
				// No interval to contain zero (costs missing, or too
				// little data): the section's notes say which.
				title = Say("The data cannot tell whether CRM campaign %q paid: its gain could not be estimated (the section's notes say why).",
					"无法判断精准营销活动“%s”是否划算：其收益无法估计（原因见本节说明）。", DataArg(name))
			}
			out = append(out, Finding{
				Section: SectionPromotions, Severity: Info,
				Title:    title,
				Evidence: ev, Recommendation: rec, Stake: metrics.Undefined(metrics.UnitMoney),
			})
		case "pays":
			f := Finding{
				Kind: Strength, Section: SectionPromotions, Severity: Info,
				Title: Say("CRM campaign %q paid: it earned %s after its cost, and the whole interval (%s to %s) is above zero.",
					"精准营销活动“%s”划算：扣除成本后盈利%s，整个区间（%s至%s）都高于零。",
					DataArg(name), ValueArg(c.Gain), ValueArg(c.GainLow), ValueArg(c.GainHigh)),
				Evidence: ev,
				Recommendation: Say("Send %q again to a list chosen the same way, keeping the random holdout to measure it.",
					"按同样方式选择名单再次发送“%s”，并继续保留随机对照组衡量效果。", DataArg(name)),
				Stake: metrics.Undefined(metrics.UnitMoney),
			}
			if !c.Randomised {
				f.Title = Say("CRM campaign %q appears to pay: against the customers not sent it (no random holdout), it earned %s after its cost, and the whole interval (%s to %s) is above zero.",
					"精准营销活动“%s”看来划算：与未收到该活动的客户相比（无随机对照组），扣除成本后盈利%s，整个区间（%s至%s）都高于零。",
					DataArg(name), ValueArg(c.Gain), ValueArg(c.GainLow), ValueArg(c.GainHigh))
				f.Recommendation = Say("Send %q again to a list chosen the same way, with a random holdout of the list this time to confirm the gain (the customers chosen may differ from the others).",
					"按同样方式选择名单再次发送“%s”，这次从名单中随机保留对照组以确认收益（入选客户可能本就不同于其他客户）。", DataArg(name))
			}
			out = append(out, f)
		}
	}
	return out
}

// loss returns −v of a money value, for positive; the zero Money when v
// is undefined.
func loss(v metrics.Value) (money.Money, error) {
	m, _ := v.Money()
	return m.Neg(), nil
}
