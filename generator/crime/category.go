package crime

// Category is a crime category code. 0 is never a valid category.
type Category uint8

// The categories data.police.uk publishes, in its order. Two categories were
// retired in 2013 but still appear in old archives.
const (
	_ Category = iota
	AntiSocialBehaviour
	BicycleTheft
	Burglary
	CriminalDamageArson
	Drugs
	OtherTheft
	PossessionOfWeapons
	PublicOrder
	Robbery
	Shoplifting
	TheftFromThePerson
	VehicleCrime
	ViolentCrime
	OtherCrime
	PublicDisorderWeapons // retired in May 2013
	NumCategories         // one past the last code; sizes per-category arrays
)

// CategoryInfo names a category the three ways the data does.
type CategoryInfo struct {
	Slug string // the API's url, e.g. "criminal-damage-arson"
	Name string // the street files' "Crime type", e.g. "Criminal damage and arson"
	// Retired categories only appear in old months and are hidden from
	// category lists where they have no crimes.
	Retired bool
}

var categories = [NumCategories]CategoryInfo{
	AntiSocialBehaviour:   {Slug: "anti-social-behaviour", Name: "Anti-social behaviour"},
	BicycleTheft:          {Slug: "bicycle-theft", Name: "Bicycle theft"},
	Burglary:              {Slug: "burglary", Name: "Burglary"},
	CriminalDamageArson:   {Slug: "criminal-damage-arson", Name: "Criminal damage and arson"},
	Drugs:                 {Slug: "drugs", Name: "Drugs"},
	OtherTheft:            {Slug: "other-theft", Name: "Other theft"},
	PossessionOfWeapons:   {Slug: "possession-of-weapons", Name: "Possession of weapons"},
	PublicOrder:           {Slug: "public-order", Name: "Public order"},
	Robbery:               {Slug: "robbery", Name: "Robbery"},
	Shoplifting:           {Slug: "shoplifting", Name: "Shoplifting"},
	TheftFromThePerson:    {Slug: "theft-from-the-person", Name: "Theft from the person"},
	VehicleCrime:          {Slug: "vehicle-crime", Name: "Vehicle crime"},
	ViolentCrime:          {Slug: "violent-crime", Name: "Violence and sexual offences"},
	OtherCrime:            {Slug: "other-crime", Name: "Other crime"},
	PublicDisorderWeapons: {Slug: "public-disorder-weapons", Name: "Public disorder and weapons", Retired: true},
}

// Info returns the names of a category.
func (c Category) Info() CategoryInfo { return categories[c] }

// Slug returns the category's data.police.uk slug.
func (c Category) Slug() string { return categories[c].Slug }

// String returns the category's name as the street files spell it.
func (c Category) String() string { return categories[c].Name }

// Categories lists every category code in publication order.
func Categories() []Category {
	out := make([]Category, 0, NumCategories-1)
	for c := Category(1); c < NumCategories; c++ {
		out = append(out, c)
	}
	return out
}

var categoryByName = func() map[string]Category {
	m := make(map[string]Category, 2*NumCategories)
	for _, c := range Categories() {
		m[c.String()] = c
		m[c.Slug()] = c
	}
	// Before 2013 the street files spelled violent crime this way.
	m["Violent crime"] = ViolentCrime
	return m
}()

// ParseCategory returns the category for a "Crime type" value or a slug.
// The byte-slice map lookup does not allocate.
func ParseCategory(b []byte) (Category, bool) {
	c, ok := categoryByName[string(b)]
	return c, ok
}
