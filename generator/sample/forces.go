package sample

// forceSpec is one police force as the generator models it. The bounding
// boxes are the real force areas' extents, rounded; the monthly volumes are
// of the real order of magnitude, so that relative sizes look right (the
// Metropolitan Police biggest, the City of London tiny).
type forceSpec struct {
	Slug, Name string
	// MinLon, MinLat, MaxLon, MaxLat bound the area the force may claim.
	// Transport police have no area of their own.
	MinLon, MinLat, MaxLon, MaxLat float64
	Rows                           int      // street records a month at national scale, before scaling
	Areas                          []string // postcode areas, disjoint between forces
	Country                        byte     // 'E' England, 'W' Wales, 'N' Northern Ireland, 0 transport
}

// Kinds of force that publish differently.
func (s *forceSpec) transport() bool { return s.Country == 0 }
func (s *forceSpec) ni() bool        { return s.Country == 'N' }

// hasIDs reports whether the force publishes Crime IDs and so outcomes.
// British Transport Police and the Police Service of Northern Ireland do not.
func (s *forceSpec) hasIDs() bool { return s.Country == 'E' || s.Country == 'W' }

// territorial reports whether the force has an area, boundaries and
// neighbourhoods.
func (s *forceSpec) territorial() bool { return !s.transport() }

// The slugs the generator gives special treatment, named once.
const (
	slugBTP        = "btp"
	slugNI         = "northern-ireland"
	slugGMP        = "greater-manchester"
	slugCRLF       = "dyfed-powys" // the force whose files use CRLF line endings
	slugOldWording = "dyfed-powys" // the force still using old stop-and-search wording early on
	slugCity       = "city-of-london"
	slugMet        = "metropolitan"
)

