package charts

import (
	"fmt"
	"math"
)

// months returns n month labels from Jan 2023.
func months(n int) []string {
	names := [...]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s %d", names[i%12], 2023+i/12)
	}
	return out
}

// sampleTrend is 36 months of a force's crimes with a gap of two months
// (the force published nothing) and a single missing month.
func sampleTrend() Trend {
	pts := make([]Point, 36)
	for i, l := range months(36) {
		v := 11000 + 1500*math.Sin(float64(i)/12*2*math.Pi) + float64(i*37%500)
		pts[i] = Point{Label: l, Value: math.Round(v)}
	}
	pts[28].Missing, pts[29].Missing = true, true
	pts[9].Missing = true
	return Trend{ID: "force-trend", Title: "Crimes recorded each month", YLabel: "Crimes", Points: pts}
}

// sampleBars is a month's crimes by category in one force.
func sampleBars() Bars {
	return Bars{ID: "force-categories", Title: "Crimes by category, December 2025", Bars: []Bar{
		{"Violence and sexual offences", 4123},
		{"Anti-social behaviour", 2876},
		{"Shoplifting", 1204},
		{"Criminal damage and arson", 1010},
		{"Public order", 987},
		{"Other theft", 765},
		{"Vehicle crime", 654},
		{"Burglary", 543},
		{"Drugs", 321},
		{"Theft from the person", 123},
		{"Bicycle theft", 98},
		{"Possession of weapons", 76},
		{"Robbery", 54},
		{"Other crime", 0},
	}}
}
