package sample

import (
	"math/rand/v2"
	"strconv"
	"strings"
)

// Names are made from parts so that they read like British places without
// being real ones. Welsh forces get Welsh parts, with their non-ASCII letters
// (ŵ, ŷ, ô), because the real files have them and loaders must cope.

var (
	engTownA = []string{"Ash", "Brad", "Kirk", "Thorn", "Wood", "Stan", "Mar", "Hal", "Bur", "Dun",
		"Fen", "Gran", "Hol", "Lang", "Mel", "New", "Old", "Red", "Shel", "Whit", "Win", "Alder",
		"Bex", "Chat", "Dart", "Elm", "Good", "Hare", "Ivy", "King", "Long", "Mill", "Nor", "Oak",
		"Pen", "Rock", "Sand", "Sut", "Tal", "Up", "Wes", "Wick", "Aston", "Bram", "Cal", "Dal",
		"Eding", "Farn", "Gild", "Hamble", "Ick", "Kel", "Lyd", "Moss", "Nether", "Ormes", "Pad",
		"Quen", "Rams", "Sedge", "Tad", "Ulver", "Wem", "Yel", "Brox", "Crom", "Ditch", "East",
		"Frod", "Glos", "Hep", "Keld", "Lox", "Mable", "Pick", "Ribble", "Stow", "Thack"}
	engTownB = []string{"ford", "ley", "by", "ton", "ham", "field", "bury", "wich", "worth",
		"stead", "mouth", "combe", "dale", "borough", "caster", "well", "bridge", "port", "hurst",
		"minster", "thorpe", "wood", "cliffe", "den", "gate", "holme", "marsh", "more", "sett",
		"stow", "wick", "haven", "brook", "chester", "ing", "low"}
	welshTownA = []string{"Llan", "Aber", "Pont", "Cwm", "Tre", "Pen", "Caer", "Bryn", "Maes",
		"Glyn", "Nant", "Rhos", "Ystrad", "Bett", "Llys", "Castell", "Hen", "Dol", "Rhyd", "Coed"}
	welshTownB = []string{"dŵr", "gwyn", "fawr", "fach", "rhyd", "ewi", "deilo", "elli", "tawe",
		"goch", "wen", "dyfri", "aeron", "ystwyth", "garth", "bedw", "hafod", "y-wern", "gelli", "ŷd"}
	niTownA = []string{"Bally", "Carrick", "Dun", "Derry", "Ennis", "Kil", "Lis", "Mag", "Port",
		"Strab", "Bann", "Castle", "Clough", "Drum", "Glen", "Knock", "Rath", "Tully", "Augh", "Cool"}
	niTownB = []string{"mena", "fergus", "gannon", "keel", "burn", "rea", "ane", "more", "ady",
		"garvan", "derg", "naskea", "beg", "lin", "nagh", "carn", "brack", "dowey", "lough", "vady"}
)

// townName makes a town name for a country.
func townName(r *rand.Rand, country byte) string {
	switch country {
	case 'W':
		return welshTownA[r.IntN(len(welshTownA))] + welshTownB[r.IntN(len(welshTownB))]
	case 'N':
		return niTownA[r.IntN(len(niTownA))] + niTownB[r.IntN(len(niTownB))]
	}
	a, b := engTownA[r.IntN(len(engTownA))], engTownB[r.IntN(len(engTownB))]
	// A doubled letter at the joint ("Redd...") reads badly; drop one.
	if a[len(a)-1] == b[0] {
		b = b[1:]
	}
	name := a + b
	switch r.IntN(14) {
	case 0:
		name = "Great " + name
	case 1:
		name = "Market " + name
	case 2:
		name += " on Sea"
	}
	return name
}

