module github.com/crimemap/crimemap

go 1.26.8

require (
	github.com/paulmach/orb v0.14.0
	github.com/spf13/pflag v1.0.10
	golang.org/x/text v0.43.0
	golang.org/x/tools v0.52.0
)

require (
	github.com/aymerick/douceur v0.2.0 // indirect
	github.com/evanw/esbuild v0.28.2
	github.com/gogo/protobuf v1.3.2 // indirect
	github.com/gorilla/css v1.0.1 // indirect
	github.com/microcosm-cc/bluemonday v1.0.27
	github.com/paulmach/protoscan v0.2.1 // indirect
	github.com/yuin/goldmark v1.8.7
	go.mongodb.org/mongo-driver/v2 v2.5.0 // indirect
	golang.org/x/net v0.62.0 // indirect
	golang.org/x/sys v0.49.0 // indirect
)
