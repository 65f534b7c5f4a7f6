package downloads

import (
	"crypto/sha256"
	"encoding/hex"
	"sync/atomic"
)

// counters are shared by the workers of the archives.
type counters struct {
	compressed, rawCopied atomic.Int64
}

func sha256Hex(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}
