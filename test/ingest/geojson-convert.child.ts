/**
 * Converts one GeoJSON file to CSV in a process of its own, so a test can
 * bound the memory the conversion may use: `node --max-old-space-size=N`.
 * Prints the number of features.
 */
import { geojsonToCsv } from '../../src/adapters/files/geojson.ts';

const [input, output] = process.argv.slice(2) as [string, string];
const result = await geojsonToCsv(input, output, { limits: { maxRows: Number.MAX_SAFE_INTEGER, maxExpandedBytes: Number.MAX_SAFE_INTEGER } });
process.stdout.write(JSON.stringify({ features: result.features }));
