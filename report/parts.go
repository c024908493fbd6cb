package report

// parts returns the section parts of a Build, in the order they finish.
func parts() []part {
	return []part{&productsPart{}, &promotionsPart{}, &cohortPart{}, &servicePart{}, &channelsPart{}, &fulfilmentPart{}, &planPart{},
		&marketPart{}, &detailPagesPart{}, &categoriesPart{}, &suppliersPart{}, &campaignsPart{}, &profilePart{}, &membershipPart{}}
}

// partOf returns the builder's part of type P, the zero P (nil) without
// one.
func partOf[P part](b *builder) P {
	for _, x := range b.parts {
		if p, ok := x.(P); ok {
			return p
		}
	}
	var zero P
	return zero
}
