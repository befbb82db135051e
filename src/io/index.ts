/** Files of frames: the capture file v1, Chrome HARs, and reading either (DESIGN.md "src/io"). */
export {
  CAPTURE_FORMAT,
  CAPTURE_SOURCE_KINDS,
  CAPTURE_VERSION,
  CaptureFileSchema,
  CaptureSourceSchema,
  parseCaptureFile,
  writeCaptureFile,
  type CaptureFile,
  type CaptureMeta,
  type CaptureSource,
} from './capture-file';
export { FramesFileError } from './file-error';
export {
  harLeftOutOf,
  leftOutParts,
  notReplayedSaid,
  notWxccEntries,
  NOTHING_LEFT_OUT,
  recordLeftOut,
  unreadableWxccCalls,
  type HarLeftOut,
} from './har-left-out';
export {
  NO_WEBSOCKET_MESSAGES,
  readHar,
  writeHar,
  WXCC_HAR_FORMAT,
  WXCC_HAR_VERSION,
  type HarImport,
  type HarMessage,
  type HarWriteMeta,
} from './har';
export {
  parseFramesText,
  readFramesFile,
  readFramesValue,
  type FramesFile,
  type FramesFileKind,
  type ReadFramesResult,
} from './read-frames-file';
export { Pseudonyms, PSEUDONYM_KINDS, describeCounts, type PseudonymKind } from './pseudonyms';
export { redactCapture, redactFrames, type CaptureRedaction, type FramesRedaction } from './redact';
export { redactHar, type HarRedaction } from './redact-har';
export type { RedactOptions } from './redact-context';
export { exportCapture, type ExportedFile, type ExportFormat, type ExportRequest } from './export-capture';
