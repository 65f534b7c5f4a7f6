package site

import (
	"encoding/json"

	"github.com/crimemap/crimemap/generator/i18n"
	"github.com/crimemap/crimemap/generator/source"
	"github.com/crimemap/crimemap/generator/store"
	"github.com/crimemap/crimemap/generator/validate"
)

// ReportPath is the build report's path in the site.
const ReportPath = "data/build-report.json"

// buildReport is public/data/build-report.json: what was read and every
// problem, counted by force, month and reason, with examples. It holds no
// timestamps, so the same input gives the same file.
type buildReport struct {
	Files    int                `json:"files"`
	Rows     int                `json:"rows"`
	Kept     int                `json:"kept"`
	Excluded int                `json:"excluded"`
	Warnings int                `json:"warnings"`
	Months   []string           `json:"months"`
	Missing  []missingMonth     `json:"missing"`
	Counts   []validate.Count   `json:"counts"`
	Examples []validate.Problem `json:"examples"`
	// Translations are the messages a language lacked, shown in English
	// or as their key instead; --strict fails on any.
	Translations []string `json:"translations"`
}

type missingMonth struct {
	Force string `json:"force"`
	Month string `json:"month"`
}

func reportJSON(st *store.Store, stats source.Stats, r *validate.Report, gaps []i18n.Problem) ([]byte, error) {
	br := buildReport{Files: stats.Files, Rows: stats.Rows, Kept: stats.Kept, Excluded: stats.Excluded,
		Warnings: r.Total(validate.Warning), Counts: r.Counts(), Examples: r.Examples(),
		Months: []string{}, Missing: []missingMonth{}, Translations: []string{}}
	for _, p := range gaps {
		br.Translations = append(br.Translations, p.Error())
	}
	for _, m := range st.Months() {
		br.Months = append(br.Months, m.String())
	}
	for _, f := range st.Forces {
		for _, m := range f.Missing {
			br.Missing = append(br.Missing, missingMonth{f.Slug, m.String()})
		}
	}
	if br.Counts == nil {
		br.Counts = []validate.Count{}
	}
	if br.Examples == nil {
		br.Examples = []validate.Problem{}
	}
	b, err := json.MarshalIndent(br, "", "  ")
	return append(b, '\n'), err
}