// nationalForces is every force data.police.uk publishes, in slug order.
var nationalForces = []forceSpec{
	{"avon-and-somerset", "Avon and Somerset Constabulary", -3.839, 50.821, -2.245, 51.682, 16000, []string{"BS", "BA", "TA"}, 'E'},
	{"bedfordshire", "Bedfordshire Police", -0.702, 51.805, -0.144, 52.323, 5500, []string{"LU", "MK"}, 'E'},
	{"btp", "British Transport Police", 0, 0, 0, 0, 5000, nil, 0},
	{"cambridgeshire", "Cambridgeshire Constabulary", -0.499, 52.006, 0.514, 52.739, 7000, []string{"CB", "PE"}, 'E'},
	{"cheshire", "Cheshire Constabulary", -3.104, 52.947, -1.975, 53.481, 8500, []string{"CH", "CW", "WA"}, 'E'},
	{"city-of-london", "City of London Police", -0.112, 51.507, -0.079, 51.522, 750, []string{"EC"}, 'E'},
	{"cleveland", "Cleveland Police", -1.451, 54.464, -0.792, 54.727, 8000, []string{"TS"}, 'E'},
	{"cumbria", "Cumbria Constabulary", -3.639, 54.047, -2.159, 55.189, 3300, []string{"CA", "LA"}, 'E'},
	{"derbyshire", "Derbyshire Constabulary", -2.034, 52.699, -1.166, 53.540, 9000, []string{"DE"}, 'E'},
	{"devon-and-cornwall", "Devon & Cornwall Police", -5.750, 49.950, -2.887, 51.246, 12000, []string{"EX", "PL", "TQ", "TR"}, 'E'},
	{"dorset", "Dorset Police", -2.961, 50.517, -1.682, 51.080, 5000, []string{"DT", "BH"}, 'E'},
	{"durham", "Durham Constabulary", -2.356, 54.452, -1.242, 54.919, 6000, []string{"DH", "DL"}, 'E'},
	{"dyfed-powys", "Dyfed-Powys Police", -5.353, 51.597, -2.950, 52.902, 3600, []string{"SA", "LD", "SY"}, 'W'},
	{"essex", "Essex Police", -0.020, 51.452, 1.297, 52.093, 17000, []string{"CM", "CO", "SS"}, 'E'},
	{"gloucestershire", "Gloucestershire Constabulary", -2.688, 51.578, -1.615, 52.113, 4500, []string{"GL"}, 'E'},
	{"greater-manchester", "Greater Manchester Police", -2.731, 53.327, -1.910, 53.686, 33000, []string{"M", "BL", "OL", "SK", "WN"}, 'E'},
	{"gwent", "Gwent Police", -3.334, 51.502, -2.650, 51.983, 5500, []string{"NP"}, 'W'},
	{"hampshire", "Hampshire Constabulary", -1.957, 50.575, -0.729, 51.384, 17000, []string{"SO", "PO"}, 'E'},
	{"hertfordshire", "Hertfordshire Constabulary", -0.745, 51.600, 0.196, 52.081, 9000, []string{"AL", "SG", "WD"}, 'E'},
	{"humberside", "Humberside Police", -1.104, 53.434, 0.148, 54.177, 10000, []string{"HU", "DN"}, 'E'},
	{"kent", "Kent Police", 0.034, 50.913, 1.446, 51.487, 18000, []string{"CT", "ME", "TN", "DA"}, 'E'},
	{"lancashire", "Lancashire Constabulary", -3.057, 53.484, -2.046, 54.240, 14000, []string{"PR", "BB", "FY"}, 'E'},
	{"leicestershire", "Leicestershire Police", -1.598, 52.392, -0.430, 52.977, 9000, []string{"LE"}, 'E'},
	{"lincolnshire", "Lincolnshire Police", -0.821, 52.640, 0.356, 53.614, 5500, []string{"LN"}, 'E'},
	{"merseyside", "Merseyside Police", -3.200, 53.297, -2.577, 53.698, 14000, []string{"L"}, 'E'},
	{"metropolitan", "Metropolitan Police Service", -0.510, 51.287, 0.334, 51.692, 95000,
		[]string{"E", "N", "SE", "SW", "W", "NW", "WC", "BR", "CR", "EN", "HA", "IG", "KT", "RM", "SM", "TW", "UB"}, 'E'},
	{"norfolk", "Norfolk Constabulary", 0.154, 52.355, 1.740, 52.987, 6000, []string{"NR"}, 'E'},
	{"north-wales", "North Wales Police", -4.802, 52.541, -2.724, 53.430, 5500, []string{"LL"}, 'W'},
	{"north-yorkshire", "North Yorkshire Police", -2.565, 53.621, -0.213, 54.558, 5500, []string{"YO", "HG"}, 'E'},
	{"northamptonshire", "Northamptonshire Police", -1.332, 51.977, -0.342, 52.642, 6500, []string{"NN"}, 'E'},
	{"northern-ireland", "Police Service of Northern Ireland", -8.180, 54.020, -5.430, 55.310, 9000, []string{"BT"}, 'N'},
	{"northumbria", "Northumbria Police", -2.690, 54.782, -1.347, 55.811, 15000, []string{"NE", "SR"}, 'E'},
	{"nottinghamshire", "Nottinghamshire Police", -1.344, 52.789, -0.667, 53.503, 9500, []string{"NG"}, 'E'},
	{"south-wales", "South Wales Police", -4.309, 51.381, -3.069, 51.835, 13000, []string{"CF"}, 'W'},
	{"south-yorkshire", "South Yorkshire Police", -1.822, 53.302, -0.865, 53.659, 14000, []string{"S"}, 'E'},
	{"staffordshire", "Staffordshire Police", -2.471, 52.424, -1.585, 53.226, 8500, []string{"ST", "WS"}, 'E'},
	{"suffolk", "Suffolk Constabulary", 0.340, 51.933, 1.764, 52.550, 5000, []string{"IP"}, 'E'},
	{"surrey", "Surrey Police", -0.849, 51.071, 0.058, 51.472, 7000, []string{"GU", "RH"}, 'E'},
	{"sussex", "Sussex Police", -0.958, 50.723, 0.868, 51.167, 14000, []string{"BN"}, 'E'},
	{"thames-valley", "Thames Valley Police", -1.719, 51.329, -0.477, 52.195, 18000, []string{"OX", "RG", "HP", "SL"}, 'E'},
	{"warwickshire", "Warwickshire Police", -1.960, 51.955, -1.175, 52.687, 4500, []string{"CV"}, 'E'},
	{"west-mercia", "West Mercia Police", -3.236, 51.826, -1.758, 52.998, 10000, []string{"WR", "HR", "TF"}, 'E'},
	{"west-midlands", "West Midlands Police", -2.207, 52.348, -1.424, 52.663, 30000, []string{"B", "WV", "DY"}, 'E'},
	{"west-yorkshire", "West Yorkshire Police", -2.173, 53.520, -1.199, 53.963, 30000, []string{"LS", "BD", "HX", "HD", "WF"}, 'E'},
	{"wiltshire", "Wiltshire Police", -2.365, 50.945, -1.486, 51.703, 4500, []string{"SN", "SP"}, 'E'},
}