var (
	streetBase = []string{"High", "Station", "Church", "Mill", "Park", "Victoria", "Queen", "King",
		"Albert", "Chapel", "School", "North", "South", "West", "East", "Manor", "Green", "Bridge",
		"Market", "New", "Main", "Grove", "Orchard", "Meadow", "Willow", "Oak", "Elm", "Ash", "Beech",
		"Cedar", "Holly", "Rose", "Hill", "Castle", "Abbey", "Priory", "Springfield", "Richmond",
		"Windsor", "York", "Stanley", "Cross", "Brook", "Forest", "Heath", "Moor", "Lake", "River",
		"Canal", "Dale", "Valley", "Chestnut", "Hawthorn", "Rowan", "Sycamore", "Larch", "Lime",
		"Poplar", "Clarence", "Gladstone", "Nelson", "Trinity", "Vicarage", "Rectory", "Farm",
		"Coronation", "Jubilee", "Princes", "Regent", "Kingsway", "Fairfield", "Westfield",
		"Highfield", "Greenway", "Parkside", "Woodland", "Broad", "Long", "Back", "Front", "Low",
		"Nursery", "Quarry", "Hall", "Tower", "Mount", "Albion", "Lansdowne", "Cavendish"}
	streetType = []string{"Street", "Road", "Lane", "Avenue", "Close", "Drive", "Way", "Crescent",
		"Place", "Court", "Gardens", "Terrace", "Walk", "Row", "Grove", "Hill", "View", "Rise",
		"Mews", "Square", "Park", "Green", "Fold", "Croft"}
	// Saints' names come out of police.uk's title-casing as "St Mary'S Road";
	// the real files have that quirk, so the sample does too.
	saints     = []string{"Mary'S", "John'S", "Peter'S", "Andrew'S", "Michael'S", "George'S", "Martin'S"}
	welshFirst = []string{"Heol", "Ffordd", "Stryd", "Lôn", "Maes", "Pant", "Bryn", "Cae", "Rhodfa", "Teras"}
	welshLast  = []string{"Y Dŵr", "Y Dre", "Y Parc", "Fawr", "Las", "Celyn", "Glas", "Y Castell",
		"Yr Eglwys", "Y Felin", "Derw", "Gwyn", "Y Bont", "Tŷ Gwyn", "Newydd", "Y Cwm", "Uchaf", "Isaf"}
	// landmarks are the key locations police.uk snaps to, named as the
	// published files describe them.
	landmarks = []string{"Parking Area", "Supermarket", "Shopping Area", "Petrol Station",
		"Nightclub", "Sports/Recreation Area", "Further/Higher Educational Building", "Hospital",
		"Police Station", "Conference/Exhibition Centre", "Theatre/Concert Hall",
		"Pedestrian Subway", "Bus/Coach Station", "Park/Open Space"}
)

// stationName describes a railway station, a key location like the
// landmarks; the transport police publish at them.
const stationName = "Railway Station"

// streetName makes a street name near a town.
func streetName(r *rand.Rand, country byte, town string) string {
	if country == 'W' && r.IntN(3) > 0 {
		return welshFirst[r.IntN(len(welshFirst))] + " " + welshLast[r.IntN(len(welshLast))]
	}
	switch r.IntN(40) {
	case 0:
		return townRoot(town) + " Road"
	case 1:
		return "St " + saints[r.IntN(len(saints))] + " " + streetType[r.IntN(4)]
	case 2:
		return "A" + strconv.Itoa(1+r.IntN(699))
	case 3:
		return "B" + strconv.Itoa(1000+r.IntN(8000))
	}
	return streetBase[r.IntN(len(streetBase))] + " " + streetType[r.IntN(len(streetType))]
}

// townRoot strips the "Great"/"Market"/"on Sea" decorations.
func townRoot(t string) string {
	t = strings.TrimPrefix(t, "Great ")
	t = strings.TrimPrefix(t, "Market ")
	return strings.TrimSuffix(t, " on Sea")
}

// localNames name the neighbourhoods of one district, in order.
var localNames = []string{"Central", "North", "South", "East", "West", "Abbey", "Castle",
	"Riverside", "Park", "Priory", "Meadows", "Hillside", "Moorside", "Green", "Heath",
	"Village", "Rural", "Fields", "Valley", "Bridge", "Common", "Woodlands", "Grange", "Mill"}

func localName(k int) string {
	s := localNames[k%len(localNames)]
	if k >= len(localNames) {
		s += " " + strconv.Itoa(k/len(localNames)+1)
	}
	return s
}

var (
	firstNames = []string{"Sarah", "James", "Emma", "David", "Claire", "Mark", "Rachel", "Paul",
		"Helen", "Andrew", "Laura", "Simon", "Joanne", "Gareth", "Siân", "Rhys", "Ciara", "Sean",
		"Aisha", "Imran", "Priya", "Tom", "Kate", "Daniel", "Nicola", "Lee", "Amy", "Chris"}
	lastNames = []string{"Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson",
		"Davies", "Evans", "Thomas", "Roberts", "Walker", "Wright", "Hughes", "Green", "Hall",
		"Wood", "Clarke", "Patel", "Khan", "O'Neill", "Murphy", "Lewis", "Morgan", "Price"}
	ranks = []string{"Inspector", "Sergeant", "Police Constable", "PCSO", "PCSO", "Police Constable"}
)

func personName(r *rand.Rand) string {
	return firstNames[r.IntN(len(firstNames))] + " " + lastNames[r.IntN(len(lastNames))]
}

// slugify makes a lower-case, hyphenated identifier for e-mail addresses
// and links. Non-ASCII letters are dropped, which is fine for addresses in
// an example domain.
func slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, c := range strings.ToLower(s) {
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			b.WriteRune(c)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}
