// MapLibre's web worker, bundled as its own file so that the map script can
// point MapLibre at it (setWorkerUrl) and no blob: worker is needed, which a
// strict content security policy would refuse. Re-exporting keeps the
// module whole: MapLibre marks itself free of side effects, so a bare
// import would be dropped.
export { default } from "maplibre-gl/dist/maplibre-gl-worker.mjs";
