// Package store holds the loaded data in memory, compactly.
//
// Strings that repeat (street names, LSOA codes and names, stop-and-search
// wording) are interned once; categories and outcomes are one-byte codes;
// each distinct location is stored once and rows refer to it by number. Rows
// are kept in columns per force and month, so twenty million rows cost a few
// hundred megabytes rather than gigabytes.
//
// The store is written by one goroutine (the loader's merge step) and read
// concurrently by later stages once loading is done.
package store
