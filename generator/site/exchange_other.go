//go:build !linux

package site

import "errors"

// exchange is Linux's atomic swap of two folders; elsewhere swap falls back
// to two renames.
func exchange(a, b string) error { return errors.ErrUnsupported }
