package report

// parts returns the section parts of a Build, in the order they finish.
func parts() []part {
	return []part{&productsPart{}, &promotionsPart{}, &cohortPart{}, &servicePart{}, &channelsPart{}, &fulfilmentPart{}, &planPart{},
		&marketPart{}, &detailPagesPart{}, &categoriesPart{}, &suppliersPart{}, &campaignsPart{}, &profilePart{}, &membershipPart{}}
}
