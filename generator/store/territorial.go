package store

// Territorial reports whether the force polices a territory where people
// live. British Transport Police polices the railways across the other
// forces' territories: it has no residents of its own, so a rate per
// resident means nothing for it, and its "neighbourhoods" are stretches of
// railway, not places a resident would call theirs. Its slug is "btp" in
// the data.police.uk archive.
func (f *Force) Territorial() bool {
	return f.Slug != "btp" && f.Slug != "british-transport-police"
}
