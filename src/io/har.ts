/** Chrome HAR files in and out: `readHar` (har-read.ts), `writeHar` (har-write.ts), the `_wxcc` fields (har-format.ts). */
export { readHar, NO_WEBSOCKET_MESSAGES, type HarImport } from './har-read';
export { writeHar, type HarWriteMeta } from './har-write';
export { WXCC_HAR_FORMAT, WXCC_HAR_VERSION, type HarMessage } from './har-format';
