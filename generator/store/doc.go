// Package store holds the loaded data compactly.
//
// Strings that repeat (street names, LSOA codes and names, stop-and-search
// wording) are interned once; categories and outcomes are one-byte codes;
// each distinct location is stored once and rows refer to it by number. Rows
// are kept in columns per force and month.
//
// What stays in memory grows with the distinct locations, strings and
// areas, not with the rows: a build releases each table's columns to a
// Spill file as it loads them, and its Crime IDs to the parse cache, and a
// stage reads a table back (Rows, WithIDs) only while it works on it.
//
// The store is written by one goroutine (the loader's merge step) and read
// concurrently by later stages once loading is done.
package store