func specBySlug(slug string) *forceSpec {
	for i := range nationalForces {
		if nationalForces[i].Slug == slug {
			return &nationalForces[i]
		}
	}
	panic("sample: no force " + slug)
}

// forcePlan is how big one force is at the chosen scale.
type forcePlan struct {
	spec           *forceSpec
	rows           int // street records in an average month
	stops          int // stop-and-search records in an average month
	snaps          int // snap points, stations included
	neighbourhoods int
	towns          int
	stations       int
}

// scale describes one of the two dataset sizes.
type scale struct {
	name     string
	months   int // default number of months
	plans    []forcePlan
	copies   int // how many copies of each planted bad row
	postcode int // postcodes per neighbourhood
	minSnaps int // fewest snap points a neighbourhood may have
	// basemap says whether the scale gets reference/basemap.pmtiles. The
	// national one would take about 20 s and 78 MB but half a gigabyte
	// more memory at its peak, on top of the data files being written.
	basemap bool
}

// smallScale is a handful of forces chosen to show every quirk: a force
// with missing months (Greater Manchester), one written with CRLF and Welsh
// names (Dyfed-Powys), one without LSOAs or Crime IDs (Northern Ireland), the
// transport police, and an ordinary county force (Cumbria).
func smallScale() scale {
	return scale{
		name:   "small",
		months: 13,
		plans: []forcePlan{
			{spec: specBySlug("cumbria"), rows: 1800, stops: 60, snaps: 1100, neighbourhoods: 12, towns: 5, stations: 9},
			{spec: specBySlug("dyfed-powys"), rows: 1800, stops: 50, snaps: 1100, neighbourhoods: 12, towns: 5, stations: 8},
			{spec: specBySlug("greater-manchester"), rows: 3600, stops: 150, snaps: 1600, neighbourhoods: 18, towns: 6, stations: 16},
			{spec: specBySlug("northern-ireland"), rows: 2400, snaps: 1000, neighbourhoods: 12, towns: 5},
			{spec: specBySlug("btp"), rows: 350, stops: 20},
		},
		copies:   1,
		postcode: 4,
		minSnaps: 8,
		basemap:  true,
	}
}

// National targets: about 550,000 street records, 45,000 stop-and-search
// records, 750,000 snap points, 4,500 neighbourhoods and 2,500 stations.
const (
	nationalRows     = 550000
	nationalStops    = 45000
	nationalSnaps    = 750000
	nationalNbhds    = 4500
	nationalStations = 2500
)

// nationalScale sizes every force from its share of records and of area.
// Area matters because countryside has streets (snap points) and
// neighbourhoods even where it has little crime. areaCells gives a force's
// area in grid cells; it comes from the geography, which is built first.
func nationalScale(areaCells func(slug string) int) scale {
	var rowSum, cellSum, stopSum float64
	for i := range nationalForces {
		s := &nationalForces[i]
		rowSum += float64(s.Rows)
		cellSum += float64(areaCells(s.Slug))
		stopSum += float64(s.Rows) * stopBoost(s.Slug)
	}
	sc := scale{name: "national", months: 36, copies: 4, postcode: 3, minSnaps: 10}
	for i := range nationalForces {
		s := &nationalForces[i]
		rowShare := float64(s.Rows) / rowSum
		areaShare := float64(areaCells(s.Slug)) / cellSum
		p := forcePlan{
			spec:  s,
			rows:  int(nationalRows*rowShare + 0.5),
			stops: int(nationalStops*float64(s.Rows)*stopBoost(s.Slug)/stopSum + 0.5),
		}
		if s.territorial() {
			mixed := 0.75*rowShare + 0.25*areaShare
			p.snaps = int(nationalSnaps*(0.6*rowShare+0.4*areaShare) + 0.5)
			p.neighbourhoods = max(3, int(nationalNbhds*mixed+0.5))
			p.towns = min(40, max(3, 2+s.Rows/3000+areaCells(s.Slug)/1500))
			if s.hasIDs() {
				p.stations = max(p.towns, int(nationalStations*rowShare+0.5))
			}
		}
		if s.ni() {
			p.stops = 0 // PSNI stop and search is not on data.police.uk
		}
		sc.plans = append(sc.plans, p)
	}
	return sc
}

// stopBoost weights stop and search towards the forces that do most of it.
func stopBoost(slug string) float64 {
	switch slug {
	case slugMet:
		return 2.5
	case slugCity:
		return 1.5
	case slugNI:
		return 0
	}
	return 1
}
