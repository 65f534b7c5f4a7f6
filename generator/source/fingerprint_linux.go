package source

import (
	"io/fs"
	"syscall"
)

func sysFingerprint(info fs.FileInfo) (fingerprint, bool) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return fingerprint{}, false
	}
	return fingerprint{Size: info.Size(), Mod: info.ModTime().UnixNano(), Change: st.Ctim.Nano(),
		Inode: st.Ino, Device: uint64(st.Dev)}, true
}
