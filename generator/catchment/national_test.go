package catchment

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/paulmach/orb"
)

// nationalForces is a synthetic input of national size: 44 forces in a
// grid over Great Britain, each with a boundary of some hundreds of
// vertices, about 700,000 published snap points clustered in towns and
// 160,000 others. month moves a few hundred points between the two, as a
// new month of data does. Without a gazetteer the others are left out,
// so that a month adds and removes snap points.
func nationalForces(month int, gazetteer bool) []Force {
	const cols, rows = 11, 4
	var forces []Force
	for k := range cols * rows {
		r := rand.New(rand.NewPCG(uint64(k), 7))
		lon0 := -5.5 + float64(k%cols)*0.65
		lat0 := 50.5 + float64(k/cols)*1.1
		// A wavy boundary inside the grid square.
		var ring orb.Ring
		const n = 400
		for i := range n {
			a := 2 * math.Pi * float64(i) / n
			rad := 0.3 + 0.02*math.Sin(7*a+float64(k)) + 0.01*r.Float64()
			ring = append(ring, orb.Point{lon0 + 0.32 + rad*math.Cos(a), lat0 + 0.55 + 1.6*rad*math.Sin(a)})
		}
		ring = append(ring, ring[0])
		f := Force{Slug: string(rune('a'+k/26)) + string(rune('a'+k%26)), Shape: orb.MultiPolygon{{ring}}}
		var all []Point
		towns := 8 + r.IntN(8)
		for range 19_500 {
			var lon, lat float64
			if r.IntN(5) == 0 {
				lon, lat = lon0+0.05+r.Float64()*0.55, lat0+0.1+r.Float64()*0.9
			} else {
				t := rand.New(rand.NewPCG(uint64(k), uint64(r.IntN(towns))))
				cx, cy := lon0+0.15+t.Float64()*0.35, lat0+0.25+t.Float64()*0.6
				s := 0.01 + t.Float64()*0.03
				lon, lat = cx+r.NormFloat64()*s, cy+r.NormFloat64()*s
			}
			all = append(all, pt(lon, lat))
		}
		byPoint := func(a, b Point) int { return cmp.Or(cmp.Compare(a.Lon, b.Lon), cmp.Compare(a.Lat, b.Lat)) }
		slices.SortFunc(all, byPoint)
		all = slices.Compact(all)
		// About one in five published nothing; a month publishes at a
		// few of those and no longer at a few others.
		m := rand.New(rand.NewPCG(uint64(k), uint64(1000+month)))
		for i, p := range all {
			other := (i*2654435761)%5 == 0
			if month > 0 && m.IntN(2000) == 0 {
				other = !other
			}
			switch {
			case !other:
				f.Points = append(f.Points, p)
			case gazetteer:
				f.Others = append(f.Others, p)
			}
		}
		forces = append(forces, f)
	}
	return forces
}
