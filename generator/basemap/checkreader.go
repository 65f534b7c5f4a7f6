package basemap

import "io"

// Check checks the archive of size bytes behind r as CheckFile does, for
// an archive that is not a file of its own; its errors name no file.
func Check(r io.ReaderAt, size int64) (Info, error) { return check(r, size) }
