// Reads a crimemap PMTiles archive with the npm pmtiles package, the code the
// browser runs, and decodes its vector tiles with @mapbox/vector-tile. It
// finds the tiles on its own, from zoom 0 down through the children of every
// tile found (a lower zoom aggregates the one above it, so no tile is
// missed), and prints per layer and zoom the tiles, features and sum of `n`
// as JSON. The Go tests compare that with what the build counted.
//
//   node assets/test/readback.mjs public/tiles/crimes-2025-01-<key>.pmtiles
import { open } from "node:fs/promises";
import { PMTiles } from "pmtiles";
import { VectorTile } from "@mapbox/vector-tile";
import { PbfReader } from "pbf";

class FileSource {
  constructor(path, handle) {
    this.path = path;
    this.handle = handle;
  }
  getKey() {
    return this.path;
  }
  async getBytes(offset, length) {
    const buf = Buffer.alloc(length);
    const { bytesRead } = await this.handle.read(buf, 0, length, offset);
    const data = buf.buffer.slice(buf.byteOffset, buf.byteOffset + bytesRead);
    return { data };
  }
}

const path = process.argv[2];
const handle = await open(path, "r");
const archive = new PMTiles(new FileSource(path, handle));
const header = await archive.getHeader();
const metadata = await archive.getMetadata();

const layers = {};
let largest = 0;
let queue = [[0, 0, 0]];
for (let z = 0; z <= header.maxZoom; z++) {
  const next = [];
  for (const [tz, x, y] of queue) {
    const res = await archive.getZxy(tz, x, y);
    if (!res) continue;
    largest = Math.max(largest, res.data.byteLength);
    const tile = new VectorTile(new PbfReader(new Uint8Array(res.data)));
    for (const name of Object.keys(tile.layers)) {
      const layer = tile.layers[name];
      const byZoom = (layers[name] ??= {});
      const s = (byZoom[tz] ??= { tiles: 0, features: 0, sum: 0 });
      s.tiles++;
      for (let i = 0; i < layer.length; i++) {
        const f = layer.feature(i);
        s.features++;
        s.sum += f.properties.n ?? 0;
      }
    }
    if (tz < header.maxZoom) {
      next.push([tz + 1, 2 * x, 2 * y], [tz + 1, 2 * x + 1, 2 * y], [tz + 1, 2 * x, 2 * y + 1], [tz + 1, 2 * x + 1, 2 * y + 1]);
    }
  }
  queue = next;
}
await handle.close();
console.log(JSON.stringify({
  minZoom: header.minZoom,
  maxZoom: header.maxZoom,
  clustered: header.clustered,
  month: metadata.month ?? null,
  layers,
  largest,
}));
