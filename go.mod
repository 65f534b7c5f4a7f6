module github.com/crimemap/crimemap

go 1.26.8
