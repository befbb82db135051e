import type { Frame } from '../frame/frame';
import type { CaptureSource } from './capture-file';
import { writeCaptureFile } from './capture-file';
import { writeHar } from './har';
import { redactCapture } from './redact';

export type ExportFormat = 'capture' | 'har';

export interface ExportRequest {
  frames: readonly Frame[];
  format: ExportFormat;
  /** Redacted unless the user explicitly asked for the raw data. */
  redact: boolean;
  source: CaptureSource;
  createdAt: number;
}

export interface ExportedFile {
  name: string;
  mimeType: string;
  text: string;
}

const stamp = (t: number) => new Date(t).toISOString().replace(/[:]/g, '-').replace(/\..+$/, '');

/** The file a user gets from "Export": the capture v1 or a Chrome-compatible HAR, redacted by default. */
export function exportCapture(request: ExportRequest): ExportedFile {
  const meta = { createdAt: request.createdAt, source: request.source, redacted: false };
  const capture = request.redact
    ? redactCapture({ frames: request.frames, meta })
    : { frames: [...request.frames], meta };
  const base = `wxcc-${stamp(request.createdAt)}${request.redact ? '-redacted' : '-RAW'}`;
  if (request.format === 'har') {
    return { name: `${base}.har`, mimeType: 'application/json', text: writeHar(capture.frames, capture.meta) };
  }
  return {
    name: `${base}.wxcc.json`,
    mimeType: 'application/json',
    text: writeCaptureFile(capture.frames, capture.meta),
  };
}
