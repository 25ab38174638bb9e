// Worker entry point. The worker starts as plain Node, so it registers tsx (a dependency
// already used by `npm run engine`) before loading the TypeScript sandbox.
import { register } from "tsx/esm/api";

register();
await import(new URL("./sandbox-worker.ts", import.meta.url).href);
